import { Injectable } from '@nestjs/common';
import { plainLineEnds } from '@karvan/content';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/index.js';
import { GlossaryService } from '../glossary/index.js';
import { compileModule, type CompiledModule, type ContentProblem, newModuleMarkdown } from './compile-module.js';
import { loadCourseSource, moduleFileName, withModuleFile } from './course-source.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';
import { CoursesService, type CourseSummary } from './courses.service.js';
import { storeOverCurrent, storeRevision, type StoredWarning } from './revisions.js';

export interface ModuleListItem {
  id: string;
  slug: string;
  position: number;
  /** Added in the editor and not yet published: trainees do not see it. */
  draft: boolean;
  title: string;
  revision: number;
  updatedAt: Date;
}

/** A module's text as its authors edit it: the current revision's, or an older one's. */
export interface ModuleSource {
  id: string;
  number: number;
  markdown: string;
  /** Not yet published: trainees do not see it. */
  draft: boolean;
}

export interface RevisionInfo {
  number: number;
  contentHash: string;
  authorName: string | null;
  createdAt: Date;
}

/** What the editor's preview shows: the text, the front matter and the quiz as a trainee sees it (no answers). */
export type ModulePreview = Pick<
  CompiledModule,
  'html' | 'toc' | 'quiz' | 'problems' | 'title' | 'summary' | 'objectives' | 'duration'
>;

export interface SaveResult {
  saved: boolean;
  revision: number | null;
  problems: ContentProblem[];
}

interface ModuleRow {
  id: string;
  slug: string;
  position: number;
  draft: boolean;
  title: string;
  revision: number;
  updated_at: Date;
}

export interface ModuleWarning {
  courseSlug: string;
  courseTitle: string;
  moduleSlug: string;
  moduleTitle: string;
  warning: StoredWarning;
}

/** Modules and their revisions: every save of changed text is a new, immutable revision. */
@Injectable()
export class ModulesService {
  constructor(
    private readonly db: DataSource,
    private readonly courses: CoursesService,
    private readonly glossary: GlossaryService,
  ) {}

  /** The course's modules, for those who may edit it. */
  async list(principal: Principal, course: CourseSummary): Promise<ModuleListItem[]> {
    this.courses.requireAllowed(principal, 'course.edit', course);
    const courseId = course.id;
    const rows = await this.db.query<ModuleRow[]>(
      `SELECT m.id, m.slug, m.position, m.status = 'draft' AS draft, r.title, r.number AS revision,
         r.created_at AS updated_at
       FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id
       WHERE m.course_id = $1 AND m.status IN ('active', 'draft') ORDER BY m.position`,
      [courseId],
    );
    return rows.map((r) => ({ ...r, updatedAt: r.updated_at }));
  }

  /**
   * The checker's warnings on the current revisions of these courses' modules, as stored when each
   * was saved or synced (nothing is compiled here). At most `limit`, by course and module order.
   */
  async warnings(principal: Principal, courses: CourseSummary[], limit = 50): Promise<ModuleWarning[]> {
    for (const course of courses) this.courses.requireAllowed(principal, 'course.edit', course);
    const rows = await this.db.query<Array<Omit<ModuleWarning, 'courseTitle'>>>(
      `SELECT c.slug AS "courseSlug", m.slug AS "moduleSlug", r.title AS "moduleTitle", w.value AS warning
       FROM modules m
       JOIN courses c ON c.id = m.course_id
       JOIN module_revisions r ON r.id = m.current_revision_id
       CROSS JOIN LATERAL jsonb_array_elements(r.warnings) WITH ORDINALITY AS w(value, n)
       WHERE m.course_id = ANY($1) AND m.status IN ('active', 'draft')
       ORDER BY c.title, m.position, w.n
       LIMIT $2`,
      [courses.map((c) => c.id), limit],
    );
    const titles = new Map(courses.map((c) => [c.slug, c.title]));
    return rows.map((row) => ({ ...row, courseTitle: titles.get(row.courseSlug) ?? row.courseSlug }));
  }

