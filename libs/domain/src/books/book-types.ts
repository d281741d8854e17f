import type { Course, CourseSource } from '@karvan/content';
import type { Locale } from '../shared/locale.js';

export const BOOK_EDITIONS = ['trainee', 'trainer'] as const;
/** The trainee edition has exercises only; the trainer edition adds the answer key. */
export type BookEdition = (typeof BOOK_EDITIONS)[number];

export const BOOK_FORMATS = ['pdf', 'epub'] as const;
export type BookFormat = (typeof BOOK_FORMATS)[number];

/** One term of the course glossary, in the book's language: the terms the course's text links. */
export interface BookGlossaryEntry {
  id: string;
  term: string;
  definition: string;
}

/** A course's files and media bytes, from the database or from a content folder. */
export interface BookSource {
  source: CourseSource;
  media: Map<string, Buffer>;
}

/** Everything a book is made from, apart from its format. */
export interface BookInput {
  course: Course;
  media: Map<string, Buffer>;
  language: Locale;
  edition: BookEdition;
  /** The course revision: a prefix of the hash of all its files. */
  revision: string;
  generatedAt: Date;
  /** The issuing programme, named on the cover. */
  programme: string;
  /** Where a reader checks that this edition is current. */
  verifyUrl: string;
  glossary: BookGlossaryEntry[];
}
