import type { EntityManager } from 'typeorm';
import { requestCertificate, type CertificateTicket } from '../certificates/index.js';
import { recordEvent } from '../events/index.js';
import { onCourseCompleted } from '../learning/index.js';

export interface CohortCompletionOutcome {
  complete: boolean;
  newlyRecorded: boolean;
  certificate: CertificateTicket | null;
}

/**
 * A cohort's rule, for one member, inside the transaction that changed their attendance or
 * course progress: every session's register records them; of the sessions not excused, they
 * attended (present or late) at least the minimum percentage; and, if the cohort asks, they
 * completed every linked course. Recorded once, with its pending certificate.
 */
export async function evaluateCohortCompletion(
  tx: EntityManager,
  userId: string,
  cohortId: string,
): Promise<CohortCompletionOutcome> {
  const [state] = await tx.query<Array<{ complete: boolean }>>(
    `WITH marks AS (
       SELECT count(*) FILTER (WHERE a.status IN ('present', 'late'))::int AS attended,
              count(*) FILTER (WHERE a.status <> 'excused')::int AS counted,
              count(a.status)::int AS marked, count(*)::int AS sessions
       FROM cohort_sessions s LEFT JOIN attendance a ON a.session_id = s.id AND a.user_id = $1
       WHERE s.cohort_id = $2 AND s.cancelled_at IS NULL
     )
     SELECT EXISTS (SELECT 1 FROM cohort_members m WHERE m.cohort_id = c.id AND m.user_id = $1)
       AND marks.sessions > 0 AND marks.marked = marks.sessions AND marks.counted > 0
       AND marks.attended * 100 >= c.min_attendance * marks.counted
       AND (NOT c.require_courses OR NOT EXISTS (
         SELECT 1 FROM cohort_courses cc WHERE cc.cohort_id = c.id
           AND NOT EXISTS (SELECT 1 FROM course_completions x WHERE x.course_id = cc.course_id AND x.user_id = $1)))
       AS complete
     FROM cohorts c, marks WHERE c.id = $2`,
    [userId, cohortId],
  );
  if (!state?.complete) return { complete: false, newlyRecorded: false, certificate: null };
  const inserted = await tx.query<unknown[]>(
    `INSERT INTO cohort_completions (user_id, cohort_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`,
    [userId, cohortId],
  );
  if (inserted.length === 0) return { complete: true, newlyRecorded: false, certificate: null };
  await recordEvent(tx, { type: 'CohortCompleted', payload: { userId, cohortId } });
  // Certificates hook in here: the summer-school certificate is asked for in the same transaction.
  const certificate = await requestCertificate(tx, userId, { kind: 'cohort', cohortId });
  return { complete: true, newlyRecorded: true, certificate };
}

/** After a course completion: the cohorts of this member that link the course may now be complete. */
export async function evaluateCohortsOfCourse(
  tx: EntityManager,
  userId: string,
  courseId: string,
): Promise<CertificateTicket[]> {
  const cohorts = await tx.query<Array<{ cohort_id: string }>>(
    `SELECT cc.cohort_id FROM cohort_courses cc JOIN cohort_members m ON m.cohort_id = cc.cohort_id AND m.user_id = $1
     WHERE cc.course_id = $2`,
    [userId, courseId],
  );
  const tickets: CertificateTicket[] = [];
  for (const { cohort_id } of cohorts) {
    const outcome = await evaluateCohortCompletion(tx, userId, cohort_id);
    if (outcome.certificate) tickets.push(outcome.certificate);
  }
  return tickets;
}

// Registered when the summer feature loads: a completed linked course may complete a cohort.
onCourseCompleted(evaluateCohortsOfCourse);