  async add(principal: Principal, courseSlug: string, slug: string, title: string): Promise<SaveResult> {
    const course = await this.courses.getEditable(principal, courseSlug);
    const markdown = newModuleMarkdown(title);
    return this.db.transaction(async (tx) => {
      await lockModuleList(tx, course.id);
      // Before the check: the template beside a module of the same name would fail it as a duplicate
      // name, and the page would then open the module already there, as if it were the new one.
      const taken = await tx.query<unknown[]>('SELECT 1 FROM modules WHERE course_id = $1 AND slug = $2', [
        course.id,
        slug,
      ]);
      if (taken.length) {
        throw new CoursesError(CoursesErrorCode.SlugTaken, `This course already has a module "${slug}".`, {
          slug: 'taken',
        });
      }
      const [{ position }] = await tx.query<Array<{ position: number }>>(
        'SELECT coalesce(max(position), 0) + 1 AS position FROM modules WHERE course_id = $1',
        [course.id],
      );
      const source = await loadCourseSource(tx, course.id);
      const fileName = moduleFileName(position, slug);
      const compiled = compileModule(
        withModuleFile(source, fileName, markdown),
        fileName,
        await this.glossary.glossaryAt(source.glossaryEpoch),
      );
      if (hasErrors(compiled)) return { saved: false, revision: null, problems: compiled.problems };
      const [{ id }] = await tx.query<Array<{ id: string }>>(
        // In a course trainees read, a draft until its authors publish it: nobody sees the template's
        // text, nor one module more to read. A course not yet published is hidden whole already.
        `INSERT INTO modules (course_id, slug, position, status) VALUES ($1, $2, $3, $4) RETURNING id`,
        [course.id, slug, position, course.status === 'published' ? 'draft' : 'active'],
      );
      const revision = await storeRevision(tx, id, markdown, compiled, principal.userId);
      return { saved: true, revision, problems: compiled.problems };
    });
  }

  /** A module's Markdown (the current revision, or the one asked for), for those who may edit the course. */
  async source(principal: Principal, course: CourseSummary, slug: string, revision?: number): Promise<ModuleSource> {
    this.courses.requireAllowed(principal, 'course.edit', course);
    return this.sourceOf(course.id, slug, revision);
  }

  private async sourceOf(courseId: string, slug: string, revision?: number): Promise<ModuleSource> {
    const rows = await this.db.query<Array<{ id: string; number: number; source_markdown: string; draft: boolean }>>(
      `SELECT m.id, r.number, r.source_markdown, m.status = 'draft' AS draft FROM modules m
       JOIN module_revisions r ON r.module_id = m.id
       WHERE m.course_id = $1 AND m.slug = $2 AND m.status IN ('active', 'draft')
         AND (($3::int IS NULL AND r.id = m.current_revision_id) OR r.number = $3::int)`,
      [courseId, slug, revision ?? null],
    );
    if (!rows[0]) {
      throw new CoursesError(
        revision ? CoursesErrorCode.RevisionNotFound : CoursesErrorCode.ModuleNotFound,
        revision ? `Revision ${revision} of "${slug}" does not exist.` : `There is no module "${slug}" in this course.`,
      );
    }
    return { id: rows[0].id, number: rows[0].number, markdown: rows[0].source_markdown, draft: rows[0].draft };
  }

  /**
   * Checks and saves; a text with errors is refused whole, an unchanged text makes no revision.
   * `baseRevision`, when given, is the revision the text was written from: if another has become
   * current since, the text is refused with EditConflict, so that nobody's work is replaced unseen.
   */
  async save(
    principal: Principal,
    courseSlug: string,
    slug: string,
    markdown: string,
    baseRevision?: number,
  ): Promise<SaveResult> {
    const course = await this.courses.getEditable(principal, courseSlug);
    const text = plainLineEnds(markdown);
    const { compiled, moduleId } = await this.compile(course.id, slug, text);
    if (hasErrors(compiled)) return { saved: false, revision: null, problems: compiled.problems };
    const base = baseRevision ?? null;
    const stored = await storeOverCurrent(this.db.manager, moduleId, text, compiled, principal.userId, base);
    if (stored.current !== null) {
      if (stored.saved === null && !stored.unchanged) throw editConflict(slug, base!, stored.current);
      return { saved: stored.saved !== null, revision: stored.saved ?? stored.current, problems: compiled.problems };
    }
    // The module was removed, or saved by someone else, after the check read it: decide under a lock.
    return this.db.transaction(async (tx) => {
      // Locked first, then read: a statement that waited for the lock cannot see what was committed
      // meanwhile (a join with the current revision would find none), the next statement can.
      const [locked] = await tx.query<Array<{ revision_id: string }>>(
        `SELECT current_revision_id AS revision_id FROM modules WHERE id = $1 AND status IN ('active', 'draft') FOR UPDATE`,
        [moduleId],
      );
      if (!locked)
        throw new CoursesError(CoursesErrorCode.ModuleNotFound, `There is no module "${slug}" in this course.`);
      const [current] = await tx.query<Array<{ content_hash: string; number: number }>>(
        'SELECT content_hash, number FROM module_revisions WHERE id = $1',
        [locked.revision_id],
      );
      if (current.content_hash === compiled.contentHash)
        return { saved: false, revision: current.number, problems: compiled.problems };
      if (base !== null && current.number !== base) throw editConflict(slug, base, current.number);
      const revision = await storeRevision(tx, moduleId, text, compiled, principal.userId);
      return { saved: true, revision, problems: compiled.problems };
    });
  }

