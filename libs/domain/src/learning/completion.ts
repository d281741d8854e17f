import type { EntityManager } from 'typeorm';
import { prepared } from '@karvan/database';
import { requestCertificate, type CertificateTicket } from '../certificates/index.js';
import { recordEvent } from '../events/index.js';
import { notifyCourseCompleted } from './completion-listeners.js';

export interface CompletionOutcome {
  complete: boolean;
  /** True only in the transaction that recorded it: completion is recorded once. */
  newlyRecorded: boolean;
  /** The certificate the completion asked for, to be queued once the transaction has committed. */
  certificate?: CertificateTicket | null;
  /** Summer-school certificates the same completion earned (cohorts linking the course). */
  cohortCertificates?: CertificateTicket[];
}

/**
 * Evaluates a course's completion rule for one person, inside the caller's transaction (the
 * one that changed their progress), and records the completion once, with its pending certificate.
 */
export async function evaluateCompletion(
  tx: EntityManager,
  userId: string,
  courseId: string,
): Promise<CompletionOutcome> {
  const [state] = await prepared<Array<{ complete: boolean }>>(
    tx,
    `SELECT
       (c.completion->>'modules' IS DISTINCT FROM 'all' OR NOT EXISTS (
          SELECT 1 FROM modules m WHERE m.course_id = c.id AND m.status = 'active'
            AND NOT EXISTS (SELECT 1 FROM module_progress p WHERE p.module_id = m.id AND p.user_id = $1)))
       AND
       (c.completion->>'quizzes' IS DISTINCT FROM 'pass' OR NOT EXISTS (
          SELECT 1 FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id
          WHERE m.course_id = c.id AND m.status = 'active' AND r.quiz IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.module_id = m.id AND a.user_id = $1 AND a.passed)))
       AND EXISTS (SELECT 1 FROM modules m WHERE m.course_id = c.id AND m.status = 'active')
       AS complete
     FROM courses c WHERE c.id = $2`,
    [userId, courseId],
  );
  if (!state?.complete) return { complete: false, newlyRecorded: false };
  const inserted = await tx.query<unknown[]>(
    `INSERT INTO course_completions (user_id, course_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`,
    [userId, courseId],
  );
  if (inserted.length === 0) return { complete: true, newlyRecorded: false };
  await recordEvent(tx, { type: 'CourseCompleted', payload: { userId, courseId } });
  const certificate = await requestCertificate(tx, userId, { kind: 'course', courseId });
  // A summer school that links this course may be complete now too.
  const cohortCertificates = await notifyCourseCompleted(tx, userId, courseId);
  return {
    complete: true,
    newlyRecorded: true,
    certificate,
    ...(cohortCertificates.length ? { cohortCertificates } : {}),
  };
}
