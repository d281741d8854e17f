import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/index.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';
import { CoursesService, type CourseSummary } from './courses.service.js';
import { lockModuleList, ModulesService, type SaveResult } from './modules.service.js';

export interface ArchivedModule {
  slug: string;
  title: string;
  revision: number;
}

export interface RevisionView {
  number: number;
  title: string;
  markdown: string;
  html: string;
  authorName: string | null;
  createdAt: Date;
  current: boolean;
}

/**
 * Removing a module archives it: trainees no longer see it and it no longer counts towards
 * completion, but its revisions, the progress and the quiz attempts stay, so it can be restored.
 * Revisions are immutable: restoring one saves its text again as a new revision.
 */
@Injectable()
export class ModuleLifecycleService {
  constructor(
    private readonly db: DataSource,
    private readonly courses: CoursesService,
    private readonly modules: ModulesService,
  ) {}

  async archive(principal: Principal, courseSlug: string, slug: string): Promise<void> {
    const course = await this.courses.getEditable(principal, courseSlug);
    const rows = await this.db.query<unknown[]>(
      `UPDATE modules SET status = 'archived' WHERE course_id = $1 AND slug = $2 AND status IN ('active', 'draft')
       RETURNING id`,
      [course.id, slug],
    );
    if (!rowCount(rows)) throw moduleNotFound(slug);
  }

  /**
   * A draft becomes part of the course: trainees see it, and it counts towards completion from now
   * on (a completion already recorded stays). Publishing a module that is not a draft is refused.
   */
  async publish(principal: Principal, courseSlug: string, slug: string): Promise<void> {
    const course = await this.courses.getEditable(principal, courseSlug);
    const rows = await this.db.query<unknown[]>(
      `UPDATE modules SET status = 'active' WHERE course_id = $1 AND slug = $2 AND status = 'draft' RETURNING id`,
      [course.id, slug],
    );
    if (!rowCount(rows)) throw moduleNotFound(slug);
  }

  /** Back at the end of the course, where the author sees it and can move it. */
  async restore(principal: Principal, courseSlug: string, slug: string): Promise<void> {
    const course = await this.courses.getEditable(principal, courseSlug);
    await this.db.transaction(async (tx) => {
      await lockModuleList(tx, course.id);
      const rows = await tx.query<unknown[]>(
        `UPDATE modules SET status = 'active',
           position = (SELECT coalesce(max(position), 0) + 1 FROM modules WHERE course_id = $1)
         WHERE course_id = $1 AND slug = $2 AND status = 'archived' RETURNING id`,
        [course.id, slug],
      );
      if (!rowCount(rows)) throw moduleNotFound(slug);
    });
  }

  async archived(principal: Principal, course: CourseSummary): Promise<ArchivedModule[]> {
    this.courses.requireAllowed(principal, 'course.edit', course);
    return this.db.query<ArchivedModule[]>(
      `SELECT m.slug, r.title, r.number AS revision FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id
       WHERE m.course_id = $1 AND m.status = 'archived' ORDER BY r.title`,
      [course.id],
    );
  }

  /** One stored revision as it was saved: its text and the HTML trainees saw. */
  async revision(principal: Principal, course: CourseSummary, slug: string, number: number): Promise<RevisionView> {
    this.courses.requireAllowed(principal, 'course.edit', course);
    const [row] = await this.db.query<
      Array<{
        number: number;
        title: string;
        source_markdown: string;
        html: string;
        name: string | null;
        created_at: Date;
        current: boolean;
      }>
    >(
      `SELECT r.number, r.title, r.source_markdown, r.html, u.name, r.created_at, r.id = m.current_revision_id AS current
       FROM modules m JOIN module_revisions r ON r.module_id = m.id LEFT JOIN users u ON u.id = r.author_id
       WHERE m.course_id = $1 AND m.slug = $2 AND m.status IN ('active', 'draft') AND r.number = $3`,
      [course.id, slug, number],
    );
    if (!row) {
      throw new CoursesError(CoursesErrorCode.RevisionNotFound, `Revision ${number} of "${slug}" does not exist.`);
    }
    return {
      number: row.number,
      title: row.title,
      markdown: row.source_markdown,
      html: row.html,
      authorName: row.name,
      createdAt: row.created_at,
      current: row.current,
    };
  }

  /** Saves an old revision's text as the newest one, checked like any save. */
  async restoreRevision(principal: Principal, courseSlug: string, slug: string, number: number): Promise<SaveResult> {
    const course = await this.courses.getEditable(principal, courseSlug);
    const old = await this.modules.source(principal, course, slug, number);
    return this.modules.save(principal, courseSlug, slug, old.markdown);
  }
}

function rowCount(result: unknown): number {
  // node-postgres through TypeORM answers an UPDATE … RETURNING with [rows, count].
  if (Array.isArray(result) && Array.isArray(result[0])) return (result[0] as unknown[]).length;
  return Array.isArray(result) ? result.length : 0;
}

function moduleNotFound(slug: string): CoursesError {
  return new CoursesError(CoursesErrorCode.ModuleNotFound, `There is no module "${slug}" in this course.`);
}
