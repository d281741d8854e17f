import { translate } from '../i18n/translate.js';
import type { Locale } from '../shared/locale.js';
import type { BookContent, Chapter } from './book-content.js';
import { answersHtml, exercisesHtml } from './book-exercises.js';
import { escapeHtml, safeId, toXhtml } from './book-html.js';
import type { BookInput } from './book-types.js';
import { languageName } from './book-content.js';

/** The parts of a book both formats share, as XHTML fragments. */

export function t(language: Locale, key: string, vars: Record<string, string | number> = {}): string {
  return escapeHtml(translate(language, key, vars));
}

export function bookDate(input: BookInput): string {
  return new Intl.DateTimeFormat(input.language, { dateStyle: 'long', timeZone: 'Asia/Baku' }).format(
    input.generatedAt,
  );
}

export function coverHtml(input: BookInput, content: BookContent): string {
  const l = input.language;
  return (
    `<section class="cover" id="cover">` +
    `<p class="cover-programme">${escapeHtml(input.programme)}</p>` +
    `<h1 class="cover-title">${escapeHtml(content.title)}</h1>` +
    `<p class="cover-edition">${t(l, `book.edition.${input.edition}`)}</p>` +
    `<p class="cover-revision">${t(l, 'book.cover.revision', { revision: input.revision })}</p>` +
    `<p class="cover-language">${t(l, 'book.cover.language', { language: languageName(l, l) })}</p>` +
    `<p class="cover-date">${escapeHtml(bookDate(input))}</p>` +
    `</section>`
  );
}

export function imprintHtml(input: BookInput): string {
  const l = input.language;
  const edition = translate(l, `book.edition.${input.edition}`);
  const url = `<a href="${escapeHtml(input.verifyUrl)}">${escapeHtml(input.verifyUrl)}</a>`;
  return (
    `<section class="imprint" id="imprint">` +
    `<h2 class="imprint-title">${t(l, 'book.imprint.title')}</h2>` +
    `<p>${t(l, 'book.imprint.revision', { revision: input.revision, edition })}</p>` +
    `<p>${t(l, 'book.imprint.licence', { programme: input.programme })}</p>` +
    `<p>${t(l, 'book.imprint.generated', { date: bookDate(input) })}</p>` +
    // The address is a link: the message is escaped with a placeholder, then the link put in its place.
    `<p>${t(l, 'book.imprint.verify', { url: '{url}' }).replace('{url}', url)}</p>` +
    `</section>`
  );
}

/** The chapter's opening: number, title, the fallback note and the boxed objectives. */
export function chapterHeadHtml(chapter: Chapter, language: Locale): string {
  const note = chapter.untranslatedNote
    ? `<p class="untranslated" lang="${language}">${escapeHtml(chapter.untranslatedNote)}</p>`
    : '';
  const objectives = chapter.objectives.map((o) => `<li>${escapeHtml(o)}</li>`).join('');
  return (
    `<h1 class="chapter-title"><span class="chapter-number">${t(language, 'book.chapter', { number: chapter.number })}</span> ` +
    `<span class="chapter-name">${escapeHtml(chapter.title)}</span></h1>` +
    note +
    `<div class="objectives"><p class="objectives-title">${t(language, 'book.objectives')}</p><ul>${objectives}</ul></div>`
  );
}

/** Exercises and references close a chapter. */
export function chapterEndHtml(chapter: Chapter, language: Locale): string {
  const exercises = chapter.quiz
    ? `<section class="exercises" id="${chapter.id}-exercises"><h2>${t(language, 'book.exercises')}</h2>` +
      exercisesHtml(chapter.quiz, language, chapter.number) +
      `</section>`
    : '';
  const references = chapter.sources.length
    ? `<section class="references" id="${chapter.id}-references"><h2>${t(language, 'book.references')}</h2><ol>` +
      chapter.sources.map((s) => `<li>${escapeHtml(s)}</li>`).join('') +
      `</ol></section>`
    : '';
  return exercises + references;
}

export function glossaryHtml(input: BookInput): string {
  if (input.glossary.length === 0) return '';
  const entries = input.glossary
    .map((g) => `<dt id="term-${safeId(g.id)}">${escapeHtml(g.term)}</dt><dd>${escapeHtml(g.definition)}</dd>`)
    .join('');
  return `<h1 class="back-title">${t(input.language, 'book.glossary')}</h1><dl class="glossary">${entries}</dl>`;
}

/** The trainer edition's appendix; the trainee edition has none (see `hasAnswers`). */
export function answersAppendixHtml(input: BookInput, content: BookContent): string {
  if (!hasAnswers(input, content)) return '';
  const l = input.language;
  const parts = content.chapters
    .filter((c) => c.quiz && c.answerKey)
    .map(
      (c) =>
        `<h2>${t(l, 'book.answers.chapter', { number: c.number, title: c.title })}</h2>` +
        answersHtml(c.quiz!, c.answerKey!),
    );
  return toXhtml(`<h1 class="back-title">${t(l, 'book.answers')}</h1>${parts.join('')}`);
}

export function hasAnswers(input: BookInput, content: BookContent): boolean {
  return input.edition === 'trainer' && content.chapters.some((c) => c.quiz && c.answerKey);
}
