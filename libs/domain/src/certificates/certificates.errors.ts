import { DomainError, type ErrorKind } from '../shared/domain-error.js';

export enum CertificateErrorCode {
  NotFound = 'certificate_not_found',
  Revoked = 'certificate_revoked',
  NotIssued = 'certificate_not_issued',
  AlreadyRevoked = 'certificate_already_revoked',
  ReasonRequired = 'certificate_reason_required',
  CourseNotFound = 'certificate_course_not_found',
  Forbidden = 'certificate_forbidden',
}

const KIND: Record<CertificateErrorCode, ErrorKind> = {
  [CertificateErrorCode.NotFound]: 'not_found',
  [CertificateErrorCode.Revoked]: 'conflict',
  [CertificateErrorCode.NotIssued]: 'conflict',
  [CertificateErrorCode.AlreadyRevoked]: 'conflict',
  [CertificateErrorCode.ReasonRequired]: 'invalid',
  [CertificateErrorCode.CourseNotFound]: 'not_found',
  [CertificateErrorCode.Forbidden]: 'forbidden',
};

export class CertificateError extends DomainError {
  constructor(code: CertificateErrorCode, message: string, params: Record<string, string | number> = {}) {
    super(KIND[code], code, message, undefined, params);
  }
}