  /** Renders without saving: the editor's preview and its checker messages. */
  async preview(principal: Principal, course: CourseSummary, slug: string, markdown: string): Promise<ModulePreview> {
    this.courses.requireAllowed(principal, 'course.edit', course);
    const { compiled } = await this.compile(course.id, slug, plainLineEnds(markdown));
    const { html, toc, quiz, problems, title, summary, objectives, duration } = compiled;
    return { html, toc, quiz, problems, title, summary, objectives, duration };
  }

  /** The module checked in its course as it is now, with the module's id. */
  private async compile(
    courseId: string,
    slug: string,
    markdown: string,
  ): Promise<{ compiled: CompiledModule; moduleId: string }> {
    const source = await loadCourseSource(this.db.manager, courseId);
    const fileName = source.moduleFiles.get(slug);
    const moduleId = source.moduleIds.get(slug);
    if (!fileName || !moduleId)
      throw new CoursesError(CoursesErrorCode.ModuleNotFound, `There is no module "${slug}" in this course.`);
    const glossary = await this.glossary.glossaryAt(source.glossaryEpoch);
    return { compiled: compileModule(withModuleFile(source, fileName, markdown), fileName, glossary), moduleId };
  }

  async history(principal: Principal, course: CourseSummary, slug: string): Promise<RevisionInfo[]> {
    this.courses.requireAllowed(principal, 'course.edit', course);
    const courseId = course.id;
    const rows = await this.db.query<
      Array<{ number: number; content_hash: string; name: string | null; created_at: Date }>
    >(
      `SELECT r.number, r.content_hash, u.name, r.created_at FROM modules m
       JOIN module_revisions r ON r.module_id = m.id LEFT JOIN users u ON u.id = r.author_id
       WHERE m.course_id = $1 AND m.slug = $2 ORDER BY r.number DESC`,
      [courseId, slug],
    );
    return rows.map((r) => ({
      number: r.number,
      contentHash: r.content_hash,
      authorName: r.name,
      createdAt: r.created_at,
    }));
  }

  /** New order of the course's modules; it must name each active module exactly once. */
  async reorder(principal: Principal, courseSlug: string, slugs: string[]): Promise<void> {
    const course = await this.courses.getEditable(principal, courseSlug);
    await this.db.transaction(async (tx) => {
      await lockModuleList(tx, course.id);
      const rows = await tx.query<Array<{ slug: string }>>(
        `SELECT slug FROM modules WHERE course_id = $1 AND status IN ('active', 'draft') ORDER BY slug`,
        [course.id],
      );
      const current = rows.map((r) => r.slug);
      if (slugs.length !== current.length || [...slugs].sort().join() !== current.join()) {
        throw new CoursesError(CoursesErrorCode.BadOrder, 'The new order must list every module of the course once.');
      }
      for (const [index, slug] of slugs.entries()) {
        await tx.query('UPDATE modules SET position = $3 WHERE course_id = $1 AND slug = $2', [
          course.id,
          slug,
          index + 1,
        ]);
      }
    });
  }
}

/**
 * Changes to a course's list of modules (an addition, a restore, a new order) one at a time, so
 * each sees the names and places taken before it: two at once had taken the same place, and the
 * later file of the two was then refused for its number on every save. Locks the course's row
 * without blocking what only refers to it (enrolments, progress); a content sync locks it too.
 * The reads that follow must be statements of their own, made after the lock.
 */
export async function lockModuleList(tx: EntityManager, courseId: string): Promise<void> {
  await tx.query('SELECT 1 FROM courses WHERE id = $1 FOR NO KEY UPDATE', [courseId]);
}

function editConflict(slug: string, base: number, current: number): CoursesError {
  return new CoursesError(
    CoursesErrorCode.EditConflict,
    `Revision ${current} of "${slug}" was saved after revision ${base}, the one this text was written from: ` +
      'compare the two, then save again to replace it.',
    { baseRevision: 'outdated' },
    { number: current, base },
  );
}

function hasErrors(compiled: CompiledModule): boolean {
  return compiled.problems.some((p) => p.severity === 'error');
}
