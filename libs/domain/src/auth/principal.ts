import type { Locale, Role } from '../users/roles.js';

/** Who is making a request, as far as permission checks are concerned. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  locale: Locale;
  roles: Role[];
  via: 'session' | 'token';
  /** Only for a personal access token: `read` tokens may only read (GET and HEAD). */
  tokenScope?: TokenScope;
}

export const TOKEN_SCOPES = ['read', 'read-write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export function hasRole(principal: Principal | undefined, ...roles: Role[]): boolean {
  return !!principal && roles.some((role) => principal.roles.includes(role));
}

export interface PrincipalRow {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  roles: Role[] | null;
}

export const PRINCIPAL_COLUMNS = `u.id, u.email, u.name, u.locale,
  ARRAY(SELECT r.role FROM user_roles r WHERE r.user_id = u.id ORDER BY r.role) AS roles`;

export function toPrincipal(row: PrincipalRow, via: Principal['via']): Principal {
  return { userId: row.id, email: row.email, name: row.name, locale: row.locale, roles: row.roles ?? [], via };
}
