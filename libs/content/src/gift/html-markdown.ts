import { isSafeUrl } from '../link-policy.js';
import { ALT, BLOCK_TAG, COMMENT, decodeEntities, HIDDEN, TAG } from './gift-html.js';

/** Inline HTML that has a Markdown spelling; anything else keeps only its words. */
const MARKS: Record<string, string> = { b: '**', strong: '**', i: '*', em: '*', code: '`' };
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

export interface MarkdownLines {
  /** Lines of inline Markdown; a block tag or <br> starts a new one. */
  lines: string[];
}

/**
 * HTML as inline Markdown that shows the same words with the same emphasis, code and links.
 * Text is escaped, so nothing in it becomes markup; a link keeps its address only when it is a
 * safe one (http, https, mailto or relative).
 */
export function htmlToMarkdown(html: string, escape: (text: string) => string): MarkdownLines {
  let out = '';
  const open: Array<{ at: number; href: string | null }> = [];
  const marks: string[] = [];
  let inCode = false;
  const cleaned = html.replace(COMMENT, '').replace(HIDDEN, '');
  let last = 0;
  const emit = (text: string) => {
    out += inCode ? text.replace(/`/g, '') : escape(text);
  };
  for (const match of cleaned.matchAll(TAG)) {
    emit(decodeEntities(cleaned.slice(last, match.index)));
    last = match.index + match[0].length;
    const tag = match[0];
    const name = match[1].toLowerCase();
    const closing = tag.startsWith('</');
    if (name === 'img') out += ` ${escape(decodeEntities(altOf(tag)))} `;
    else if (BLOCK_TAG.test(name)) out += '\n';
    else if (name === 'a' && !closing) open.push({ at: out.length, href: hrefOf(tag) });
    else if (name === 'a' && closing) out = closeLink(out, open.pop());
    else if (MARKS[name]) {
      if (closing && marks.at(-1) !== name) continue;
      if (closing) marks.pop();
      else marks.push(name);
      if (name === 'code') inCode = !closing;
      out = closing ? closeMark(out, MARKS[name]) : out + MARKS[name];
    }
  }
  emit(decodeEntities(cleaned.slice(last)));
  while (marks.length > 0) out += MARKS[marks.pop()!];
  const lines = out
    .split('\n')
    .map((line) => tidyMarks(line.replace(/\s+/g, ' ').trim()))
    .filter((line) => line !== '');
  return { lines };
}

function altOf(tag: string): string {
  const alt = ALT.exec(tag);
  return alt ? (alt[1] ?? alt[2] ?? alt[3]) : '';
}

function hrefOf(tag: string): string | null {
  const href = HREF.exec(tag);
  const url = href ? decodeEntities(href[1] ?? href[2] ?? href[3]).trim() : '';
  return url !== '' && isSafeUrl(url) && !/[\s()]/.test(url) ? url : null;
}

function closeLink(out: string, link: { at: number; href: string | null } | undefined): string {
  if (!link?.href) return out;
  const text = out.slice(link.at).trim();
  if (text === '') return out;
  return `${out.slice(0, link.at)}[${text}](${link.href})`;
}

/**
 * Closes emphasis with the spaces moved outside (`**a **` is not bold in Markdown), and drops it
 * when it holds nothing.
 */
function closeMark(out: string, mark: string): string {
  const trailing = /\s*$/.exec(out)![0];
  const body = out.slice(0, out.length - trailing.length);
  if (body.endsWith(mark)) return body.slice(0, -mark.length) + trailing;
  const opened = body.lastIndexOf(mark);
  const inner = body.slice(opened + mark.length);
  const leading = /^\s*/.exec(inner)![0];
  return `${body.slice(0, opened)}${leading}${mark}${inner.slice(leading.length)}${mark}${trailing}`;
}

function tidyMarks(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}
