import type { EntityManager } from 'typeorm';
import { evaluateCompletion } from '@karvan/domain';

/** The shipped course the demo trainee has finished, so a certificate can be shown and verified. */
export const DEMO_COMPLETED_COURSE = 'research-methods-migration';

/**
 * Enrols the demo trainee, marks every module read and records each quiz as passed with full
 * marks, each question answered with its first right answer, then evaluates completion as a real
 * submission would, which asks for the certificate, in the caller's transaction. Nothing happens
 * twice; without the course (content not synced yet) it does nothing.
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
  await answerDemoAttempts(tx, userId, courseId);
  await evaluateCompletion(tx, userId, courseId);
}

/**
 * The answers of the demo attempts: an attempt without any shows as "not graded" on the quiz page,
 * beside "you passed". Each is the answer key's first right answer, scored in full. Attempts made
 * by an earlier demo seed, which stored no answers, get theirs too. An essay would need a trainer's
 * grade: the demo course has none, and any would stay unanswered.
 */
async function answerDemoAttempts(tx: EntityManager, userId: string, courseId: string): Promise<void> {
  await tx.query(
    `INSERT INTO attempt_answers (attempt_id, question_key, response, score)
     SELECT a.id, q.key,
       CASE q.answer_key->>'type'
         WHEN 'single' THEN q.answer_key->'correct'->0
         WHEN 'multiple' THEN q.answer_key->'correct'
         WHEN 'matching' THEN q.answer_key->'pairs'
         WHEN 'numeric' THEN to_jsonb(q.answer_key->'accepted'->0->>'value')
         WHEN 'short' THEN q.answer_key->'accepted'->0
       END,
       q.points
     FROM quiz_attempts a JOIN modules m ON m.id = a.module_id JOIN questions q ON q.revision_id = a.revision_id
     WHERE a.user_id = $1 AND m.course_id = $2 AND q.type <> 'essay'
       AND NOT EXISTS (SELECT 1 FROM attempt_answers x WHERE x.attempt_id = a.id)`,
    [userId, courseId],
  );
}
