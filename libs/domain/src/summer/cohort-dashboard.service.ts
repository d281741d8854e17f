import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/index.js';
import { DomainEvents } from '../events/index.js';
import { requestMissing } from '../certificates/index.js';
import type { SheetTable } from '../shared/spreadsheet.js';
import { AttendanceService, type ParticipantAttendance } from './attendance.service.js';
import { managedCohort, type CohortRow } from './cohort-access.js';
import type { SummerTranslations } from './summer-translations.js';

export interface CohortDashboard {
  cohort: CohortRow;
  byStatus: Array<{ status: string; count: number }>;
  byCategory: Array<{ category: string; count: number; accepted: number }>;
  accepted: number;
  sessions: Array<{
    id: string;
    title: string;
    translations: SummerTranslations;
    starts_at: Date;
    marked: number;
    attended: number;
    percent: number | null;
  }>;
  participants: Array<ParticipantAttendance & { coursesCompleted: number; certificate: ParticipantCertificate }>;
  courses: Array<{
    slug: string;
    title: string;
    /** `{ az: { title } }`: the course's title in each language it is translated into. */
    title_translations: Record<string, { title?: string }>;
    members: number;
    completed: number;
  }>;
  certificates: { completed: number; issued: number; pending: number; missing: number };
}

/**
 * A participant's cohort certificate as the coordinator follows it: its code (the verification
 * page, where staff revoke and re-issue it) and status; `none` once they completed and have none
 * yet; null before they complete.
 */
export type ParticipantCertificate = {
  status: 'pending' | 'issued' | 'revoked' | 'none';
  code: string | null;
  last_error: string | null;
} | null;

/** The coordinator's overview of a cohort, and its CSV exports. */
@Injectable()
export class CohortDashboardService {
  constructor(
    private readonly db: DataSource,
    private readonly attendance: AttendanceService,
    private readonly events: DomainEvents,
  ) {}

  async dashboard(principal: Principal, cohortId: string): Promise<CohortDashboard> {
    const cohort = await managedCohort(this.db.manager, principal, cohortId);
    const q = <T>(sql: string) => this.db.query<T>(sql, [cohortId]);
    const [byStatus, byCategory, sessions, courses, completedCourses, held] = await Promise.all([
      q<CohortDashboard['byStatus']>(
        `SELECT status, count(*)::int AS count FROM applications WHERE cohort_id = $1 AND status <> 'draft' GROUP BY status ORDER BY status`,
      ),
      q<CohortDashboard['byCategory']>(
        `SELECT category, count(*)::int AS count, count(*) FILTER (WHERE status IN ('accepted', 'confirmed'))::int AS accepted
         FROM applications WHERE cohort_id = $1 AND status <> 'draft' GROUP BY category ORDER BY category`,
      ),
      q<CohortDashboard['sessions']>(
        `SELECT s.id, s.title, s.translations, s.starts_at, count(a.*)::int AS marked,
           count(*) FILTER (WHERE a.status IN ('present', 'late'))::int AS attended,
           CASE WHEN count(*) FILTER (WHERE a.status <> 'excused') = 0 THEN NULL ELSE
             round(100.0 * count(*) FILTER (WHERE a.status IN ('present', 'late')) / count(*) FILTER (WHERE a.status <> 'excused'))::int END AS percent
         FROM cohort_sessions s LEFT JOIN attendance a ON a.session_id = s.id
         WHERE s.cohort_id = $1 AND s.cancelled_at IS NULL
         GROUP BY s.id ORDER BY s.starts_at`,
      ),
      q<CohortDashboard['courses']>(
        `SELECT co.slug, co.title, co.title_translations,
           (SELECT count(*)::int FROM cohort_members m WHERE m.cohort_id = $1) AS members,
           (SELECT count(*)::int FROM cohort_members m JOIN course_completions x ON x.user_id = m.user_id AND x.course_id = co.id
            WHERE m.cohort_id = $1) AS completed
         FROM cohort_courses cc JOIN courses co ON co.id = cc.course_id WHERE cc.cohort_id = $1 ORDER BY co.title`,
      ),
      q<Array<{ user_id: string; n: number }>>(
        `SELECT m.user_id, count(x.*)::int AS n FROM cohort_members m JOIN cohort_courses cc ON cc.cohort_id = m.cohort_id
         LEFT JOIN course_completions x ON x.user_id = m.user_id AND x.course_id = cc.course_id
         WHERE m.cohort_id = $1 GROUP BY m.user_id`,
      ),
      q<Array<{ user_id: string; status: string | null; code: string | null; last_error: string | null }>>(
        `SELECT cc.user_id, c.status, c.code, c.last_error FROM cohort_completions cc
         LEFT JOIN certificates c ON c.user_id = cc.user_id AND c.cohort_id = cc.cohort_id WHERE cc.cohort_id = $1`,
      ),
    ]);
    const done = new Map(completedCourses.map((r) => [r.user_id, r.n]));
    // One row per completion, with its certificate if any: the counts and each participant's.
    const count = (status: string | null) => held.filter((r) => r.status === status).length;
    const certs = { completed: held.length, issued: count('issued'), pending: count('pending'), missing: count(null) };
    const certificates = new Map(
      held.map((r) => [r.user_id, { status: r.status ?? 'none', code: r.code, last_error: r.last_error }]),
    );
    const participants = (await this.attendance.participants(cohortId)).map((p) => ({
      ...p,
      coursesCompleted: done.get(p.user_id) ?? 0,
      certificate: (certificates.get(p.user_id) ?? null) as ParticipantCertificate,
    }));
    const accepted = byStatus
      .filter((s) => s.status === 'accepted' || s.status === 'confirmed')
      .reduce((n, s) => n + s.count, 0);
    return { cohort, byStatus, byCategory, accepted, sessions, participants, courses, certificates: certs };
  }

