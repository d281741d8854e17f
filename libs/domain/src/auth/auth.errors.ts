import { DomainError, type ErrorKind } from '../shared/domain-error.js';

export enum AuthErrorCode {
  InvalidCredentials = 'invalid_credentials',
  LockedOut = 'locked_out',
  LoginRequired = 'login_required',
  Forbidden = 'forbidden',
  RegistrationClosed = 'registration_closed',
  CsrfFailed = 'csrf_failed',
  TokenNotFound = 'token_not_found',
  TokenReadOnly = 'token_read_only',
  TokenCannotCreateTokens = 'token_cannot_create_tokens',
  Throttled = 'throttled',
  ResetLinkInvalid = 'reset_link_invalid',
  AccountInactive = 'account_inactive',
  EmailUnchanged = 'email_unchanged',
  EmailChangeLinkInvalid = 'email_change_link_invalid',
}

const KIND: Record<AuthErrorCode, ErrorKind> = {
  [AuthErrorCode.InvalidCredentials]: 'unauthenticated',
  [AuthErrorCode.LockedOut]: 'rate_limited',
  [AuthErrorCode.LoginRequired]: 'unauthenticated',
  [AuthErrorCode.Forbidden]: 'forbidden',
  [AuthErrorCode.RegistrationClosed]: 'forbidden',
  [AuthErrorCode.CsrfFailed]: 'forbidden',
  [AuthErrorCode.TokenNotFound]: 'not_found',
  [AuthErrorCode.TokenReadOnly]: 'forbidden',
  [AuthErrorCode.TokenCannotCreateTokens]: 'forbidden',
  [AuthErrorCode.Throttled]: 'rate_limited',
  [AuthErrorCode.ResetLinkInvalid]: 'not_found',
  [AuthErrorCode.AccountInactive]: 'conflict',
  [AuthErrorCode.EmailUnchanged]: 'invalid',
  [AuthErrorCode.EmailChangeLinkInvalid]: 'not_found',
};

export class AuthError extends DomainError {
  constructor(code: AuthErrorCode, message: string, params: Record<string, string | number> = {}) {
    super(KIND[code], code, message, undefined, params);
  }
}
