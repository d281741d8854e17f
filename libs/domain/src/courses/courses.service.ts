import { Injectable } from '@nestjs/common';
import { prepared } from '@karvan/database';
import { DataSource, type EntityManager } from 'typeorm';
import {
  can,
  courseScope,
  grantCourseAuthors,
  GrantsService,
  holdersOf,
  reach,
  SITE_SCOPE,
  type Capability,
} from '../access/index.js';
import type { Principal } from '../auth/index.js';
import type { Locale } from '../shared/locale.js';
import { newCourseMarkdown } from './compile-module.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';

export type CourseStatus = 'draft' | 'published' | 'archived';
export type EnrolmentMode = 'open' | 'key' | 'approval';

export interface CourseSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  language: string;
  status: CourseStatus;
  enrolmentMode: EnrolmentMode;
  origin: 'files' | 'editor';
  moduleCount: number;
  organisationId: string | null;
}

export interface NewCourse {
  slug: string;
  title: string;
  summary: string;
  language: Locale;
  enrolmentMode: EnrolmentMode;
}

const UNIQUE_VIOLATION = '23505';

const SUMMARY_COLUMNS = `c.id, c.slug, c.title, c.summary, c.language, c.status, c.enrolment_mode, c.origin, c.organisation_id,
  (SELECT count(*)::int FROM modules m WHERE m.course_id = c.id AND m.status = 'active') AS module_count`;

interface SummaryRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  language: string;
  status: CourseStatus;
  enrolment_mode: EnrolmentMode;
  origin: 'files' | 'editor';
  module_count: number;
  organisation_id: string | null;
}

function toSummary(row: SummaryRow): CourseSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    language: row.language,
    status: row.status,
    enrolmentMode: row.enrolment_mode,
    origin: row.origin,
    moduleCount: row.module_count,
    organisationId: row.organisation_id,
  };
}

/** Courses as things authors own: who may edit, creation, co-authors, publishing. */
@Injectable()
export class CoursesService {
  constructor(
    private readonly db: DataSource,
    private readonly grants: GrantsService,
  ) {}

  async listEditable(principal: Principal): Promise<CourseSummary[]> {
    const where = reach(principal, 'course.edit');
    const rows = await this.db.query<SummaryRow[]>(
      `SELECT ${SUMMARY_COLUMNS} FROM courses c
       WHERE $1 OR c.id = ANY($2) OR c.organisation_id = ANY($3)
       ORDER BY c.title`,
      [where.all, where.ids.course, where.ids.organisation],
    );
    return rows.map(toSummary);
  }

  async get(slug: string): Promise<CourseSummary> {
    // Every authoring page and save starts here.
    const rows = await prepared<SummaryRow[]>(this.db, `SELECT ${SUMMARY_COLUMNS} FROM courses c WHERE c.slug = $1`, [
      slug,
    ]);
    if (!rows[0]) throw new CoursesError(CoursesErrorCode.NotFound, `There is no course "${slug}".`);
    return toSummary(rows[0]);
  }

  /** The course, if this person may edit it: an admin, or a trainer among its authors. */
  async getEditable(principal: Principal, slug: string): Promise<CourseSummary> {
    const course = await this.get(slug);
    this.requireAllowed(principal, 'course.edit', course);
    return course;
  }

  /** The same check for a course known only by id, from its own row (its organisation). */
  async assertCanEdit(principal: Principal, courseId: string, tx: EntityManager = this.db.manager): Promise<void> {
    const [row] = await tx.query<Array<{ organisation_id: string | null }>>(
      'SELECT organisation_id FROM courses WHERE id = $1',
      [courseId],
    );
    this.requireAllowed(principal, 'course.edit', { id: courseId, organisationId: row?.organisation_id ?? null });
  }

  allows(principal: Principal, capability: Capability, course: { id: string; organisationId: string | null }): boolean {
    return can(principal, capability, courseScope(course));
  }

  /** The check on a course already read (no query): for methods handed a course by the caller. */
  requireAllowed(
    principal: Principal,
    capability: Capability,
    course: { id: string; organisationId: string | null },
  ): void {
    if (!this.allows(principal, capability, course)) {
      throw new CoursesError(CoursesErrorCode.NotAnAuthor, 'Only the authors of this course and admins may edit it.');
    }
  }

  async create(principal: Principal, input: NewCourse): Promise<CourseSummary> {
    this.grants.require(principal, 'course.create', SITE_SCOPE);
    try {
      await this.db.transaction(async (tx) => {
        const markdown = newCourseMarkdown({
          title: input.title.trim(),
          summary: input.summary.trim(),
          language: input.language,
          enrolment: input.enrolmentMode,
          authors: [principal.email],
        });
        const [{ id }] = await tx.query<Array<{ id: string }>>(
          `INSERT INTO courses (slug, title, summary, language, enrolment_mode, origin, completion, source_markdown)
           VALUES ($1, $2, $3, $4, $5, 'editor', '{"modules":"all","quizzes":"pass"}', $6) RETURNING id`,
          [input.slug, input.title.trim(), input.summary.trim(), input.language, input.enrolmentMode, markdown],
        );
        await grantCourseAuthors(tx, id, [principal.userId]);
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new CoursesError(
          CoursesErrorCode.SlugTaken,
          `A course with the address "${input.slug}" already exists.`,
          {
            slug: 'taken',
          },
        );
      }
      throw error;
    }
    return this.get(input.slug);
  }

  async authors(
    principal: Principal,
    course: CourseSummary,
  ): Promise<Array<{ id: string; name: string; email: string }>> {
    if (!this.allows(principal, 'course.edit', course)) return [];
    const ids = await holdersOf(this.db.manager, { kind: 'course', id: course.id }, ['course_author']);
    return this.db.query(`SELECT u.id, u.name, u.email FROM users u WHERE u.id = ANY($1) ORDER BY u.name`, [ids]);
  }

  /** Co-authors must be trainers: authoring is what the role is for. */
  async addAuthor(principal: Principal, slug: string, email: string): Promise<void> {
    const course = await this.getEditable(principal, slug);
    const rows = await this.db.query<Array<{ id: string }>>(
      `SELECT u.id FROM users u WHERE lower(u.email) = lower($1) AND u.status = 'active'`,
      [email.trim()],
    );
    const trainer = rows[0] && (await this.grants.load(rows[0].id)).some((g) => g.role === 'trainer');
    if (!trainer) {
      throw new CoursesError(CoursesErrorCode.NoSuchCoAuthor, 'There is no trainer with this e-mail address.', {
        email: 'not a trainer',
      });
    }
    await this.grants.grant(principal, rows[0].id, 'course_author', courseScope(course));
  }

  /** Course titles by id, for lists of grants that name their courses. */
  async titles(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.db.query<Array<{ id: string; title: string }>>(
      'SELECT id, title FROM courses WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  /** Puts a course under an organisation (or none), so the organisation's grants reach it. */
  async setOrganisation(principal: Principal, slug: string, organisationId: string | null): Promise<void> {
    this.grants.require(principal, 'organisation.manage', SITE_SCOPE);
    const course = await this.get(slug);
    await this.db.query('UPDATE courses SET organisation_id = $2, updated_at = now() WHERE id = $1', [
      course.id,
      organisationId,
    ]);
  }

  async setStatus(principal: Principal, slug: string, status: 'draft' | 'published'): Promise<CourseSummary> {
    const course = await this.getEditable(principal, slug);
    await this.db.query('UPDATE courses SET status = $2, updated_at = now() WHERE id = $1', [course.id, status]);
    return this.get(slug);
  }
}
