import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/index.js';
import { DomainEvents } from '../events/index.js';
import { findCohort } from './cohort-access.js';
import type { SummerTranslations } from './summer-translations.js';
import { evaluateCohortCompletion } from './cohort-completion.js';
import { SummerError, SummerErrorCode } from './summer.errors.js';
import { TimetableService, type SessionRow } from './timetable.service.js';

export const ATTENDANCE = ['present', 'late', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE)[number];

/**
 * A register opens this long before its session starts (people come in early), not sooner: marks
 * for sessions still to come would complete the cohort, and issue its certificates, before the
 * school has ended.
 */
export const REGISTER_OPENS_BEFORE_MS = 30 * 60 * 1000;

/** When the session's register may be marked: `opensAt` is null once it is open. */
export function registerOpening(session: Pick<SessionRow, 'starts_at'>, now = Date.now()): Date | null {
  const opensAt = new Date(session.starts_at.getTime() - REGISTER_OPENS_BEFORE_MS);
  return opensAt.getTime() > now ? opensAt : null;
}

export interface RegisterRow {
  user_id: string;
  name: string;
  status: AttendanceStatus | null;
}

export interface ParticipantAttendance {
  user_id: string;
  name: string;
  email: string;
  attended: number;
  counted: number;
  /** Present or late, over the sessions marked and not excused; null before any. */
  percent: number | null;
}

/** The register of each session, taken by the cohort's coordinators; the members' own record. */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly db: DataSource,
    private readonly timetable: TimetableService,
    private readonly events: DomainEvents,
  ) {}

  async register(principal: Principal, sessionId: string): Promise<{ session: SessionRow; rows: RegisterRow[] }> {
    const session = await this.timetable.managedSession(this.db.manager, principal, sessionId);
    const rows = await this.db.query<RegisterRow[]>(
      `SELECT u.id AS user_id, u.name, a.status FROM cohort_members m JOIN users u ON u.id = m.user_id
       LEFT JOIN attendance a ON a.session_id = $2 AND a.user_id = m.user_id
       WHERE m.cohort_id = $1 ORDER BY u.name, u.id`,
      [session.cohort_id, sessionId],
    );
    return { session, rows };
  }

  /**
   * Records marks for members (`allPresent` first marks everyone present, then the exceptions
   * apply), and in the same transaction evaluates each member's completion of the cohort.
   */
  async mark(
    principal: Principal,
    sessionId: string,
    marks: Record<string, string>,
    allPresent = false,
  ): Promise<number> {
    const problems = Object.entries(marks).filter(([, s]) => !(ATTENDANCE as readonly string[]).includes(s));
    if (problems.length)
      throw new SummerError(
        SummerErrorCode.Invalid,
        `Mark each person ${ATTENDANCE.join(', ')}.`,
        Object.fromEntries(problems),
      );
    return this.events.transaction(async (tx) => {
      const session = await this.timetable.managedSession(tx, principal, sessionId);
      const opensAt = registerOpening(session);
      if (opensAt)
        throw new SummerError(
          SummerErrorCode.RegisterNotOpen,
          `This session has not started: its register opens at ${opensAt.toISOString()}.`,
          undefined,
          { opensAt: opensAt.toISOString() },
        );
      const members = await tx.query<Array<{ user_id: string }>>(
        `SELECT user_id FROM cohort_members WHERE cohort_id = $1`,
        [session.cohort_id],
      );
      const memberIds = new Set(members.map((m) => m.user_id));
      const strangers = Object.keys(marks).filter((id) => !memberIds.has(id));
      if (strangers.length)
        throw new SummerError(SummerErrorCode.Invalid, 'Only members of the cohort can be marked.', {
          [strangers[0]]: 'not a member',
        });
      const final = new Map<string, string>(allPresent ? [...memberIds].map((id) => [id, 'present']) : []);
      for (const [id, status] of Object.entries(marks)) final.set(id, status);
      for (const [userId, status] of final) {
        await tx.query(
          `INSERT INTO attendance (session_id, user_id, status, marked_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (session_id, user_id) DO UPDATE SET status = $3, marked_by = $4, marked_at = now()`,
          [sessionId, userId, status, principal.userId],
        );
      }
      for (const userId of final.keys()) await evaluateCohortCompletion(tx, userId, session.cohort_id);
      return final.size;
    });
  }

  /** A member's own attendance: each session and their mark, and their percentage. */
  async mine(principal: Principal, cohortId: string) {
    await findCohort(this.db.manager, cohortId);
    const sessions = await this.db.query<
      Array<{ title: string; translations: SummerTranslations; starts_at: Date; status: AttendanceStatus | null }>
    >(
      `SELECT s.title, s.translations, s.starts_at, a.status FROM cohort_sessions s
       LEFT JOIN attendance a ON a.session_id = s.id AND a.user_id = $2
       WHERE s.cohort_id = $1 AND s.cancelled_at IS NULL ORDER BY s.starts_at`,
      [cohortId, principal.userId],
    );
    const [me] = await this.participants(cohortId, principal.userId);
    return { sessions, percent: me?.percent ?? null, member: !!me };
  }

  async participants(cohortId: string, onlyUser?: string): Promise<ParticipantAttendance[]> {
    return this.db.query<ParticipantAttendance[]>(
      `SELECT u.id AS user_id, u.name, u.email,
         count(*) FILTER (WHERE a.status IN ('present', 'late'))::int AS attended,
         count(*) FILTER (WHERE a.status IN ('present', 'late', 'absent'))::int AS counted,
         CASE WHEN count(*) FILTER (WHERE a.status IN ('present', 'late', 'absent')) = 0 THEN NULL
           ELSE round(100.0 * count(*) FILTER (WHERE a.status IN ('present', 'late'))
                / count(*) FILTER (WHERE a.status IN ('present', 'late', 'absent')))::int END AS percent
       FROM cohort_members m JOIN users u ON u.id = m.user_id
       LEFT JOIN cohort_sessions s ON s.cohort_id = m.cohort_id AND s.cancelled_at IS NULL
       LEFT JOIN attendance a ON a.session_id = s.id AND a.user_id = m.user_id
       WHERE m.cohort_id = $1 AND ($2::uuid IS NULL OR m.user_id = $2)
       GROUP BY u.id ORDER BY u.name`,
      [cohortId, onlyUser ?? null],
    );
  }
}
