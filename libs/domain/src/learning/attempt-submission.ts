import type { EntityManager } from 'typeorm';
import { prepared } from '@karvan/database';
import type { GradedAttempt } from './attempt-grading.js';
import { ATTEMPT_FROM, ATTEMPT_SELECT, attemptNotFound, LATE_GRACE_SECONDS, type AttemptRow } from './attempt-rows.js';
import { CONTENT_EPOCH_SQL } from '../shared/content-epoch.js';
import { isUuid } from '../shared/ids.js';

/**
 * The attempt being submitted, with its owner's enrolment status in the course (null: none) and
 * the content epoch, against which answer keys kept in memory are checked.
 */
export interface AttemptToSubmit extends AttemptRow {
  enrolment_status: string | null;
  content_epoch: string;
}

/**
 * The caller's own attempt, their enrolment and the content epoch, in one round trip. The enrolment row is
 * share-locked, so leaving the course waits for this grading rather than the reverse.
 */
export async function loadAttemptToSubmit(
  tx: EntityManager,
  attemptId: string,
  userId: string,
): Promise<AttemptToSubmit> {
  const [row] = isUuid(attemptId)
    ? await prepared<AttemptToSubmit[]>(
        tx,
        `${ATTEMPT_SELECT},
           (SELECT e.status FROM enrolments e WHERE e.user_id = a.user_id AND e.course_id = m.course_id FOR SHARE)
             AS enrolment_status, ${CONTENT_EPOCH_SQL} AS content_epoch
         ${ATTEMPT_FROM} WHERE a.id = $1 AND a.user_id = $2`,
        [attemptId, userId],
      )
    : [];
  if (!row) throw attemptNotFound();
  return row;
}

export interface Claimed {
  late: boolean;
  submitted_at: Date;
}

/** How a claimed submission is stored: graded, or refused for lateness when the quiz says so. */
export interface SubmissionWrite {
  graded: GradedAttempt;
  /** An essay waits for a trainer: automatic points kept, no percent and no pass yet. */
  awaitingGrading: boolean;
  /** A late submission is refused (stored with no answers and a score of 0) instead of graded. */
  refuseLate: boolean;
}

/**
 * Marks the attempt submitted, once, and stores its result and answers in the same statement:
 * null when another request already submitted it, and then nothing is written. Lateness is
 * decided by the database's clock at the claim, so a refused late attempt stores no answers.
 */
export async function claimAndStore(
  tx: EntityManager,
  attemptId: string,
  { graded, awaitingGrading, refuseLate }: SubmissionWrite,
): Promise<Claimed | null> {
  const late = `(deadline IS NOT NULL AND now() > deadline + make_interval(secs => $2))`;
  const refused = `(${late} AND $3::boolean)`;
  const [claimed] = await prepared<Claimed[]>(
    tx,
    `WITH claimed AS (
       UPDATE quiz_attempts SET submitted_at = now(), late = ${late},
         score = CASE WHEN ${refused} THEN 0 ELSE $4::numeric END,
         max_score = $5,
         percent = CASE WHEN ${refused} THEN 0 WHEN $8 THEN NULL ELSE $6::numeric END,
         passed = CASE WHEN ${refused} THEN false WHEN $8 THEN NULL ELSE $7::boolean END,
         awaiting_grading = ($8 AND NOT ${refused})
       WHERE id = $1 AND submitted_at IS NULL RETURNING late, submitted_at),
     answers AS (
       INSERT INTO attempt_answers (attempt_id, question_key, response, score)
       SELECT $1, x.key, x.response, x.score
       FROM claimed, jsonb_to_recordset($9::jsonb) AS x(key text, response jsonb, score numeric)
       WHERE NOT (claimed.late AND $3::boolean))
     SELECT late, submitted_at FROM claimed`,
    [
      attemptId,
      LATE_GRACE_SECONDS,
      refuseLate,
      graded.score,
      graded.maxScore,
      graded.percent,
      graded.passed,
      awaitingGrading,
      JSON.stringify(graded.answers),
    ],
  );
  return claimed ?? null;
}
