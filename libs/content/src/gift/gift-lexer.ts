import { protectEscapes, restoreEscapes } from './gift-escapes.js';
import type { GiftFormat, GiftText } from './gift-types.js';

/** The lines of one GIFT question without its comments, joined, with escapes protected. */
export interface GiftBlock {
  /** 1-based file line of its first line that is not a comment. */
  line: number;
  text: string;
}

/** A question split into its parts; `answers` keeps its escapes protected for further splitting. */
export interface GiftParts {
  title: string | null;
  prompt: GiftText;
  /** Between the braces, general feedback removed; null when there are no braces (a description). */
  answers: string | null;
  generalFeedback: GiftText | null;
  /** Text after the closing brace. */
  after: string;
}

const FORMATS: readonly string[] = ['moodle', 'html', 'plain', 'markdown'];

/** Splits a GIFT file into questions: blank lines separate them, `//` lines are comments. */
export function splitGiftBlocks(source: string): GiftBlock[] {
  const blocks: GiftBlock[] = [];
  let lines: string[] = [];
  let start = 0;
  const flush = () => {
    if (lines.length > 0) blocks.push({ line: start, text: protectEscapes(lines.join('\n').trim()) });
    lines = [];
  };
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  text.split('\n').forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '') flush();
    else if (!trimmed.startsWith('//')) {
      if (lines.length === 0) start = i + 1;
      lines.push(line);
    }
  });
  flush();
  return blocks;
}

export function isCategory(block: GiftBlock): boolean {
  return block.text.startsWith('$CATEGORY:');
}

/** Title, question text, answer block and general feedback of one question, or why they can't be found. */
export function readGiftParts(text: string): GiftParts | { title: string | null; error: string } {
  let rest = text;
  let title: string | null = null;
  if (rest.startsWith('::')) {
    const end = rest.indexOf('::', 2);
    title = end < 0 ? null : oneLine(restoreEscapes(rest.slice(2, end))) || null;
    rest = (end < 0 ? rest.slice(2) : rest.slice(end + 2)).trim();
  }
  const open = rest.indexOf('{');
  const close = rest.indexOf('}');
  if (open < 0 && close < 0) {
    return { title, prompt: readFormatted(rest, 'moodle'), answers: null, generalFeedback: null, after: '' };
  }
  if (close < 0) return { title, error: 'the answer block is not closed: "{" without "}"' };
  if (open < 0 || close < open) return { title, error: 'a "}" with no "{" before it (write \\} for a brace in text)' };
  const inside = rest.slice(open + 1, close);
  if (inside.includes('{')) return { title, error: 'a "{" inside the answer block (write \\{ for a brace in text)' };
  const prompt = readFormatted(rest.slice(0, open), 'moodle');
  const separator = inside.lastIndexOf('####');
  return {
    title,
    prompt,
    answers: (separator < 0 ? inside : inside.slice(0, separator)).trim(),
    generalFeedback: separator < 0 ? null : readFormatted(inside.slice(separator + 4), prompt.format),
    after: oneLine(restoreEscapes(rest.slice(close + 1))),
  };
}

/** Text that may start with a `[format]` tag; escapes are restored. */
export function readFormatted(raw: string, defaultFormat: GiftFormat): GiftText {
  const trimmed = raw.trim();
  const tag = /^\[([a-z]+)\]/.exec(trimmed);
  if (tag && FORMATS.includes(tag[1])) {
    return { format: tag[1] as GiftFormat, text: restoreEscapes(trimmed.slice(tag[0].length)).trim() };
  }
  return { format: defaultFormat, text: restoreEscapes(trimmed) };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
