import type { AnswerKey, CourseModule, QuizModel } from '@karvan/content';
import { translate } from '../i18n/translate.js';
import type { Locale } from '../shared/locale.js';
import type { BookInput } from './book-types.js';
import {
  escapeHtml,
  extractFootnotes,
  idsIn,
  glossaryTerms,
  numberFiguresAndTables,
  prefixIds,
  safeId,
  toXhtml,
  type Footnote,
} from './book-html.js';

/** A module as a chapter of the book, in the book's language where a current translation exists. */
export interface Chapter {
  number: number;
  slug: string;
  /** The chapter's id, also the prefix of every id inside it. */
  id: string;
  title: string;
  objectives: string[];
  sources: string[];
  /** The language the text is in: the book's, or the course's when there is no current translation. */
  language: string;
  /** Set when the chapter falls back to the course's language. */
  untranslatedNote: string | null;
  /** XHTML with links still addressed `book-module:` (see `resolveBookLinks`). */
  html: string;
  footnotes: Footnote[];
  quiz: QuizModel | null;
  answerKey: AnswerKey | null;
  /** Ids of the glossary terms marked in the text, in order, with the id of each mark. */
  termMarks: Array<{ termId: string; markId: string }>;
}

export interface BookContent {
  title: string;
  language: Locale;
  courseLanguage: string;
  introduction: string;
  chapters: Chapter[];
}

/** The book's text: every module as a chapter, in the requested language where it can be. */
export function bookContent(input: BookInput): BookContent {
  const { course, language } = input;
  const courseTranslation = course.translations.find((t) => t.language === language && !t.outOfDate);
  const useBase = language === course.meta.language;
  return {
    title: (!useBase && courseTranslation?.meta.title) || course.meta.title,
    language,
    courseLanguage: course.meta.language,
    introduction: chapterHtml(input, 'introduction', (!useBase && courseTranslation?.html) || course.html, []).html,
    chapters: course.modules.map((module, index) => toChapter(input, module, index + 1)),
  };
}

function toChapter(input: BookInput, module: CourseModule, number: number): Chapter {
  const { language, course } = input;
  const translation =
    language === course.meta.language
      ? undefined
      : module.translations.find((t) => t.language === language && !t.outOfDate);
  const text = translation ?? module;
  const id = `ch-${module.slug}`;
  const termMarks: Chapter['termMarks'] = [];
  const { html, footnotes } = chapterHtml(input, id, text.html, termMarks, number);
  return {
    number,
    slug: module.slug,
    id,
    title: text.title,
    objectives: text.objectives,
    sources: text.sources ?? [],
    language: translation ? language : course.meta.language,
    untranslatedNote:
      translation || language === course.meta.language
        ? null
        : translate(language, 'book.untranslated', {
            language: languageName(language, language),
            base: languageName(language, course.meta.language),
          }),
    html,
    footnotes,
    quiz: text.quiz,
    answerKey: text.answerKey,
    termMarks,
  };
}

function chapterHtml(
  input: BookInput,
  id: string,
  webHtml: string,
  termMarks: Chapter['termMarks'],
  number?: number,
): { html: string; footnotes: Footnote[] } {
  const { html, footnotes } = extractFootnotes(prefixIds(toXhtml(webHtml), id));
  const marked = glossaryTerms(localCalloutLabels(html, input.language), (termId, text) => {
    const markId = `${id}-term-${termMarks.length + 1}`;
    termMarks.push({ termId, markId });
    return `<span class="glossary-term" id="${markId}">${text}</span>`;
  });
  const labels = { figure: translate(input.language, 'book.figure'), table: translate(input.language, 'book.table') };
  const numbered = number === undefined ? marked : numberFiguresAndTables(marked, number, labels).html;
  return { html: numbered, footnotes: footnotes.map((f) => ({ ...f, html: toXhtml(f.html) })) };
}

const WEB_LABELS: Record<string, string> = {
  Note: 'note',
  Tip: 'tip',
  Warning: 'warning',
  Example: 'example',
  Definition: 'definition',
  'Case study': 'case-study',
};

/** The web shows call-out kinds in English; the book names them in its own language. */
function localCalloutLabels(html: string, language: Locale): string {
  return html.replace(/<span class="callout-kind">([^<]*)<\/span>/g, (all, label: string) => {
    const kind = WEB_LABELS[label];
    return kind ? `<span class="callout-kind">${escapeHtml(translate(language, `book.callout.${kind}`))}</span>` : all;
  });
}

/** A language's name in the book's language, e.g. "Русский" for ru. */
export function languageName(bookLanguage: Locale, code: string): string {
  const key = `lang.${code}`;
  const name = translate(bookLanguage, key);
  return name === key ? code : name;
}

/** Where a link to a module (and an anchor in it) lands: the anchor if that chapter has it, else its start. */
export function moduleFragment(content: BookContent, slug: string, anchor: string): string {
  const chapter = content.chapters.find((c) => c.slug === slug);
  if (!chapter) return 'contents';
  const wanted = `${chapter.id}-${safeId(anchor)}`;
  return anchor && idsIn(chapter.html).has(wanted) ? wanted : chapter.id;
}
