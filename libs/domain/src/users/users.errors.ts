import { DomainError, type ErrorKind } from '../shared/domain-error.js';

export enum UsersErrorCode {
  EmailTaken = 'email_taken',
  NotFound = 'user_not_found',
  WrongPassword = 'wrong_current_password',
  LastAdmin = 'last_admin',
  NoRoles = 'no_roles',
  WeakPassword = 'weak_password',
  CommonPassword = 'common_password',
  RepeatedPassword = 'repeated_password',
  InvitationInvalid = 'invitation_invalid',
  OwnAccount = 'own_account',
  AccountInvited = 'account_invited',
}

const KIND: Record<UsersErrorCode, ErrorKind> = {
  [UsersErrorCode.EmailTaken]: 'conflict',
  [UsersErrorCode.NotFound]: 'not_found',
  [UsersErrorCode.WrongPassword]: 'invalid',
  [UsersErrorCode.LastAdmin]: 'conflict',
  [UsersErrorCode.NoRoles]: 'invalid',
  [UsersErrorCode.WeakPassword]: 'invalid',
  [UsersErrorCode.CommonPassword]: 'invalid',
  [UsersErrorCode.RepeatedPassword]: 'invalid',
  [UsersErrorCode.InvitationInvalid]: 'not_found',
  [UsersErrorCode.OwnAccount]: 'conflict',
  [UsersErrorCode.AccountInvited]: 'conflict',
};

export class UsersError extends DomainError {
  constructor(
    code: UsersErrorCode,
    message: string,
    details?: Record<string, string>,
    params: Record<string, string | number> = {},
  ) {
    super(KIND[code], code, message, details, params);
  }
}
