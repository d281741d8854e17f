import { DomainError, type ErrorKind } from '../shared/domain-error.js';

export enum LearningErrorCode {
  // The first two share their code (and so their translated message) with the catalogue and courses.
  CourseNotFound = 'catalogue_course_not_found',
  ModuleNotFound = 'module_not_found',
  NoQuiz = 'no_quiz',
  NotEnrolled = 'quiz_not_enrolled',
  AttemptsUsed = 'attempts_used',
  AttemptNotFound = 'attempt_not_found',
  TimeRanOut = 'time_ran_out',
  InvalidResponses = 'invalid_responses',
  QuizPassed = 'quiz_already_passed',
  SubmitNotEnrolled = 'quiz_submit_not_enrolled',
  CourseClosed = 'quiz_course_not_published',
  GradeNotAllowed = 'grade_not_allowed',
  QuestionNotFound = 'question_not_found',
  InvalidOverride = 'grade_override_invalid',
  InvalidAttachment = 'attempt_file_invalid',
  InvalidEssayGrade = 'essay_grade_invalid',
  NotAnEssay = 'not_an_essay',
  AwaitingGrading = 'attempt_awaiting_grading',
}

const KIND: Record<LearningErrorCode, ErrorKind> = {
  [LearningErrorCode.CourseNotFound]: 'not_found',
  [LearningErrorCode.ModuleNotFound]: 'not_found',
  [LearningErrorCode.NoQuiz]: 'not_found',
  [LearningErrorCode.NotEnrolled]: 'forbidden',
  [LearningErrorCode.AttemptsUsed]: 'conflict',
  [LearningErrorCode.AttemptNotFound]: 'not_found',
  [LearningErrorCode.TimeRanOut]: 'conflict',
  [LearningErrorCode.InvalidResponses]: 'invalid',
  [LearningErrorCode.QuizPassed]: 'conflict',
  [LearningErrorCode.SubmitNotEnrolled]: 'forbidden',
  [LearningErrorCode.CourseClosed]: 'conflict',
  [LearningErrorCode.GradeNotAllowed]: 'forbidden',
  [LearningErrorCode.QuestionNotFound]: 'not_found',
  [LearningErrorCode.InvalidOverride]: 'invalid',
  [LearningErrorCode.InvalidAttachment]: 'invalid',
  [LearningErrorCode.InvalidEssayGrade]: 'invalid',
  [LearningErrorCode.NotAnEssay]: 'conflict',
  [LearningErrorCode.AwaitingGrading]: 'conflict',
};

export class LearningError extends DomainError {
  constructor(
    code: LearningErrorCode,
    message: string,
    details?: Record<string, string>,
    params: Record<string, string | number> = {},
  ) {
    super(KIND[code], code, message, details, params);
  }
}
