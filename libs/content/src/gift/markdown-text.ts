import { htmlToText, joinLines, stripTags } from './gift-html.js';
import type { GiftText } from './gift-types.js';

/**
 * GIFT text in any format as one line of Karvan Markdown showing the same words. Never yields raw
 * HTML, and never text the quiz parser would read as an option, a pair or an id.
 */
export function toMarkdownLine(value: GiftText): string {
  if (value.format === 'markdown') {
    return joinLines(stripTags(value.text)).replace(/</g, '\\<').replace(/->/g, '-\\>').replace(/^\[/, '\\[');
  }
  const text = value.format === 'plain' ? joinLines(value.text) : htmlToText(value.text);
  return escapeMarkdown(text);
}

/** The words of GIFT text without any markup, for report titles and short answers. */
export function toPlainText(value: GiftText): string {
  if (value.format === 'plain') return joinLines(value.text);
  return value.format === 'markdown' ? joinLines(stripTags(value.text)) : htmlToText(value.text);
}

/** Plain text that Markdown shows as written: emphasis, links, code, HTML and entities escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>~&]/g, '\\$&');
}

/** A line that starts a paragraph: escapes what would begin a heading, list or setext underline. */
export function asParagraph(line: string): string {
  return line.replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}
