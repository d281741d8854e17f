import type { RubricCriterion } from '@karvan/content';

/** An attempt whose essays wait for a trainer. */
export interface AttemptToGrade {
  attemptId: string;
  attemptNumber: number;
  courseSlug: string;
  moduleSlug: string;
  moduleTitle: string;
  traineeName: string;
  submittedAt: Date;
}

export interface CourseToGrade {
  course: { slug: string; title: string };
  attempts: AttemptToGrade[];
}

/** One essay answer, for its grader: the question, the trainee's text and file, the rubric, the grade. */
export interface EssayToGrade {
  questionKey: string;
  number: number;
  promptHtml: string;
  maxPoints: number;
  /** Plain text as typed; the page escapes it. */
  text: string | null;
  file: { filename: string; size: number } | null;
  rubric: RubricCriterion[];
  /** Model answer or feedback the author wrote for the question. */
  authorFeedbackHtml: string | null;
  grade: {
    points: number;
    criteria: Record<string, number>;
    feedback: string;
    gradedAt: Date;
    grader: string | null;
  } | null;
}

export interface AttemptGrading {
  attemptId: string;
  attemptNumber: number;
  course: { slug: string; title: string };
  module: { slug: string; title: string };
  trainee: { name: string; email: string };
  submittedAt: Date;
  awaitingGrading: boolean;
  /** Null while an essay waits. */
  score: number | null;
  maxScore: number;
  percent: number | null;
  passed: boolean | null;
  passPercent: number;
  essays: EssayToGrade[];
}

/** A trainer's grade of one essay: total points, optional points per criterion, feedback. */
export interface EssayGradeInput {
  /** Null: the sum of the criteria, which must then all be given. */
  points: number | null;
  criteria?: Record<string, number>;
  feedback?: string;
}

export interface EssayGradeOutcome {
  grading: AttemptGrading;
  /** True the first time the attempt's last essay was graded: the trainee was e-mailed then. */
  attemptGraded: boolean;
  /** The course's completion was recorded by this grade. */
  completionRecorded: boolean;
}
