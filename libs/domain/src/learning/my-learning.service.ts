import { Batched, prepared, rowsBy } from '@karvan/database';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/index.js';
import { moduleTitleSql } from '../courses/index.js';
import type { Locale } from '../shared/locale.js';
import { fromUserKeys, userKey } from '../shared/user-keys.js';
import type { CourseOutline, ReaderProgress } from './catalogue.service.js';
import type { EnrolmentStatus } from './enrolments.service.js';

export interface MyCourse {
  slug: string;
  title: string;
  status: EnrolmentStatus;
  read: number;
  total: number;
  percent: number;
  completed: boolean;
  next: { slug: string; title: string } | null;
}

/**
 * Where a person stands in one module: not opened, read (a module without a quiz is then done),
 * read with its quiz still to pass, or its quiz passed.
 */
export type ModuleStatus = 'not_started' | 'read' | 'quiz_open' | 'quiz_passed';

interface MyCourseRow {
  slug: string;
  title: string;
  translated: string | null;
  status: EnrolmentStatus;
  read: number;
  total: number;
  completed: boolean;
  next_slug: string | null;
  next_title: string | null;
}

/** "My learning": the trainee's courses, how far they are, and what to do next. */
@Injectable()
export class MyLearningService {
  /** Several people's courses, each in their page language (by `userKey`), in one statement. */
  private readonly coursesOf = new Batched((keys: string[]) => this.readCourses(keys));

  constructor(private readonly db: DataSource) {}

  async courses(principal: Principal, locale: Locale): Promise<MyCourse[]> {
    return (await this.coursesOf.load(userKey(principal.userId, locale))) ?? [];
  }

  private async readCourses(keys: string[]): Promise<Map<string, MyCourse[]>> {
    const { userIds, values: locales } = fromUserKeys(keys);
    // The next module's title in the reader's language is looked up for the one module found, not
    // inside the lateral join, where it was worked out for every unread module before the limit.
    const rows = await prepared<Array<MyCourseRow & { i: number }>>(
      this.db,
      `SELECT k.i::int AS i, c.slug, c.title, c.title_translations->k.locale->>'title' AS translated, e.status,
         (SELECT count(*)::int FROM modules m JOIN module_progress p ON p.module_id = m.id AND p.user_id = k.user_id
          WHERE m.course_id = c.id AND m.status = 'active') AS read,
         (SELECT count(*)::int FROM modules m WHERE m.course_id = c.id AND m.status = 'active') AS total,
         EXISTS (SELECT 1 FROM course_completions cc WHERE cc.course_id = c.id AND cc.user_id = k.user_id) AS completed,
         n.slug AS next_slug, ${moduleTitleSql('n', 'n', 'k.locale')} AS next_title
       FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS k(user_id, locale, i)
       JOIN enrolments e ON e.user_id = k.user_id JOIN courses c ON c.id = e.course_id
       LEFT JOIN LATERAL (
         SELECT m.id, m.slug, r.title
         FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id
         WHERE m.course_id = c.id AND m.status = 'active'
           AND NOT EXISTS (SELECT 1 FROM module_progress p WHERE p.module_id = m.id AND p.user_id = k.user_id)
         ORDER BY m.position LIMIT 1
       ) n ON true
       WHERE e.status IN ('active', 'pending') AND c.status = 'published'
       ORDER BY k.i, e.status, c.title`,
      [userIds, locales],
    );
    return rowsBy(rows, (row) => keys[row.i - 1], myCourse);
  }
}

function myCourse(r: MyCourseRow): MyCourse {
  return {
    slug: r.slug,
    title: r.translated ?? r.title,
    status: r.status,
    read: r.read,
    total: r.total,
    percent: percentRead(r.read, r.total),
    completed: r.completed,
    next: r.next_slug ? { slug: r.next_slug, title: r.next_title ?? r.next_slug } : null,
  };
}

/**
 * One course of the person's, for its page: how far they are and their status in each live module
 * (archived modules are not listed), by slug; from the outline, which reads their progress with the
 * content epoch. Nothing when they are not enrolled.
 */
export function courseProgress(outline: CourseOutline): { course?: MyCourse; statuses: Map<string, ModuleStatus> } {
  const { progress, enrolment } = outline;
  if (!progress || (enrolment !== 'active' && enrolment !== 'pending')) return { statuses: new Map() };
  const modules = outline.syllabus;
  const read = modules.filter((m) => progress.read.has(m.slug)).length;
  const next = modules.find((m) => !progress.read.has(m.slug));
  const course: MyCourse = {
    slug: outline.slug,
    title: outline.title,
    status: enrolment,
    read,
    total: modules.length,
    percent: percentRead(read, modules.length),
    completed: progress.completed,
    next: next ? { slug: next.slug, title: next.title } : null,
  };
  return { course, statuses: new Map(modules.map((m) => [m.slug, statusOf(m, progress)])) };
}

function percentRead(read: number, total: number): number {
  return total ? Math.round((100 * read) / total) : 0;
}

function statusOf(module: { slug: string; hasQuiz: boolean }, progress: ReaderProgress): ModuleStatus {
  if (progress.passed.has(module.slug)) return 'quiz_passed';
  if (!progress.read.has(module.slug)) return 'not_started';
  return module.hasQuiz ? 'quiz_open' : 'read';
}
