import { DomainError, type ErrorKind } from '../shared/domain-error.js';

export enum AuthErrorCode {
  InvalidCredentials = 'invalid_credentials',
  LockedOut = 'locked_out',
  LoginRequired = 'login_required',
  Forbidden = 'forbidden',
  RegistrationClosed = 'registration_closed',
  CsrfFailed = 'csrf_failed',
  TokenNotFound = 'token_not_found',
}

const KIND: Record<AuthErrorCode, ErrorKind> = {
  [AuthErrorCode.InvalidCredentials]: 'unauthenticated',
  [AuthErrorCode.LockedOut]: 'rate_limited',
  [AuthErrorCode.LoginRequired]: 'unauthenticated',
  [AuthErrorCode.Forbidden]: 'forbidden',
  [AuthErrorCode.RegistrationClosed]: 'forbidden',
  [AuthErrorCode.CsrfFailed]: 'forbidden',
  [AuthErrorCode.TokenNotFound]: 'not_found',
};

export class AuthError extends DomainError {
  constructor(code: AuthErrorCode, message: string, params: Record<string, string | number> = {}) {
    super(KIND[code], code, message, undefined, params);
  }
}
