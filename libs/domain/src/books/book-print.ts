import { moduleFragment, type BookContent, type Chapter } from './book-content.js';
import { escapeHtml, inlineNote, replaceFootnoteRefs, resolveBookLinks, safeId } from './book-html.js';
import {
  answersAppendixHtml,
  chapterEndHtml,
  chapterHeadHtml,
  coverHtml,
  glossaryHtml,
  hasAnswers,
  imprintHtml,
  t,
} from './book-sections.js';
import { printCss } from './book-style.js';
import type { BookInput } from './book-types.js';

/** The whole book as one HTML document for the paged-media engine. */
export function printDocument(input: BookInput, content: BookContent): string {
  const l = input.language;
  const intro = content.introduction.trim()
    ? `<section class="introduction" id="introduction"><h1 class="introduction-title">${t(l, 'book.introduction')}</h1>` +
      `${links(content, content.introduction)}</section>`
    : '';
  const back = [
    backSection('glossary', glossaryHtml(input)),
    backSection('answers', answersAppendixHtml(input, content)),
    backSection('index', indexHtml(input, content)),
  ].join('');
  return (
    `<!DOCTYPE html>\n<html lang="${l}"><head><meta charset="utf-8" />` +
    `<title>${escapeHtml(content.title)}</title>` +
    `<meta name="author" content="${escapeHtml(input.programme)}" />` +
    `<meta name="description" content="${t(l, `book.edition.${input.edition}`)}, ${escapeHtml(input.revision)}" />` +
    `<meta name="generator" content="Karvan" />` +
    `<meta name="dcterms.created" content="${input.generatedAt.toISOString()}" />` +
    `<style>${printCss()}</style></head><body>` +
    coverHtml(input, content) +
    imprintHtml(input) +
    contentsHtml(input, content, intro !== '') +
    intro +
    content.chapters.map((c) => chapterSection(c, input, content)).join('\n') +
    back +
    `</body></html>`
  );
}

function backSection(id: string, html: string): string {
  return html ? `<section class="back" id="${id}">${html}</section>` : '';
}

function links(content: BookContent, html: string): string {
  const intro = content.introduction.trim() ? '#introduction' : '#contents';
  return resolveBookLinks(html, (slug, anchor) => `#${moduleFragment(content, slug, anchor)}`, intro);
}

function contentsHtml(input: BookInput, content: BookContent, hasIntro: boolean): string {
  const l = input.language;
  const entry = (href: string, text: string) => `<li><a href="#${href}">${text}</a></li>`;
  const entries = [
    hasIntro ? entry('introduction', t(l, 'book.introduction')) : '',
    ...content.chapters.map((c) =>
      entry(c.id, `${t(l, 'book.chapter', { number: c.number })}. ${escapeHtml(c.title)}`),
    ),
    input.glossary.length ? entry('glossary', t(l, 'book.glossary')) : '',
    hasAnswers(input, content) ? entry('answers', t(l, 'book.answers')) : '',
    hasIndex(input, content) ? entry('index', t(l, 'book.index')) : '',
  ];
  return `<nav class="toc" id="contents"><h1 class="toc-title">${t(l, 'book.contents')}</h1><ol>${entries.join('')}</ol></nav>`;
}

/** Footnotes float to the foot of their page; each reference carries its note's text. */
function chapterSection(chapter: Chapter, input: BookInput, content: BookContent): string {
  const notes = new Map(chapter.footnotes.map((f) => [f.number, f.html]));
  const body = replaceFootnoteRefs(links(content, chapter.html), (n) => {
    return `<span class="footnote">${inlineNote(links(content, notes.get(n) ?? ''))}</span>`;
  });
  return (
    `<section class="chapter" id="${chapter.id}" lang="${chapter.language}">` +
    chapterHeadHtml(chapter, input.language) +
    body +
    chapterEndHtml(chapter, input.language) +
    `</section>`
  );
}

function hasIndex(input: BookInput, content: BookContent): boolean {
  return input.glossary.length > 0 && content.chapters.length > 0;
}

/** Each glossary term with the pages where the text marks it, and where it is defined. */
function indexHtml(input: BookInput, content: BookContent): string {
  if (!hasIndex(input, content)) return '';
  const marks = content.chapters.flatMap((c) => c.termMarks);
  const items = input.glossary.map((g) => {
    const refs = [`term-${safeId(g.id)}`, ...marks.filter((m) => m.termId === g.id).map((m) => m.markId)];
    const pages = refs.map((id) => `<a href="#${escapeHtml(id)}"></a>`).join(', ');
    return `<li>${escapeHtml(g.term)} ${pages}</li>`;
  });
  return `<h1 class="back-title">${t(input.language, 'book.index')}</h1><div class="index"><ul>${items.join('')}</ul></div>`;
}
