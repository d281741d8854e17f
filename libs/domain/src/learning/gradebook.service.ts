import type { SheetTable } from '../shared/spreadsheet.js';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { can, courseScope, linkedScopes } from '../access/index.js';
import type { Principal } from '../auth/index.js';
import { EnrolmentError, EnrolmentErrorCode } from './enrolment.errors.js';

export interface GradebookCell {
  read: boolean;
  bestPercent: number | null;
  attempts: number;
  passed: boolean;
}

export interface GradebookRow {
  userId: string;
  name: string;
  email: string;
  organisation: string;
  completed: boolean;
  cells: GradebookCell[];
}

export interface Gradebook {
  course: { slug: string; title: string };
  /**
   * Whether this person may open the course's certificates page: it lists every completion, so
   * staff who see only their linked cohort's members do not get it.
   */
  canManageCertificates: boolean;
  /** The reader grades the course's essays (its trainers, not a cohort's staff). */
  canGrade: boolean;
  modules: Array<{ slug: string; title: string; hasQuiz: boolean }>;
  rows: GradebookRow[];
  /** Per module with a quiz: how many trainees' best scores fall in 0-9 %, 10-19 %, … 90-100 %. */
  distributions: Array<{ slug: string; title: string; buckets: number[] }>;
}

interface CellRow {
  user_id: string;
  slug: string;
  read: boolean;
  best: string | null;
  attempts: number;
  passed: boolean;
}

/** Trainee × module: read, best score, attempts, passed — for the course's trainers, coordinators and admins. */
@Injectable()
export class GradebookService {
  constructor(private readonly db: DataSource) {}

  async gradebook(principal: Principal, courseSlug: string): Promise<Gradebook> {
    const { course, audience } = await this.visibleCourse(principal, courseSlug);
    const modules = await this.db.query<Array<{ id: string; slug: string; title: string; has_quiz: boolean }>>(
      `SELECT m.id, m.slug, r.title, r.quiz IS NOT NULL AS has_quiz FROM modules m
       JOIN module_revisions r ON r.id = m.current_revision_id
       WHERE m.course_id = $1 AND m.status = 'active' ORDER BY m.position`,
      [course.id],
    );
    const people = await this.db.query<
      Array<{ id: string; name: string; email: string; organisation: string; completed: boolean }>
    >(
      `SELECT u.id, u.name, u.email, u.organisation,
         EXISTS (SELECT 1 FROM course_completions cc WHERE cc.user_id = u.id AND cc.course_id = $1) AS completed
       FROM enrolments e JOIN users u ON u.id = e.user_id
       WHERE e.course_id = $1 AND e.status = 'active' AND ($2::uuid[] IS NULL OR e.user_id = ANY($2::uuid[]))
       ORDER BY u.name, u.email`,
      [course.id, audience],
    );
    // One query for every cell, not one per trainee and module.
    const cells = await this.db.query<CellRow[]>(
      `SELECT e.user_id, m.slug,
         EXISTS (SELECT 1 FROM module_progress p WHERE p.user_id = e.user_id AND p.module_id = m.id) AS read,
         (SELECT max(a.percent) FROM quiz_attempts a WHERE a.user_id = e.user_id AND a.module_id = m.id AND a.submitted_at IS NOT NULL) AS best,
         (SELECT count(*)::int FROM quiz_attempts a WHERE a.user_id = e.user_id AND a.module_id = m.id) AS attempts,
         EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.user_id = e.user_id AND a.module_id = m.id AND a.passed) AS passed
       FROM enrolments e JOIN modules m ON m.course_id = e.course_id AND m.status = 'active'
       WHERE e.course_id = $1 AND e.status = 'active' AND ($2::uuid[] IS NULL OR e.user_id = ANY($2::uuid[]))`,
      [course.id, audience],
    );
    const byKey = new Map(cells.map((c) => [`${c.user_id}/${c.slug}`, c]));
    const rows = people.map((p) => ({
      userId: p.id,
      name: p.name,
      email: p.email,
      organisation: p.organisation,
      completed: p.completed,
      cells: modules.map((m) => toCell(byKey.get(`${p.id}/${m.slug}`))),
    }));
    return {
      course: { slug: course.slug, title: course.title },
      canManageCertificates: can(principal, 'certificate.manage', courseScope(course)),
      canGrade: can(principal, 'attempt.grade', courseScope(course)),
      modules: modules.map((m) => ({ slug: m.slug, title: m.title, hasQuiz: m.has_quiz })),
      rows,
      distributions: modules
        .map((m, index) => ({ m, index }))
        .filter(({ m }) => m.has_quiz)
        .map(({ m, index }) => ({
          slug: m.slug,
          title: m.title,
          buckets: buckets(rows.map((r) => r.cells[index].bestPercent)),
        })),
    };
  }

