import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { hasRole, type Principal } from '../auth/principal.js';
import type { Locale } from '../users/roles.js';
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
}

export interface NewCourse {
  slug: string;
  title: string;
  summary: string;
  language: Locale;
  enrolmentMode: EnrolmentMode;
}

const UNIQUE_VIOLATION = '23505';

const SUMMARY_COLUMNS = `c.id, c.slug, c.title, c.summary, c.language, c.status, c.enrolment_mode, c.origin,
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
  };
}

/** Courses as things authors own: who may edit, creation, co-authors, publishing. */
@Injectable()
export class CoursesService {
  constructor(private readonly db: DataSource) {}

  async listEditable(principal: Principal): Promise<CourseSummary[]> {
    const admin = hasRole(principal, 'admin');
    const rows = await this.db.query<SummaryRow[]>(
      `SELECT ${SUMMARY_COLUMNS} FROM courses c
       WHERE $1 OR EXISTS (SELECT 1 FROM course_authors a WHERE a.course_id = c.id AND a.user_id = $2)
       ORDER BY c.title`,
      [admin, principal.userId],
    );
    return rows.map(toSummary);
  }

  async get(slug: string): Promise<CourseSummary> {
    const rows = await this.db.query<SummaryRow[]>(`SELECT ${SUMMARY_COLUMNS} FROM courses c WHERE c.slug = $1`, [
      slug,
    ]);
    if (!rows[0]) throw new CoursesError(CoursesErrorCode.NotFound, `There is no course "${slug}".`);
    return toSummary(rows[0]);
  }

  /** The course, if this person may edit it: an admin, or a trainer among its authors. */
  async getEditable(principal: Principal, slug: string): Promise<CourseSummary> {
    const course = await this.get(slug);
    await this.assertCanEdit(principal, course.id);
    return course;
  }

  async assertCanEdit(principal: Principal, courseId: string, tx: EntityManager = this.db.manager): Promise<void> {
    if (hasRole(principal, 'admin')) return;
    const rows = await tx.query<unknown[]>('SELECT 1 FROM course_authors WHERE course_id = $1 AND user_id = $2', [
      courseId,
      principal.userId,
    ]);
    if (!hasRole(principal, 'trainer') || rows.length === 0) {
      throw new CoursesError(CoursesErrorCode.NotAnAuthor, 'Only the authors of this course and admins may edit it.');
    }
  }

  async create(principal: Principal, input: NewCourse): Promise<CourseSummary> {
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
        await tx.query('INSERT INTO course_authors (course_id, user_id) VALUES ($1, $2)', [id, principal.userId]);
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

  async authors(courseId: string): Promise<Array<{ id: string; name: string; email: string }>> {
    return this.db.query(
      `SELECT u.id, u.name, u.email FROM course_authors a JOIN users u ON u.id = a.user_id
       WHERE a.course_id = $1 ORDER BY u.name`,
      [courseId],
    );
  }

  /** Co-authors must be trainers: authoring is what the role is for. */
  async addAuthor(principal: Principal, slug: string, email: string): Promise<void> {
    const course = await this.getEditable(principal, slug);
    const rows = await this.db.query<Array<{ id: string }>>(
      `SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'trainer'
       WHERE lower(u.email) = lower($1) AND u.status = 'active'`,
      [email.trim()],
    );
    if (!rows[0]) {
      throw new CoursesError(CoursesErrorCode.NoSuchCoAuthor, 'There is no trainer with this e-mail address.', {
        email: 'not a trainer',
      });
    }
    await this.db.query('INSERT INTO course_authors (course_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      course.id,
      rows[0].id,
    ]);
  }

  async setStatus(principal: Principal, slug: string, status: 'draft' | 'published'): Promise<CourseSummary> {
    const course = await this.getEditable(principal, slug);
    await this.db.query('UPDATE courses SET status = $2, updated_at = now() WHERE id = $1', [course.id, status]);
    return this.get(slug);
  }
}
