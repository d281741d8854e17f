import { htmlToText, joinLines, stripTags } from './gift-html.js';
import type { GiftText } from './gift-types.js';
import { htmlToMarkdown } from './html-markdown.js';

/**
 * GIFT text in any format as one line of Karvan Markdown showing the same words and, where
 * Markdown can say it, the same emphasis, code and links. Never yields raw HTML, and never text
 * the quiz parser would read as an option, a pair or an id.
 */
export function toMarkdownLine(value: GiftText): string {
  return markdownLines(value).join(' ');
}

/** The same, line by line: more than one line means paragraphs or line breaks were joined. */
export function markdownLines(value: GiftText): string[] {
  if (value.format === 'markdown') {
    const text = stripTags(value.text).replace(/</g, '\\<').replace(/->/g, '-\\>');
    return lines(text).map((line, i) => (i === 0 ? line.replace(/^\[/, '\\[') : line));
  }
  if (value.format === 'plain') return lines(value.text).map(escapeMarkdown);
  // [html] and [moodle] (which allows HTML): inline markup kept as Markdown.
  return htmlToMarkdown(value.text, escapeMarkdown).lines;
}

function lines(text: string): string[] {
  return joinLines(text, '\n')
    .split('\n')
    .filter((line) => line !== '');
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