  /**
   * The course and whose rows this person sees: everyone (null) when granted on the course, else
   * the members of linked cohorts where they may read gradebooks; nobody means no access.
   */
  private async visibleCourse(
    principal: Principal,
    slug: string,
  ): Promise<{
    course: { id: string; slug: string; title: string; organisationId: string | null };
    audience: string[] | null;
  }> {
    const [row] = await this.db.query<
      Array<{ id: string; slug: string; title: string; organisation_id: string | null }>
    >(`SELECT c.id, c.slug, c.title, c.organisation_id FROM courses c WHERE c.slug = $1`, [slug]);
    if (!row) throw new EnrolmentError(EnrolmentErrorCode.CourseNotFound, 'There is no such course.');
    const course = { id: row.id, slug: row.slug, title: row.title, organisationId: row.organisation_id };
    if (can(principal, 'gradebook.read', courseScope(course))) return { course, audience: null };
    const audience = await this.linkedAudience(principal, course.id);
    if (audience.length === 0) {
      throw new EnrolmentError(
        EnrolmentErrorCode.NotAllowed,
        'Only the course’s trainers, coordinators and admins see its gradebook.',
      );
    }
    return { course, audience };
  }

  private async linkedAudience(principal: Principal, courseId: string): Promise<string[]> {
    const enrolled = await this.db.query<Array<{ user_id: string }>>(
      `SELECT user_id FROM enrolments WHERE course_id = $1 AND status = 'active'`,
      [courseId],
    );
    const scopes = await linkedScopes(
      this.db.manager,
      courseId,
      enrolled.map((e) => e.user_id),
    );
    return [...scopes].filter(([, list]) => list.some((s) => can(principal, 'gradebook.read', s))).map(([id]) => id);
  }
}

function toCell(row: CellRow | undefined): GradebookCell {
  return {
    read: row?.read ?? false,
    bestPercent: row?.best === null || row?.best === undefined ? null : Number(row.best),
    attempts: row?.attempts ?? 0,
    passed: row?.passed ?? false,
  };
}

function buckets(percents: Array<number | null>): number[] {
  const counts = Array.from({ length: 10 }, () => 0);
  for (const p of percents) if (p !== null) counts[Math.min(9, Math.floor(p / 10))]++;
  return counts;
}

/** The gradebook as a table to export, one line per trainee. */
export function gradebookTable(book: Gradebook): SheetTable {
  const header = [
    'name',
    'email',
    'organisation',
    'completed',
    ...book.modules.flatMap((m) => [`${m.slug} read`, `${m.slug} best %`, `${m.slug} attempts`, `${m.slug} passed`]),
  ];
  const lines = book.rows.map((r) => [
    r.name,
    r.email,
    r.organisation,
    r.completed ? 'yes' : 'no',
    ...r.cells.flatMap((c) => [c.read ? 'yes' : 'no', c.bestPercent, c.attempts, c.passed ? 'yes' : 'no']),
  ]);
  return { name: 'Gradebook', columns: header, rows: lines };
}
