import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { can, courseScope } from '../access/index.js';
import type { Principal } from '../auth/index.js';
import { FileStorage } from '../certificates/index.js';
import { CoursesService, readCourseFiles, type CourseSummary } from '../courses/index.js';
import { DomainEvents, recordEvent } from '../events/index.js';
import { EnrolmentsService } from '../learning/index.js';
import { isLocale, LOCALES, type Locale } from '../shared/locale.js';
import { BOOK_EDITIONS, BOOK_FORMATS, type BookEdition, type BookFormat } from './book-types.js';
import { BookError, BookErrorCode } from './books.errors.js';
import { bookRevision } from './build-book.js';
import { toBook, type Book, type BookRow } from './book-row.js';

export interface BookRequest {
  language: string;
  edition: string;
  format: string;
}

/** What the book page offers this person for a course. */
export interface BookChoices {
  course: CourseSummary;
  languages: readonly Locale[];
  editions: BookEdition[];
  formats: readonly BookFormat[];
  /** The current revision, as printed in the book. */
  revision: string;
}

/**
 * Course books: who may have which edition, and the cache. A book is built once per revision of
 * the course, language, edition and format; a changed course has a new revision, so the next
 * request builds it again.
 */
@Injectable()
export class BooksService {
  constructor(
    private readonly db: DataSource,
    private readonly courses: CoursesService,
    private readonly enrolments: EnrolmentsService,
    private readonly events: DomainEvents,
    private readonly storage: FileStorage,
  ) {}

  async choices(principal: Principal, slug: string): Promise<BookChoices> {
    const course = await this.courses.get(slug);
    await this.requireEdition(principal, course, 'trainee');
    const editions = BOOK_EDITIONS.filter((e) => e === 'trainee' || this.mayHaveAnswers(principal, course));
    const { source, media } = await readCourseFiles(this.db.manager, course.id);
    const revision = bookRevision({ source, media }).slice(0, 12);
    return { course, languages: LOCALES, editions, formats: BOOK_FORMATS, revision };
  }

  /** The book for the course as it is now: the one already built or queued, else a new one. */
  async request(principal: Principal, slug: string, request: BookRequest): Promise<Book> {
    const { language, edition, format } = checked(request);
    const course = await this.courses.get(slug);
    await this.requireEdition(principal, course, edition);
    const hash = bookRevision(await readCourseFiles(this.db.manager, course.id));
    return this.events.transaction(async (tx) => {
      const inserted = await tx.query<BookRow[]>(
        `INSERT INTO books (course_id, content_hash, language, edition, format, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING *`,
        [course.id, hash, language, edition, format, principal.userId],
      );
      // A failed build is tried again on request: the failure may have been the machine's.
      const again = inserted[0]
        ? []
        : await tx.query<BookRow[]>(
            `WITH again AS (
               UPDATE books SET status = 'queued', progress = 0, error = NULL
               WHERE course_id = $1 AND content_hash = $2 AND language = $3 AND edition = $4 AND format = $5
                 AND status = 'failed' RETURNING *
             ) SELECT * FROM again`,
            [course.id, hash, language, edition, format],
          );
      const queued = inserted[0] ?? again[0];
      if (queued) {
        await recordEvent(tx, { type: 'BookRequested', payload: { bookId: queued.id } });
        return toBook(queued, slug);
      }
      const [existing] = await tx.query<BookRow[]>(
        `SELECT * FROM books WHERE course_id = $1 AND content_hash = $2 AND language = $3 AND edition = $4 AND format = $5`,
        [course.id, hash, language, edition, format],
      );
      return toBook(existing, slug);
    });
  }

  async get(principal: Principal, slug: string, bookId: string): Promise<Book> {
    const course = await this.courses.get(slug);
    const [row] = await this.db.query<BookRow[]>(`SELECT * FROM books WHERE id = $1::uuid AND course_id = $2`, [
      uuidOrNil(bookId),
      course.id,
    ]);
    if (!row) throw new BookError(BookErrorCode.NotFound, 'There is no such book.');
    await this.requireEdition(principal, course, row.edition);
    return toBook(row, slug);
  }

  async download(principal: Principal, slug: string, bookId: string): Promise<{ book: Book; bytes: Buffer }> {
    const book = await this.get(principal, slug, bookId);
    const bytes = book.status === 'ready' && book.storageKey ? await this.storage.get(book.storageKey) : null;
    if (!bytes) throw new BookError(BookErrorCode.NotReady, 'This book is not ready yet.');
    return { book, bytes };
  }

  private mayHaveAnswers(principal: Principal, course: CourseSummary): boolean {
    return can(principal, 'course.answers.read', courseScope(course));
  }

  /** The trainee edition: enrolled in the published course, or its staff; the trainer edition: its staff. */
  private async requireEdition(principal: Principal, course: CourseSummary, edition: BookEdition): Promise<void> {
    if (this.mayHaveAnswers(principal, course)) return;
    if (edition === 'trainer') {
      throw new BookError(
        BookErrorCode.Forbidden,
        'Only the course’s authors and trainers may have the trainer edition.',
      );
    }
    const enrolled =
      course.status === 'published' &&
      can(principal, 'learning.participate', courseScope(course)) &&
      (await this.enrolments.status(principal.userId, course.id)) === 'active';
    if (!enrolled) throw new BookError(BookErrorCode.Forbidden, 'Enrol in this course to download its book.');
  }
}

function checked(request: BookRequest): { language: Locale; edition: BookEdition; format: BookFormat } {
  const { language, edition, format } = request;
  if (!isLocale(language)) throw new BookError(BookErrorCode.BadRequest, 'The language must be en, az or ru.');
  if (!(BOOK_EDITIONS as readonly string[]).includes(edition))
    throw new BookError(BookErrorCode.BadRequest, 'The edition must be trainee or trainer.');
  if (!(BOOK_FORMATS as readonly string[]).includes(format))
    throw new BookError(BookErrorCode.BadRequest, 'The format must be pdf or epub.');
  return { language, edition: edition as BookEdition, format: format as BookFormat };
}

/** A malformed id finds nothing instead of failing the query. */
function uuidOrNil(id: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
    ? id
    : '00000000-0000-0000-0000-000000000000';
}
