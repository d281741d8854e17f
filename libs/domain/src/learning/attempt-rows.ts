import { prepared } from '@karvan/database';
import {
  DEFAULT_QUIZ_SETTINGS,
  reviewOfAnswers,
  type AnswersVisibility,
  type QuizModel,
  type QuizSettings,
} from '@karvan/content';
import type { EntityManager } from 'typeorm';
import type { QuizStanding } from './attempt-view.js';
import type { CheckedResponse } from './attempt-responses.js';
import { LearningError, LearningErrorCode } from './learning.errors.js';
import type { AttemptState, AttemptSummary } from './quiz-attempts.types.js';
import { loadQuizTranslation } from '../courses/index.js';
import { isUuid } from '../shared/ids.js';
import { fromUserKeys } from '../shared/user-keys.js';

/** An attempt with what its page needs: the revision's public quiz, never its answer keys. */
export interface AttemptRow {
  id: string;
  user_id: string;
  module_id: string;
  course_id: string;
  course_slug: string;
  module_slug: string;
  module_title: string;
  /** `archived` once the course is closed. */
  course_status: string;
  /** The course's own language, the one its modules' base texts are written in. */
  course_language: string;
  revision_id: string;
  revision: number;
  quiz: QuizModel;
  number: number;
  started_at: Date;
  deadline: Date | null;
  submitted_at: Date | null;
  late: boolean;
  score: number | null;
  max_score: number | null;
  percent: number | null;
  passed: boolean | null;
  question_order: string[];
  option_order: Record<string, string[]>;
  /** The deadline has passed, by the database's clock. */
  expired: boolean;
  /** Answers were graded; false for an open attempt and for a refused late one. */
  graded: boolean;
  /** Submitted with an essay no trainer has graded yet: no percent and no pass. */
  awaiting_grading: boolean;
  /** Shown in the reader's language (`inLanguage`): the translation's feedback, by question id. */
  translated_feedback?: Record<string, string> | null;
}

export interface AnswerRow {
  question_key: string;
  response: CheckedResponse;
  score: number;
}

/** Seconds after the deadline a submission still counts as on time: the network's share. */
export const LATE_GRACE_SECONDS = 30;

/** Stored quizzes from before a setting existed get its default; an older `answers` becomes `review`. */
export function settingsOf(quiz: QuizModel): QuizSettings {
  const stored = quiz.settings as Partial<QuizSettings> & { answers?: AnswersVisibility };
  const review = stored.review ?? (stored.answers ? reviewOfAnswers(stored.answers) : undefined);
  return { ...DEFAULT_QUIZ_SETTINGS, ...quiz.settings, ...(review ? { review } : {}) };
}

/** An attempt row as `AttemptRow` reads it; `a` is the attempt, `m` its module, `c` the course. */
export const ATTEMPT_SELECT = `SELECT a.id, a.user_id, a.module_id, m.course_id, c.slug AS course_slug, m.slug AS module_slug,
   r.title AS module_title, c.status AS course_status, c.language AS course_language, a.revision_id, r.number AS revision, r.quiz, a.number, a.started_at, a.deadline,
   a.submitted_at, a.late, a.score::float8 AS score, a.max_score::float8 AS max_score,
   a.percent::float8 AS percent, a.passed, a.question_order, a.option_order, a.awaiting_grading,
   (a.deadline IS NOT NULL AND now() > a.deadline) AS expired,
   EXISTS (SELECT 1 FROM attempt_answers x WHERE x.attempt_id = a.id) AS graded`;

/** What `ATTEMPT_SELECT` joins to an attempt `a`. */
export const ATTEMPT_JOINS = `JOIN module_revisions r ON r.id = a.revision_id
 JOIN modules m ON m.id = a.module_id JOIN courses c ON c.id = m.course_id`;

export const ATTEMPT_FROM = `FROM quiz_attempts a ${ATTEMPT_JOINS}`;

