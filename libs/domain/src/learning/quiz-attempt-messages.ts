import { LearningError, LearningErrorCode } from './learning.errors.js';

const NOT_ENROLLED: Record<string, string> = {
  pending: 'Your enrolment in this course is waiting for approval; you can take its quizzes once it is approved.',
  declined: 'Your enrolment in this course was declined, so you cannot take its quizzes.',
  withdrawn: 'You left this course. Enrol again to take its quizzes.',
};

/** Why someone without an active enrolment cannot start a quiz, by their enrolment's status. */
export function notEnrolled(status: string | undefined): LearningError {
  const message =
    (status && NOT_ENROLLED[status]) || 'You are not enrolled in this course. Enrol first, then start the quiz.';
  return new LearningError(LearningErrorCode.NotEnrolled, message, undefined, { status: status ?? 'none' });
}

/** Why an open attempt cannot be submitted by someone whose enrolment is no longer active. */
export function notEnrolledForSubmission(status: string | undefined): LearningError {
  return new LearningError(
    LearningErrorCode.SubmitNotEnrolled,
    'You are no longer enrolled in this course, so this attempt cannot be submitted. Enrol again, then start a new attempt.',
    undefined,
    { status: status ?? 'none' },
  );
}

export function courseClosedForSubmission(): LearningError {
  return new LearningError(
    LearningErrorCode.CourseClosed,
    'This course is not published at the moment, so this attempt cannot be submitted.',
  );
}

export function quizPassed(): LearningError {
  return new LearningError(LearningErrorCode.QuizPassed, 'You have passed this quiz, so it cannot be taken again.');
}

export function attemptsUsed(max: number): LearningError {
  const message =
    max === 1 ? 'You have used the one attempt this quiz allows.' : `You have used all ${max} attempts of this quiz.`;
  return new LearningError(LearningErrorCode.AttemptsUsed, message, undefined, { count: max });
}

/** "14:05 UTC", with the date too when the deadline was not today (UTC). */
export function formatDeadline(deadline: Date, now = new Date()): string {
  const iso = deadline.toISOString();
  const time = `${iso.slice(11, 16)} UTC`;
  return iso.slice(0, 10) === now.toISOString().slice(0, 10) ? time : `${time} on ${iso.slice(0, 10)}`;
}

export function timeRanOut(deadline: Date): LearningError {
  const time = formatDeadline(deadline);
  return new LearningError(
    LearningErrorCode.TimeRanOut,
    `The time for this attempt ran out at ${time}; it was not graded.`,
    undefined,
    { time, deadline: deadline.toISOString() },
  );
}