  async applicationsTable(principal: Principal, cohortId: string): Promise<SheetTable> {
    const cohort = await managedCohort(this.db.manager, principal, cohortId);
    const rows = await this.db.query<Array<Record<string, unknown>>>(
      `SELECT u.name, u.email, a.organisation, a.position, a.category, a.status, a.submitted_at, a.answers,
         (SELECT round(avg(r.total), 2) FROM application_reviews r WHERE r.application_id = a.id) AS average,
         (SELECT count(*) FROM application_reviews r WHERE r.application_id = a.id) AS reviews
       FROM applications a JOIN users u ON u.id = a.user_id WHERE a.cohort_id = $1 AND a.status <> 'draft' ORDER BY u.name`,
      [cohortId],
    );
    const fields = cohort.form.filter((f) => f.type !== 'file');
    const header = [
      'name',
      'email',
      'organisation',
      'position',
      'category',
      'status',
      'submitted',
      'average score',
      'reviews',
      ...fields.map((f) => f.label),
    ];
    return {
      name: 'Applications',
      columns: header,
      rows: rows.map((r) => {
        const answers = r.answers as Record<string, string | string[]>;
        return [
          r.name,
          r.email,
          r.organisation,
          r.position,
          r.category,
          r.status,
          r.submitted_at as Date | null,
          r.average === null ? null : Number(r.average),
          Number(r.reviews),
          ...fields.map((f) => [answers[f.key] ?? ''].flat().join('; ')),
        ] as SheetTable['rows'][number];
      }),
    };
  }

  async participantsTable(principal: Principal, cohortId: string): Promise<SheetTable> {
    const board = await this.dashboard(principal, cohortId);
    return {
      name: 'Participants',
      columns: [
        'name',
        'email',
        'sessions attended',
        'sessions counted',
        'attendance percent',
        'linked courses completed',
        'certificate',
        'certificate code',
      ],
      rows: board.participants.map((p) => [
        p.name,
        p.email,
        p.attended,
        p.counted,
        p.percent,
        p.coursesCompleted,
        p.certificate?.status ?? '',
        p.certificate?.code ?? '',
      ]),
    };
  }

  /** Certificates for every recorded completion that has none yet (e.g. after a re-import). */
  async issueCertificates(principal: Principal, cohortId: string): Promise<number> {
    await managedCohort(this.db.manager, principal, cohortId, false, 'certificate.manage');
    const tickets = await this.events.transaction((tx) => requestMissing(tx, { kind: 'cohort', cohortId }));
    return tickets.length;
  }
}
