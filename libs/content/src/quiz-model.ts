export type QuestionType = 'single' | 'multiple' | 'short' | 'numeric' | 'matching' | 'essay';
/** The older `answers=` setting, read as a review policy (see `reviewOfAnswers`). */
export type AnswersVisibility = 'after-submit' | 'after-pass' | 'never';
/** When a trainee may review a submitted attempt beyond its total score. */
export type ReviewWhen = 'immediately' | 'after-pass' | 'after-last' | 'after-pass-or-last' | 'after-close' | 'never';
/** What the review shows: each question's points, the correct answers, the author's feedback. */
export type ReviewItem = 'marks' | 'answers' | 'feedback';

export const REVIEW_WHEN: ReviewWhen[] = [
  'immediately',
  'after-pass',
  'after-last',
  'after-pass-or-last',
  'after-close',
  'never',
];
export const REVIEW_ITEMS: ReviewItem[] = ['marks', 'answers', 'feedback'];

/** `answers=after-submit` always meant "once no further attempt can use them": passed or none left. */
export function reviewOfAnswers(answers: AnswersVisibility): ReviewWhen {
  return answers === 'after-submit' ? 'after-pass-or-last' : answers;
}
/** What happens to a submission that arrives after a timed attempt's deadline. */
export type LateSubmissions = 'refuse' | 'grade';

/** `draw=5` (tag null) or `draw=scenario:2`: how many questions an attempt takes from a pool. */
export interface QuizDraw {
  tag: string | null;
  count: number;
}

export interface QuizSettings {
  /** Percent of points needed to pass. */
  passPercent: number;
  /** Null: unlimited. */
  maxAttempts: number | null;
  /** Null: no time limit; enforced by the server. */
  timeLimitMinutes: number | null;
  /** Shuffle questions and options per attempt. */
  shuffle: boolean;
  /** Random draws per attempt; empty: every question is asked. */
  draws: QuizDraw[];
  /** Where tagged draws take from: this quiz's questions, or every module's quiz in the course. */
  pool: 'module' | 'course';
  /** When a trainee may review an attempt: its marks, correct answers and feedback as `show` says. */
  review: ReviewWhen;
  show: ReviewItem[];
  /** After the deadline: close the attempt ungraded with score 0, or grade it and mark it late. */
  lateSubmissions: LateSubmissions;
}

export interface Choice {
  id: string;
  html: string;
}

interface QuestionBase {
  id: string;
  /** Position in the quiz, from 1. */
  number: number;
  promptHtml: string;
  points: number;
  /** Author tags written as `{.scenario}`: what kind of item it is, or which pool it belongs to. */
  tags: string[];
}

/** What a trainee may see before submitting: no flag, order or text gives an answer away. */
export type PublicQuestion =
  | (QuestionBase & { type: 'single' | 'multiple'; options: Choice[] })
  | (QuestionBase & { type: 'short' | 'numeric' })
  /** A long answer graded by the course's trainers; `points` is its maximum, `file` allows one attached file. */
  | (QuestionBase & { type: 'essay'; file: boolean })
  | (QuestionBase & {
      type: 'matching';
      /** Left-hand sides, in the author's order. */
      items: Choice[];
      /** Distinct right-hand sides, sorted by text so their order says nothing about the pairs. */
      choices: Choice[];
    });

export interface QuizModel {
  settings: QuizSettings;
  questions: PublicQuestion[];
  /** On a translation's quiz: the content hash of the base text whose ids it carries (`alignQuiz`). */
  alignedTo?: string;
}

export interface NumericAnswer {
  value: number;
  tolerance: number;
}

/** One line of an essay's rubric: what a grader looks for, and the points it is worth. */
export interface RubricCriterion {
  id: string;
  html: string;
  points: number;
}

/** Server-side only. Feedback lives here too, since it usually names the right answer. */
export type KeyEntry = { feedbackHtml: string | null } & (
  | { type: 'single' | 'multiple'; correct: string[] }
  | { type: 'short'; accepted: string[] }
  | { type: 'numeric'; accepted: NumericAnswer[] }
  | { type: 'matching'; pairs: Record<string, string> }
  /** Graded by hand: the rubric guides the grader (and may be shown in the review). */
  | { type: 'essay'; rubric: RubricCriterion[] }
);

/** Per question id. */
export type AnswerKey = Record<string, KeyEntry>;

/** A trainee's answer: option id(s), typed text, or matching item id → choice id. */
export type QuestionResponse = string | string[] | Record<string, string> | null | undefined;

export const DEFAULT_QUIZ_SETTINGS: QuizSettings = {
  passPercent: 70,
  maxAttempts: null,
  timeLimitMinutes: null,
  shuffle: false,
  draws: [],
  pool: 'module',
  review: 'after-pass-or-last',
  show: ['marks', 'answers', 'feedback'],
  lateSubmissions: 'refuse',
};
