import type { QuizModel } from '@karvan/content';
import { prepared } from '@karvan/database';
import type { EntityManager } from 'typeorm';
import { newAttemptOrder, newAttemptSeed } from './attempt-order.js';
import { ATTEMPT_JOINS, ATTEMPT_SELECT, settingsOf, type AttemptRow } from './attempt-rows.js';
import { LearningError, LearningErrorCode } from './learning.errors.js';
import { notEnrolled } from './quiz-attempt-messages.js';

export interface QuizModule {
  moduleId: string;
  revisionId: string;
  quiz: QuizModel;
}

interface QuizModuleRow {
  course_status: string;
  enrolment_status: string | null;
  module_id: string | null;
  revision_id: string | null;
  quiz: QuizModel | null;
}

/**
 * The module's current quiz, if this person may take it. Their enrolment row is locked in the same
 * round trip, so two starts by one person run one at a time and the second sees the first's attempt.
 */
export async function findQuizModule(
  tx: EntityManager,
  userId: string,
  courseSlug: string,
  moduleSlug: string,
): Promise<QuizModule> {
  const [row] = await prepared<QuizModuleRow[]>(
    tx,
    `SELECT c.status AS course_status, m.id AS module_id, r.id AS revision_id, r.quiz,
       (SELECT e.status FROM enrolments e WHERE e.user_id = $3 AND e.course_id = c.id FOR UPDATE) AS enrolment_status
     FROM courses c LEFT JOIN modules m ON m.course_id = c.id AND m.slug = $2 AND m.status = 'active'
     LEFT JOIN module_revisions r ON r.id = m.current_revision_id
     WHERE c.slug = $1`,
    [courseSlug, moduleSlug, userId],
  );
  if (!row || row.course_status !== 'published') {
    throw new LearningError(LearningErrorCode.CourseNotFound, `There is no published course "${courseSlug}".`);
  }
  if (row.enrolment_status !== 'active') throw notEnrolled(row.enrolment_status ?? undefined);
  if (!row.module_id || !row.revision_id) throw moduleNotFound(moduleSlug);
  if (!row.quiz) throw new LearningError(LearningErrorCode.NoQuiz, `Module "${moduleSlug}" has no quiz.`);
  return { moduleId: row.module_id, revisionId: row.revision_id, quiz: row.quiz };
}

export function moduleNotFound(moduleSlug: string): LearningError {
  return new LearningError(LearningErrorCode.ModuleNotFound, `There is no module "${moduleSlug}" in this course.`);
}

/** This person's attempts at the module so far, and the one still open (before its deadline), if any. */
export interface AttemptsSoFar {
  open: string | null;
  used: number;
  last: number;
  passed: boolean;
}

export async function attemptsSoFar(tx: EntityManager, userId: string, moduleId: string): Promise<AttemptsSoFar> {
  const [row] = await prepared<AttemptsSoFar[]>(
    tx,
    `SELECT count(*)::int AS used, coalesce(max(number), 0)::int AS last, coalesce(bool_or(passed), false) AS passed,
       (array_agg(id ORDER BY number DESC) FILTER (WHERE submitted_at IS NULL AND (deadline IS NULL OR deadline > now())))[1]
         AS open
     FROM quiz_attempts WHERE user_id = $1 AND module_id = $2`,
    [userId, moduleId],
  );
  return row;
}

/** A new attempt with its own seed and order, read back as `AttemptRow` in the same statement. */
export async function insertAttempt(
  tx: EntityManager,
  userId: string,
  module: QuizModule,
  number: number,
): Promise<AttemptRow> {
  const seed = newAttemptSeed();
  const order = newAttemptOrder(module.quiz, seed);
  const [row] = await prepared<AttemptRow[]>(
    tx,
    `WITH a AS (
       INSERT INTO quiz_attempts (user_id, module_id, revision_id, number, deadline, question_order, option_order, seed)
       VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5::int), $6, $7, $8) RETURNING *)
     ${ATTEMPT_SELECT} FROM a ${ATTEMPT_JOINS}`,
    [
      userId,
      module.moduleId,
      module.revisionId,
      number,
      settingsOf(module.quiz).timeLimitMinutes,
      JSON.stringify(order.questionOrder),
      JSON.stringify(order.optionOrder),
      seed,
    ],
  );
  return row;
}