/** The caller's own attempt; anyone else's is "not found", so attempt ids say nothing. */
export async function loadOwnAttempt(tx: EntityManager, attemptId: string, userId: string): Promise<AttemptRow> {
  const [row] = isUuid(attemptId)
    ? await prepared<AttemptRow[]>(tx, `${ATTEMPT_SELECT} ${ATTEMPT_FROM} WHERE a.id = $1 AND a.user_id = $2`, [
        attemptId,
        userId,
      ])
    : [];
  if (!row) throw attemptNotFound();
  return row;
}

/**
 * Several people's own attempts in one statement, for the attempt pages a quiz's trainees open at
 * once; each key is a `userKey` of the person and an attempt id (a uuid: check it first).
 */
export async function loadOwnAttempts(db: EntityManager, keys: string[]): Promise<Map<string, AttemptRow>> {
  const { userIds, values: attemptIds } = fromUserKeys(keys);
  const rows = await prepared<Array<AttemptRow & { i: number }>>(
    db,
    `${ATTEMPT_SELECT}, k.i::int AS i ${ATTEMPT_FROM}
     JOIN unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS k(id, user_id, i) ON a.id = k.id AND a.user_id = k.user_id`,
    [attemptIds, userIds],
  );
  return new Map(rows.map(({ i, ...row }) => [keys[i - 1], row]));
}

export function attemptNotFound(): LearningError {
  return new LearningError(LearningErrorCode.AttemptNotFound, 'There is no such quiz attempt of yours.');
}

/**
 * Where this person stands on the module's quiz. The attempt limit is the current revision's, as
 * `start` applies it; an open attempt still counts while its submission could be graded.
 */
export async function loadStanding(tx: EntityManager, row: AttemptRow): Promise<QuizStanding> {
  const [standing] = await tx.query<Array<{ passed: boolean; used: number; quiz: QuizModel | null; open: boolean }>>(
    `SELECT
       EXISTS (SELECT 1 FROM quiz_attempts p WHERE p.user_id = $1 AND p.module_id = $2 AND p.passed) AS passed,
       (SELECT count(*)::int FROM quiz_attempts p WHERE p.user_id = $1 AND p.module_id = $2) AS used,
       (SELECT r.quiz FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id WHERE m.id = $2) AS quiz,
       EXISTS (SELECT 1 FROM quiz_attempts o JOIN module_revisions r ON r.id = o.revision_id
               WHERE o.user_id = $1 AND o.module_id = $2 AND o.submitted_at IS NULL
                 AND (o.deadline IS NULL OR now() <= o.deadline + make_interval(secs => $3)
                      OR r.quiz->'settings'->>'lateSubmissions' = 'grade')) AS open`,
    [row.user_id, row.module_id, LATE_GRACE_SECONDS],
  );
  const max = settingsOf(standing.quiz ?? row.quiz).maxAttempts;
  return {
    passed: standing.passed,
    attemptsUsed: standing.used,
    maxAttempts: max,
    attemptsLeft: max === null ? null : Math.max(0, max - standing.used),
    gradableOpen: standing.open,
  };
}

export async function loadAnswers(tx: EntityManager, attemptId: string): Promise<AnswerRow[]> {
  return tx.query<AnswerRow[]>(
    'SELECT question_key, response, score::float8 AS score FROM attempt_answers WHERE attempt_id = $1',
    [attemptId],
  );
}

interface AttemptSummaryRow {
  id: string;
  number: number;
  started_at: Date;
  deadline: Date | null;
  submitted_at: Date | null;
  late: boolean;
  percent: number | null;
  passed: boolean | null;
  expired: boolean;
  graded: boolean;
  awaiting_grading: boolean;
}

/** One person's attempts at one module, oldest first. */
export async function loadAttemptSummaries(
  tx: EntityManager,
  userId: string,
  moduleId: string,
): Promise<AttemptSummary[]> {
  const rows = await tx.query<AttemptSummaryRow[]>(
    `SELECT a.id, a.number, a.started_at, a.deadline, a.submitted_at, a.late, a.percent::float8 AS percent, a.passed,
       a.awaiting_grading, (a.deadline IS NOT NULL AND now() > a.deadline) AS expired,
       EXISTS (SELECT 1 FROM attempt_answers x WHERE x.attempt_id = a.id) AS graded
     FROM quiz_attempts a WHERE a.user_id = $1 AND a.module_id = $2 ORDER BY a.number`,
    [userId, moduleId],
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    state: stateOf(r),
    startedAt: r.started_at,
    deadline: r.deadline,
    submittedAt: r.submitted_at,
    late: r.late,
    percent: r.submitted_at ? r.percent : null,
    passed: r.submitted_at ? r.passed : null,
  }));
}

