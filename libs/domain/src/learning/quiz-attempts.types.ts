import type { KeyEntry, PublicQuestion, QuestionResponse, QuizSettings } from '@karvan/content';
import type { CompletionOutcome } from './completion.js';

/** The correct answer of a question, as its answer key holds it (feedback apart). */
export type CorrectAnswer = KeyEntry extends infer K ? (K extends unknown ? Omit<K, 'feedbackHtml'> : never) : never;

/** A question after submission: the trainee's own response always; the rest only as `answers=` allows. */
export interface QuestionReview {
  response: QuestionResponse | null;
  /** Points earned; null while answers are hidden, since it gives the right answer away. */
  score: number | null;
  /** How the answer did, shown with the points; null when they are not. */
  outcome: 'correct' | 'partial' | 'incorrect' | null;
  answer: CorrectAnswer | null;
  feedbackHtml: string | null;
  /** An essay's grade as the review allows: the trainer's feedback, the points per rubric criterion. */
  essay?: EssayReview;
}

/** What the trainee sees of a graded essay: the file they attached, and the grade as the review allows. */
export interface EssayReview {
  file: { filename: string; size: number } | null;
  /** The trainer's feedback, when the review shows feedback. */
  feedback: string | null;
  /** The rubric with the points each criterion earned, when the review shows marks. */
  criteria: Array<{ html: string; points: number; awarded: number | null }>;
}

/** A question as this attempt shows it: `number` is its place in the attempt's order. */
export type AttemptQuestion = PublicQuestion & { review?: QuestionReview };

export interface AttemptResult {
  submittedAt: Date;
  /** False when a late submission was refused: the attempt was closed with score 0. */
  graded: boolean;
  /** An essay waits for a trainer's grade: score, percent and passed are null until then. */
  awaitingGrading: boolean;
  late: boolean;
  score: number | null;
  maxScore: number;
  percent: number | null;
  passed: boolean | null;
}

export interface AttemptView {
  id: string;
  number: number;
  courseSlug: string;
  moduleSlug: string;
  moduleTitle: string;
  /** The module revision the attempt was started on; it keeps it when the module changes. */
  revision: number;
  settings: QuizSettings;
  startedAt: Date;
  deadline: Date | null;
  /** The deadline has passed (by the database's clock). */
  expired: boolean;
  questions: AttemptQuestion[];
  /** Null until submitted. */
  result: AttemptResult | null;
  /** Whether correct answers and feedback are included in `questions[].review`. */
  answersShown: boolean;
  /** Why a graded attempt's answers are hidden; null when shown or nothing to show. */
  answersHidden: 'never' | 'after-pass' | 'attempts-left' | 'pass-or-last' | 'course-open' | null;
  /** After submission only. */
  progress: AttemptProgress | null;
}

/** Where the trainee stands after this attempt: what the results page needs to say what comes next. */
export interface AttemptProgress {
  passPercent: number;
  attemptsUsed: number;
  /** Null: unlimited. */
  maxAttempts: number | null;
  attemptsLeft: number | null;
  /** A new attempt may be started now ("Try again"). */
  canStart: boolean;
  /** How the quiz's grade comes from the attempts: the best one counts. */
  grading: 'best';
  nextModule: { slug: string; title: string } | null;
}

export interface StartedAttempt {
  /** False when an open attempt already existed and is returned instead. */
  created: boolean;
  attempt: AttemptView;
}

export interface SubmitOutcome {
  attemptId: string;
  result: AttemptResult;
  /** True for a repeated submission: the stored result, not graded again. */
  alreadySubmitted: boolean;
  /** The course's completion after a passing submission; null when it did not pass. */
  completion: CompletionOutcome | null;
}

export type AttemptState = 'open' | 'expired' | 'graded' | 'refused' | 'awaiting';

export interface AttemptSummary {
  id: string;
  number: number;
  state: AttemptState;
  startedAt: Date;
  deadline: Date | null;
  submittedAt: Date | null;
  late: boolean;
  percent: number | null;
  passed: boolean | null;
}

export interface ModuleAttempts {
  attempts: AttemptSummary[];
  /** Best percent over graded attempts; null before the first. */
  bestPercent: number | null;
  passed: boolean;
  /** Null: unlimited. */
  maxAttempts: number | null;
  attemptsLeft: number | null;
  /** False once passed (passing ends the quiz) or when no attempts are left. */
  canStart: boolean;
  /** What a trainee is told before starting. */
  questionCount: number;
  timeLimitMinutes: number | null;
  passPercent: number;
  grading: 'best';
}
