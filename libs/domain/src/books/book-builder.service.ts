import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { FileStorage } from '../certificates/index.js';
import { GlossaryService } from '../glossary/index.js';
import { readCourseFiles } from '../courses/index.js';
import type { BookRow } from './book-row.js';
import { BookError, BookErrorCode } from './books.errors.js';
import { bookRevision, buildBook } from './build-book.js';

export type BuildOutcome = 'built' | 'cached' | 'failed';

/** Builds a queued book in the worker; a book already built is left alone, so a repeated job builds once. */
@Injectable()
export class BookBuilder {
  private readonly logger = new Logger(BookBuilder.name);

  constructor(
    private readonly db: DataSource,
    private readonly storage: FileStorage,
    private readonly glossary: GlossaryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async build(bookId: string): Promise<BuildOutcome> {
    // Claimed in one statement (UPDATE … RETURNING inside WITH, so the rows come back as rows): a second job for the same book finds it ready (or failed) and stops.
    const [row] = await this.db.query<BookRow[]>(
      `WITH claimed AS (
         UPDATE books SET status = 'building', progress = 5, builds = builds + 1
         WHERE id = $1 AND status IN ('queued', 'building') RETURNING *
       ) SELECT * FROM claimed`,
      [bookId],
    );
    if (!row) return 'cached';
    try {
      await this.render(row);
      return 'built';
    } catch (error) {
      if (!(error instanceof BookError)) this.logger.error({ msg: 'book build failed', bookId, error: String(error) });
      const message = error instanceof BookError ? error.message : 'The typesetting failed; ask for the book again.';
      await this.db.query(`UPDATE books SET status = 'failed', error = $2 WHERE id = $1`, [bookId, message]);
      return 'failed';
    }
  }

  private async render(row: BookRow): Promise<void> {
    const files = await readCourseFiles(this.db.manager, row.course_id);
    const slug = files.source.slug;
    if (bookRevision(files) !== row.content_hash) {
      const message = 'The course changed while this book waited; ask for the book again.';
      throw new BookError(BookErrorCode.ContentInvalid, message);
    }
    const bytes = await buildBook(files, {
      language: row.language,
      edition: row.edition,
      format: row.format,
      programme: this.config.certificateIssuer,
      verifyUrl: `${this.config.baseUrl}/courses/${encodeURIComponent(slug)}/book`,
      glossary: await this.glossary.glossary(),
      onProgress: (percent) => this.progress(row.id, percent),
    });
    const key = `books/${row.course_id}/${row.id}.${row.format}`;
    await this.storage.put(key, bytes);
    await this.db.query(
      `UPDATE books SET status = 'ready', progress = 100, storage_key = $2, size = $3, built_at = now(), error = NULL
       WHERE id = $1`,
      [row.id, key, bytes.length],
    );
  }

  private async progress(bookId: string, percent: number): Promise<void> {
    await this.db.query(`UPDATE books SET progress = $2 WHERE id = $1 AND status = 'building'`, [bookId, percent]);
  }
}
