import type { EntityManager } from 'typeorm';
import { recordEvent, recordEvents } from '../events/index.js';
import { newVerificationCode } from './certificate-code.js';

export type CertificateSubject = { kind: 'course'; courseId: string } | { kind: 'cohort'; cohortId: string };

/** What the queue needs to issue a certificate: its id and which rendering of it is due. */
export interface CertificateTicket {
  id: string;
  revision: number;
}

/** SQL, on courses `c`: its completion requires passing at least one graded quiz of an active module. */
export const REQUIRES_GRADED_QUIZ = `(c.completion->>'quizzes' = 'pass' AND EXISTS (
  SELECT 1 FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id
  WHERE m.course_id = c.id AND m.status = 'active' AND r.quiz IS NOT NULL))`;

/**
 * SQL, on courses `c`: it issues signed certificates. A completion that takes no graded quiz can
 * be had in one click, so such a course needs an admin's approval first.
 */
export const ISSUES_CERTIFICATES = `(c.certificate AND (c.certificate_approved_at IS NOT NULL OR ${REQUIRES_GRADED_QUIZ}))`;

/**
 * Inside the completion transaction: a pending certificate, once per person and course or cohort
 * (`ON CONFLICT DO NOTHING`), and its CertificateRequested event. Returns its ticket, or null when
 * there was one already or the course gives no certificate (see ISSUES_CERTIFICATES).
 */
export async function requestCertificate(
  tx: EntityManager,
  userId: string,
  subject: CertificateSubject,
  completedAt?: Date,
): Promise<CertificateTicket | null> {
  const gate =
    subject.kind === 'course' ? `EXISTS (SELECT 1 FROM courses c WHERE c.id = $3 AND ${ISSUES_CERTIFICATES})` : 'true';
  const rows = await tx.query<Array<{ id: string }>>(
    `INSERT INTO certificates (code, user_id, kind, course_id, cohort_id, completed_at)
     SELECT $1::varchar, $2::uuid, $4::varchar, ${subject.kind === 'course' ? '$3::uuid, NULL' : 'NULL, $3::uuid'}, coalesce($5::timestamptz, now())
     WHERE ${gate}
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      newVerificationCode(),
      userId,
      subject.kind === 'course' ? subject.courseId : subject.cohortId,
      subject.kind,
      completedAt ?? null,
    ],
  );
  if (!rows[0]) return null;
  const ticket = { id: rows[0].id, revision: 1 };
  await recordEvent(tx, { type: 'CertificateRequested', payload: { certificateId: ticket.id, revision: 1 } });
  return ticket;
}

/**
 * Certificates for every completion recorded without one (e.g. before certificates existed), in
 * three statements however many there are: a coordinator's "issue missing" for a thousand
 * trainees was two round trips per trainee in one long transaction.
 */
export async function requestMissing(tx: EntityManager, subject: CertificateSubject): Promise<CertificateTicket[]> {
  const [table, column, id] =
    subject.kind === 'course'
      ? ['course_completions', 'course_id', subject.courseId]
      : ['cohort_completions', 'cohort_id', subject.cohortId];
  const missing = await tx.query<Array<{ user_id: string; completed_at: Date }>>(
    `SELECT x.user_id, x.completed_at FROM ${table} x WHERE x.${column} = $1
     AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.user_id = x.user_id AND c.${column} = x.${column})`,
    [id],
  );
  if (missing.length === 0) return [];
  const gate =
    subject.kind === 'course' ? `EXISTS (SELECT 1 FROM courses c WHERE c.id = $1 AND ${ISSUES_CERTIFICATES})` : 'true';
  const rows = await tx.query<Array<{ id: string }>>(
    `INSERT INTO certificates (code, user_id, kind, course_id, cohort_id, completed_at)
     SELECT m.code, m.user_id, $2::varchar, ${subject.kind === 'course' ? '$1::uuid, NULL' : 'NULL, $1::uuid'}, m.completed_at
     FROM unnest($3::varchar[], $4::uuid[], $5::timestamptz[]) AS m (code, user_id, completed_at)
     WHERE ${gate}
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      id,
      subject.kind,
      missing.map(() => newVerificationCode()),
      missing.map((m) => m.user_id),
      missing.map((m) => m.completed_at),
    ],
  );
  const tickets = rows.map((row) => ({ id: row.id, revision: 1 }));
  await recordEvents(
    tx,
    tickets.map((t) => ({ type: 'CertificateRequested', payload: { certificateId: t.id, revision: t.revision } })),
  );
  return tickets;
}
