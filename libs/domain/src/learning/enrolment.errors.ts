import { DomainError, type ErrorKind } from '../shared/domain-error.js';

export enum EnrolmentErrorCode {
  CourseNotFound = 'catalogue_course_not_found',
  WrongKey = 'wrong_enrolment_key',
  NotEnrolled = 'not_enrolled',
  NoRequest = 'no_enrolment_request',
  NotAllowed = 'enrolment_not_allowed',
}

const KIND: Record<EnrolmentErrorCode, ErrorKind> = {
  [EnrolmentErrorCode.CourseNotFound]: 'not_found',
  [EnrolmentErrorCode.WrongKey]: 'invalid',
  [EnrolmentErrorCode.NotEnrolled]: 'forbidden',
  [EnrolmentErrorCode.NoRequest]: 'not_found',
  [EnrolmentErrorCode.NotAllowed]: 'forbidden',
};

export class EnrolmentError extends DomainError {
  constructor(code: EnrolmentErrorCode, message: string, details?: Record<string, string>) {
    super(KIND[code], code, message, details);
  }
}
