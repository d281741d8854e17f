import { createHash } from 'node:crypto';
import { buildCourse, courseGlossaryTerms, formatProblem, type CourseUrls, type Glossary } from '@karvan/content';
import type { Locale } from '../shared/locale.js';
import { bookContent } from './book-content.js';
import { renderEpub } from './book-epub.js';
import { renderPdf } from './book-pdf.js';
import { printDocument } from './book-print.js';
import type { BookEdition, BookFormat, BookSource } from './book-types.js';
import { BookError, BookErrorCode } from './books.errors.js';

/** Bump when the book's layout changes, so cached books are built again. */
export const BOOK_LAYOUT_VERSION = 1;

// Links between modules stay symbolic until each format knows where a chapter lives.
const BOOK_URLS: CourseUrls = {
  course: () => 'book-course:',
  module: (_course, module, anchor) => `book-module:${encodeURIComponent(module)}:${encodeURIComponent(anchor ?? '')}`,
  media: (_course, file) => file,
};

export interface BookOptions {
  language: Locale;
  edition: BookEdition;
  format: BookFormat;
  programme: string;
  verifyUrl: string;
  /** The whole glossary: the course's links are checked against it, and the terms they name printed. */
  glossary: Glossary;
  generatedAt?: Date;
  onProgress?: (percent: number) => void | Promise<void>;
}

/** The course's revision: every file and image, so a changed picture makes a new edition too. */
export function bookRevision(book: BookSource): string {
  const hash = createHash('sha256').update(`layout ${BOOK_LAYOUT_VERSION}\n`);
  for (const file of [...book.source.files].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    hash.update(`${file.name}\n${file.text.replace(/\r\n/g, '\n')}\n`);
  }
  for (const path of [...book.media.keys()].sort()) hash.update(`${path}\n`).update(book.media.get(path)!);
  return hash.digest('hex');
}

/**
 * Builds one book, all or nothing: a course the checker finds an error in is refused with the
 * checker's own `file:line` messages before anything is rendered.
 */
export async function buildBook(book: BookSource, options: BookOptions): Promise<Buffer> {
  const { course, problems } = buildCourse(book.source, BOOK_URLS, options.glossary);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!course || errors.length > 0) {
    throw new BookError(BookErrorCode.ContentInvalid, errors.map(formatProblem).join('\n'));
  }
  await options.onProgress?.(20);
  const input = {
    course,
    media: book.media,
    language: options.language,
    edition: options.edition,
    revision: bookRevision(book).slice(0, 12),
    generatedAt: options.generatedAt ?? new Date(),
    programme: options.programme,
    verifyUrl: options.verifyUrl,
    glossary: courseGlossaryTerms(course, options.glossary, options.language).map((term) => ({
      id: term.id,
      term: term.term[options.language],
      definition: term.definition[options.language],
    })),
  };
  const content = bookContent(input);
  await options.onProgress?.(40);
  const bytes =
    options.format === 'pdf'
      ? await renderPdf(printDocument(input, content), book.media)
      : await renderEpub(input, content);
  await options.onProgress?.(90);
  return bytes;
}
