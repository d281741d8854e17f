import type { AnswersVisibility } from '@karvan/content';
import type { StoredKey } from './attempt-grading.js';
import { orderedQuestions } from './attempt-order.js';
import { settingsOf, type AnswerRow, type AttemptRow } from './attempt-rows.js';
import type { AttemptQuestion, AttemptResult, AttemptView, CorrectAnswer } from './quiz-attempts.types.js';

/** Where this person stands on a module's quiz, across all their attempts at it. */
export interface QuizStanding {
  passed: boolean;
  /** Null: unlimited. */
  attemptsLeft: number | null;
  /** An unsubmitted attempt that could still be graded. */
  gradableOpen: boolean;
}

/** Why a submitted attempt's answers are hidden; the attempt page says so. */
export type AnswersHidden = 'never' | 'after-pass' | 'attempts-left';

/**
 * Why this attempt may not show correct answers, feedback and per-question scores, or null when it
 * may: as the quiz's `answers=` allows, and never while another attempt could still use them.
 * Passing ends the quiz (no attempt can be started after a pass).
 */
export function answersHidden(row: AttemptRow, standing: QuizStanding): AnswersHidden | null {
  const visibility: AnswersVisibility = settingsOf(row.quiz).answers;
  if (visibility === 'never') return 'never';
  if (visibility === 'after-pass' && !standing.passed) return 'after-pass';
  const finished = standing.passed || standing.attemptsLeft === 0;
  return finished && !standing.gradableOpen ? null : 'attempts-left';
}

export function answersAllowed(row: AttemptRow, standing: QuizStanding): boolean {
  return !!row.submitted_at && row.graded && answersHidden(row, standing) === null;
}

export function resultOf(row: AttemptRow): AttemptResult | null {
  if (!row.submitted_at) return null;
  return {
    submittedAt: row.submitted_at,
    graded: row.graded,
    late: row.late,
    score: row.score ?? 0,
    maxScore: row.max_score ?? 0,
    percent: row.percent ?? 0,
    passed: row.passed ?? false,
  };
}

/**
 * The attempt as its owner sees it. Before submission it is built from the revision's public quiz
 * alone; `keys` is passed only when answersAllowed says so.
 */
export function attemptView(
  row: AttemptRow,
  answers: AnswerRow[],
  keys: StoredKey[] | null,
  hidden: AnswersHidden | null = null,
): AttemptView {
  const order = { questionOrder: row.question_order, optionOrder: row.option_order };
  const byKey = new Map(answers.map((a) => [a.question_key, a]));
  const keyByQuestion = new Map((keys ?? []).map((k) => [k.key, k]));
  const questions = orderedQuestions(row.quiz, order).map((question): AttemptQuestion => {
    if (!row.submitted_at) return question;
    const answer = byKey.get(question.id);
    const key = keys ? keyByQuestion.get(question.id) : undefined;
    return {
      ...question,
      review: {
        response: answer?.response ?? null,
        score: keys ? (answer?.score ?? 0) : null,
        answer: key ? (key.answer_key as CorrectAnswer) : null,
        feedbackHtml: key?.feedback_html || null,
      },
    };
  });
  return {
    id: row.id,
    number: row.number,
    courseSlug: row.course_slug,
    moduleSlug: row.module_slug,
    moduleTitle: row.module_title,
    revision: row.revision,
    settings: settingsOf(row.quiz),
    startedAt: row.started_at,
    deadline: row.deadline,
    expired: row.expired,
    questions,
    result: resultOf(row),
    answersShown: keys !== null,
    answersHidden: row.submitted_at && row.graded && keys === null ? hidden : null,
  };
}
