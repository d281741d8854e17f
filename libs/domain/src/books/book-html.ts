/**
 * Rewrites of the web renderer's HTML for a book: ids unique across chapters, links between
 * modules pointing inside the book, numbered figures and tables, footnotes taken out, glossary
 * links as plain terms, and XHTML syntax (an EPUB's content documents are XML).
 */

export interface Footnote {
  /** The note's number in its chapter, from 1. */
  number: number;
  html: string;
}

/** Where a link to another module (and an anchor in it) leads in this format. */
export type ModuleHref = (slug: string, anchor: string) => string;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Void elements closed the XML way; the heading's tabindex is for the web page only. */
export function toXhtml(html: string): string {
  return html.replace(/<(br|hr|img|col|input|wbr)\b([^>]*?)\s*\/?>/g, '<$1$2 />').replace(/ tabindex="-1"/g, '');
}

/** A value usable as an XML id: no ":" or space (markdown-it names a second note reference "fnref1:1"). */
export function safeId(value: string): string {
  return value.replace(/[^\p{L}\p{M}\p{N}_.-]/gu, '-');
}

/** Prefixes every id and in-page link of a chapter, so two chapters' "#introduction" differ. */
export function prefixIds(html: string, prefix: string): string {
  const id = (value: string) => `${prefix}-${safeId(value)}`;
  return html
    .replace(/ id="([^"]+)"/g, (_all, value: string) => ` id="${id(value)}"`)
    .replace(/ href="#([^"]+)"/g, (_all, value: string) => ` href="#${id(value)}"`);
}

/** Every id in a piece of HTML, so a link to an anchor that is not there can go to its chapter. */
export function idsIn(html: string): Set<string> {
  return new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
}

/** Links the content builder addressed as `book-module:<slug>:<anchor>` and `book-course:`. */
export function resolveBookLinks(html: string, moduleHref: ModuleHref, courseHref: string): string {
  return html
    .replace(/ href="book-module:([^":]*):([^"]*)"/g, (_all, slug: string, anchor: string) => {
      return ` href="${escapeHtml(moduleHref(decodeURIComponent(slug), decodeURIComponent(anchor)))}"`;
    })
    .replace(/ href="book-course:"/g, ` href="${escapeHtml(courseHref)}"`);
}

// `[text](glossary:id)` is left as text by the web renderer (the scheme is not allowed), or an <a>.
const GLOSSARY_TEXT = /\[([^\]<>]+)\]\(glossary:([A-Za-z0-9_-]+)\)/g;
const GLOSSARY_LINK = /<a href="glossary:([A-Za-z0-9_-]+)"[^>]*>(.*?)<\/a>/g;
// The renderer's glossary links (to the site's glossary page), once the glossary resolves them.
// Link text may run over a line break.
const RENDERED_LINK = /<a href="[^"]*" class="glossary-link" data-term="([A-Za-z0-9_-]+)"[^>]*>([\s\S]*?)<\/a>/g;

/** Glossary links become marked terms, never links: the book has no address for them. */
export function glossaryTerms(html: string, mark: (termId: string, text: string) => string): string {
  return html
    .replace(GLOSSARY_TEXT, (_all, text: string, id: string) => mark(id, text))
    .replace(GLOSSARY_LINK, (_all, id: string, text: string) => mark(id, text))
    .replace(RENDERED_LINK, (_all, id: string, text: string) => mark(id, text));
}

const FOOTNOTES = /<hr class="footnotes-sep"\s*\/?>\s*<section class="footnotes">([\s\S]*?)<\/section>\s*/;
const FOOTNOTE_ITEM = /<li id="[^"]*?fn(\d+)" class="footnote-item">([\s\S]*?)<\/li>/g;
const BACKREF = /\s*<a href="#[^"]*?fnref[^"]*" class="footnote-backref">[^<]*<\/a>/g;

/** Takes the footnotes section out of a chapter; the references stay where they are. */
export function extractFootnotes(html: string): { html: string; footnotes: Footnote[] } {
  const section = FOOTNOTES.exec(html);
  if (!section) return { html, footnotes: [] };
  const footnotes = [...section[1].matchAll(FOOTNOTE_ITEM)].map((m) => ({
    number: Number(m[1]),
    html: m[2].replace(BACKREF, '').trim(),
  }));
  return { html: html.replace(FOOTNOTES, ''), footnotes };
}

const FOOTNOTE_REF =
  /<sup class="footnote-ref"><a href="#([^"]*?)fn(\d+)" id="([^"]*?fnref[\d-]+)">\[\d+\]<\/a><\/sup>/g;

/** Replaces each footnote reference; `render` gets the note's number, its id and the reference's id. */
export function replaceFootnoteRefs(
  html: string,
  render: (number: number, noteId: string, refId: string) => string,
): string {
  return html.replace(FOOTNOTE_REF, (_all, prefix: string, n: string, ref: string) =>
    render(Number(n), `${prefix}fn${n}`, ref),
  );
}

/** The note's text without its paragraph wrapper, to sit inline in a footnote area. */
export function inlineNote(html: string): string {
  return html
    .replace(/^<p>/, '')
    .replace(/<\/p>$/, '')
    .replace(/<\/p>\s*<p>/g, ' ');
}

export interface Numbered {
  html: string;
  figures: number;
  tables: number;
}

/** Numbers images that stand alone in a paragraph as figures, and every table, "3.1", "3.2"… */
export function numberFiguresAndTables(html: string, chapter: number, labels: { figure: string; table: string }) {
  let figures = 0;
  let tables = 0;
  const withFigures = html.replace(/<p>(<img [^>]*>)<\/p>/g, (_all, img: string) => {
    figures++;
    const alt = /alt="([^"]*)"/.exec(img)?.[1] ?? '';
    const caption = `<span class="caption-number">${labels.figure} ${chapter}.${figures}.</span> ${alt}`;
    return `<figure class="figure">${img}<figcaption>${caption}</figcaption></figure>`;
  });
  const withTables = withFigures.replace(/<table>/g, () => {
    tables++;
    return `<table><caption><span class="caption-number">${labels.table} ${chapter}.${tables}</span></caption>`;
  });
  return { html: withTables, figures, tables } satisfies Numbered;
}
