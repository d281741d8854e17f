import type { EntityManager } from 'typeorm';
import { evaluateCompletion } from '@karvan/domain';

/** The shipped course the demo trainee has finished, so a certificate can be shown and verified. */
export const DEMO_COMPLETED_COURSE = 'research-methods-migration';

/**
 * Enrols the demo trainee, marks every module read and records each quiz as passed with full
 * marks (demo data: no answers are stored), then evaluates completion as a real submission would,
 * which asks for the certificate, in the caller's transaction. Nothing happens twice; without the
 * course (content not synced yet) it does nothing.
 */
export async function completeDemoCourse(tx: EntityManager, email: string, courseSlug: string): Promise<void> {
  const [target] = await tx.query<Array<{ user_id: string; course_id: string }>>(
    `SELECT u.id AS user_id, c.id AS course_id FROM users u, courses c
     WHERE lower(u.email) = lower($1) AND c.slug = $2 AND c.status = 'published'`,
    [email, courseSlug],
  );
  if (!target) return;
  const { user_id: userId, course_id: courseId } = target;
  await tx.query(
    `INSERT INTO enrolments (user_id, course_id, status) VALUES ($1, $2, 'active') ON CONFLICT DO NOTHING`,
    [userId, courseId],
  );
  await tx.query(
    `INSERT INTO module_progress (user_id, module_id)
     SELECT $1, m.id FROM modules m WHERE m.course_id = $2 AND m.status = 'active' ON CONFLICT DO NOTHING`,
    [userId, courseId],
  );
  await tx.query(
    `INSERT INTO quiz_attempts (user_id, module_id, revision_id, number, submitted_at, score, max_score, percent, passed, question_order)
     SELECT $1, m.id, r.id, 1, now(), totals.points, totals.points, 100, true, totals.keys
     FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id
     CROSS JOIN LATERAL (
       SELECT sum(q.points) AS points, jsonb_agg(q.key ORDER BY q.position) AS keys FROM questions q WHERE q.revision_id = r.id
     ) totals
     WHERE m.course_id = $2 AND m.status = 'active' AND r.quiz IS NOT NULL AND totals.points IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.user_id = $1 AND a.module_id = m.id)`,
    [userId, courseId],
  );
  await evaluateCompletion(tx, userId, courseId);
}
