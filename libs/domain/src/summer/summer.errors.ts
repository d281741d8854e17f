import { DomainError, type ErrorKind } from '../shared/domain-error.js';

export enum SummerErrorCode {
  CohortNotFound = 'cohort_not_found',
  NotCoordinator = 'cohort_not_coordinator',
  NotReviewer = 'cohort_not_reviewer',
  Invalid = 'cohort_invalid',
  CallClosed = 'cohort_call_closed',
  ApplicationNotFound = 'application_not_found',
  WrongStatus = 'application_wrong_status',
  AnswersInvalid = 'application_answers_invalid',
  FileRefused = 'application_file_refused',
  SessionNotFound = 'cohort_session_not_found',
  OwnApplication = 'application_own',
  RegisterNotOpen = 'cohort_register_not_open',
  StaffApplied = 'cohort_staff_applied',
}

const KIND: Record<SummerErrorCode, ErrorKind> = {
  [SummerErrorCode.CohortNotFound]: 'not_found',
  [SummerErrorCode.NotCoordinator]: 'forbidden',
  [SummerErrorCode.NotReviewer]: 'forbidden',
  [SummerErrorCode.Invalid]: 'invalid',
  [SummerErrorCode.CallClosed]: 'conflict',
  [SummerErrorCode.ApplicationNotFound]: 'not_found',
  [SummerErrorCode.WrongStatus]: 'conflict',
  [SummerErrorCode.AnswersInvalid]: 'invalid',
  [SummerErrorCode.FileRefused]: 'invalid',
  [SummerErrorCode.SessionNotFound]: 'not_found',
  [SummerErrorCode.OwnApplication]: 'forbidden',
  [SummerErrorCode.RegisterNotOpen]: 'conflict',
  [SummerErrorCode.StaffApplied]: 'invalid',
};

export class SummerError extends DomainError {
  constructor(
    code: SummerErrorCode,
    message: string,
    details?: Record<string, string>,
    params: Record<string, string | number> = {},
  ) {
    super(KIND[code], code, message, details, params);
  }
}
