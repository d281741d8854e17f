import { DomainError, type ErrorKind } from '../shared/domain-error.js';

export enum AccessErrorCode {
  Forbidden = 'forbidden',
  UnknownRole = 'unknown_role',
  WrongScope = 'wrong_scope',
  GrantNotFound = 'grant_not_found',
  LastAdmin = 'last_admin',
  ScopeNotFound = 'scope_not_found',
  OrganisationTaken = 'organisation_taken',
  NoRoles = 'no_roles',
}

const KIND: Record<AccessErrorCode, ErrorKind> = {
  [AccessErrorCode.Forbidden]: 'forbidden',
  [AccessErrorCode.UnknownRole]: 'invalid',
  [AccessErrorCode.WrongScope]: 'invalid',
  [AccessErrorCode.GrantNotFound]: 'not_found',
  [AccessErrorCode.LastAdmin]: 'conflict',
  [AccessErrorCode.ScopeNotFound]: 'not_found',
  [AccessErrorCode.OrganisationTaken]: 'conflict',
  [AccessErrorCode.NoRoles]: 'invalid',
};

export class AccessError extends DomainError {
  constructor(code: AccessErrorCode, message: string, params: Record<string, string | number> = {}) {
    super(KIND[code], code, message, undefined, params);
  }
}
