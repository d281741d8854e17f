import type { Locale } from '../shared/locale.js';
import type { BookEdition, BookFormat } from './book-types.js';

export type BookStatus = 'queued' | 'building' | 'ready' | 'failed';

export interface BookRow {
  id: string;
  course_id: string;
  content_hash: string;
  language: Locale;
  edition: BookEdition;
  format: BookFormat;
  status: BookStatus;
  progress: number;
  error: string | null;
  storage_key: string | null;
  size: number | null;
  builds: number;
  built_at: Date | null;
}

/** A built or queued book, as the pages and the command line see it. */
export interface Book {
  id: string;
  courseSlug: string;
  revision: string;
  language: Locale;
  edition: BookEdition;
  format: BookFormat;
  status: BookStatus;
  progress: number;
  /** The checker's `file:line` messages, or what went wrong, when it failed. */
  error: string | null;
  storageKey: string | null;
  size: number | null;
  /** How many times it was built: once, unless a build was interrupted. */
  builds: number;
  fileName: string;
  contentType: string;
}

export function toBook(row: BookRow, courseSlug: string): Book {
  const revision = row.content_hash.slice(0, 12);
  return {
    id: row.id,
    courseSlug,
    revision,
    language: row.language,
    edition: row.edition,
    format: row.format,
    status: row.status,
    progress: row.progress,
    error: row.error,
    storageKey: row.storage_key,
    size: row.size,
    builds: row.builds,
    fileName: `${courseSlug}-${row.language}-${row.edition}-${revision}.${row.format}`,
    contentType: row.format === 'pdf' ? 'application/pdf' : 'application/epub+zip',
  };
}