function stateOf(row: AttemptSummaryRow): AttemptState {
  if (row.awaiting_grading) return 'awaiting';
  if (row.submitted_at) return row.graded ? 'graded' : 'refused';
  return row.expired ? 'expired' : 'open';
}

/** A graded attempt's answer to one question, with what regrading it needs. */
export interface GradedAnswerRow {
  attempt_id: string;
  user_id: string;
  course_id: string;
  organisation_id: string | null;
  number: number;
  quiz: QuizModel;
  question_key: string;
  response: CheckedResponse;
  score: number;
  total: number;
  max_score: number;
  /** Null while the attempt's essay waits for a trainer. */
  percent: number | null;
  passed: boolean | null;
  awaiting_grading: boolean;
  name: string;
  email: string;
}

const GRADED_ANSWER_SELECT = `SELECT a.id AS attempt_id, a.user_id, m.course_id, c.organisation_id, a.number, r.quiz, x.question_key, x.response,
   x.score::float8 AS score, a.score::float8 AS total, a.max_score::float8 AS max_score, a.percent::float8 AS percent,
   a.passed, a.awaiting_grading, u.name, u.email
 FROM quiz_attempts a JOIN attempt_answers x ON x.attempt_id = a.id
 JOIN module_revisions r ON r.id = a.revision_id JOIN modules m ON m.id = a.module_id JOIN courses c ON c.id = m.course_id JOIN users u ON u.id = a.user_id`;

/*
 * The attempts are locked first and read after, in a statement of its own. A statement that waits
 * for a lock gets the locked row as it is now but every joined row (the answer's score) as it was
 * before the wait, and a total computed from both would count another grader's change twice.
 */

/** Every graded answer to a question of a module, oldest attempt first, each attempt locked for the change. */
export async function loadGradedAnswers(
  tx: EntityManager,
  moduleId: string,
  questionKey: string,
): Promise<GradedAnswerRow[]> {
  await tx.query(
    'SELECT 1 FROM quiz_attempts WHERE module_id = $1 AND submitted_at IS NOT NULL ORDER BY submitted_at, id FOR UPDATE',
    [moduleId],
  );
  return tx.query<GradedAnswerRow[]>(
    `${GRADED_ANSWER_SELECT} WHERE a.module_id = $1 AND x.question_key = $2 AND a.submitted_at IS NOT NULL
     ORDER BY a.submitted_at, a.id`,
    [moduleId, questionKey],
  );
}

/** One graded answer, locked; null when the attempt or the answer does not exist. */
export async function loadGradedAnswer(
  tx: EntityManager,
  attemptId: string,
  questionKey: string,
): Promise<GradedAnswerRow | null> {
  if (!isUuid(attemptId)) return null;
  await tx.query('SELECT 1 FROM quiz_attempts WHERE id = $1 FOR UPDATE', [attemptId]);
  const [row] = await tx.query<GradedAnswerRow[]>(`${GRADED_ANSWER_SELECT} WHERE a.id = $1 AND x.question_key = $2`, [
    attemptId,
    questionKey,
  ]);
  return row ?? null;
}

/**
 * The attempt as a trainee reading in `language` is shown it: the module's title in that language,
 * and the translation's quiz when it was aligned with this attempt's revision (the same ids, see
 * `alignQuiz`); otherwise the quiz as the revision stores it. Grading never reads this.
 */
export async function inLanguage(db: EntityManager, row: AttemptRow, language: string): Promise<AttemptRow> {
  if (language === row.course_language) return row;
  const translation = await loadQuizTranslation(db, row.module_id, row.revision_id, language);
  if (!translation) return row;
  const quiz = translation.quiz ? { ...translation.quiz, settings: row.quiz.settings } : row.quiz;
  return { ...row, module_title: translation.title, quiz, translated_feedback: translation.feedback };
}
