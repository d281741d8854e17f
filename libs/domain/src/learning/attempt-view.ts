import type { RubricCriterion } from '@karvan/content';
import type { StoredKey } from './attempt-grading.js';
import type { EssayRecord } from './essay-rows.js';
import { orderedQuestions } from './attempt-order.js';
import { settingsOf, type AnswerRow, type AttemptRow } from './attempt-rows.js';
import type {
  AttemptProgress,
  AttemptQuestion,
  AttemptResult,
  AttemptView,
  CorrectAnswer,
  EssayReview,
} from './quiz-attempts.types.js';

/** Where this person stands on a module's quiz, across all their attempts at it. */
export interface QuizStanding {
  passed: boolean;
  attemptsUsed: number;
  /** Null: unlimited. */
  maxAttempts: number | null;
  /** Null: unlimited. */
  attemptsLeft: number | null;
  /** An unsubmitted attempt that could still be graded. */
  gradableOpen: boolean;
}

/** Why a submitted attempt's review is hidden; the attempt page says so. */
export type AnswersHidden = 'never' | 'after-pass' | 'attempts-left' | 'pass-or-last' | 'course-open';

/**
 * Why this attempt may not show its review (per-question points, correct answers, feedback), or
 * null when it may, as the quiz's `review=` says. "Last attempt" means none is left to start and
 * none open that could still be graded, so a key shown cannot help another attempt.
 */
export function answersHidden(row: AttemptRow, standing: QuizStanding): AnswersHidden | null {
  const finished = standing.attemptsLeft === 0 && !standing.gradableOpen;
  switch (settingsOf(row.quiz).review) {
    case 'immediately':
      return null;
    case 'after-pass':
      return standing.passed && !standing.gradableOpen ? null : 'after-pass';
    case 'after-last':
      return finished ? null : 'attempts-left';
    case 'after-pass-or-last':
      // Passing ends the quiz: no attempt can be started after a pass.
      return (standing.passed && !standing.gradableOpen) || finished ? null : 'pass-or-last';
    case 'after-close':
      return row.course_status === 'archived' ? null : 'course-open';
    case 'never':
      return 'never';
  }
}

export function answersAllowed(row: AttemptRow, standing: QuizStanding): boolean {
  return !!row.submitted_at && row.graded && !row.awaiting_grading && answersHidden(row, standing) === null;
}

/** Full points are correct, some are partly correct (select all, matching), none incorrect. */
function outcomeOf(score: number, points: number): 'correct' | 'partial' | 'incorrect' {
  if (score >= points - 1e-9) return 'correct';
  return score > 0 ? 'partial' : 'incorrect';
}

export function resultOf(row: AttemptRow): AttemptResult | null {
  if (!row.submitted_at) return null;
  const awaiting = row.awaiting_grading;
  return {
    submittedAt: row.submitted_at,
    graded: row.graded,
    awaitingGrading: awaiting,
    late: row.late,
    // Nothing of the automatic part shows while an essay waits: it would say how the rest went.
    score: awaiting ? null : (row.score ?? 0),
    maxScore: row.max_score ?? 0,
    percent: awaiting ? null : (row.percent ?? 0),
    passed: awaiting ? null : (row.passed ?? false),
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
  progress: AttemptProgress | null = null,
  essays: EssayRecord[] = [],
): AttemptView {
  const order = { questionOrder: row.question_order, optionOrder: row.option_order };
  const byKey = new Map(answers.map((a) => [a.question_key, a]));
  const keyByQuestion = new Map((keys ?? []).map((k) => [k.key, k]));
  const show = new Set(settingsOf(row.quiz).show);
  const questions = orderedQuestions(row.quiz, order).map((question): AttemptQuestion => {
    if (!row.submitted_at) return question;
    const answer = byKey.get(question.id);
    const key = keys ? keyByQuestion.get(question.id) : undefined;
    const score = keys && show.has('marks') ? (answer?.score ?? 0) : null;
    return {
      ...question,
      review: {
        response: answer?.response ?? null,
        score,
        outcome: score === null ? null : outcomeOf(score, question.points),
        answer: key && show.has('answers') ? (key.answer_key as CorrectAnswer) : null,
        feedbackHtml:
          (show.has('feedback') && key && (row.translated_feedback?.[question.id] || key.feedback_html)) || null,
        ...(question.type === 'essay' ? { essay: essayReview(question.id, essays, key, show) } : {}),
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
    answersHidden: row.submitted_at && row.graded && !row.awaiting_grading && keys === null ? hidden : null,
    progress: row.submitted_at ? progress : null,
  };
}

/** What the results page says comes next; a pass ends the quiz, as `start` enforces. */
export function progressOf(
  row: AttemptRow,
  standing: QuizStanding,
  nextModule: { slug: string; title: string } | null,
): AttemptProgress {
  return {
    passPercent: settingsOf(row.quiz).passPercent,
    attemptsUsed: standing.attemptsUsed,
    maxAttempts: standing.maxAttempts,
    attemptsLeft: standing.attemptsLeft,
    canStart: !standing.passed && standing.attemptsLeft !== 0 && row.course_status === 'published',
    grading: 'best',
    nextModule,
  };
}

/**
 * The trainee's file always; the trainer's feedback and the points per criterion only with the key
 * (the review is allowed), as `show=` says.
 */
function essayReview(
  questionKey: string,
  essays: EssayRecord[],
  key: StoredKey | undefined,
  show: Set<string>,
): EssayReview {
  const record = essays.find((e) => e.question_key === questionKey);
  const rubric =
    key && key.answer_key.type === 'essay' ? (key.answer_key as unknown as { rubric: RubricCriterion[] }).rubric : [];
  const graded = key ? record?.grade : undefined;
  return {
    file: record?.file ?? null,
    feedback: (show.has('feedback') && graded?.feedback) || null,
    criteria: show.has('marks')
      ? rubric.map((c) => ({ html: c.html, points: c.points, awarded: graded?.criteria[c.id] ?? null }))
      : [],
  };
}
