import { grantsOf, toGrants, type Grant } from '../access/index.js';
import type { Locale } from '../shared/locale.js';

/**
 * Who is acting. Built afresh for every request (or job) with the grants read for it, so a
 * removed role or grant takes effect on the next request and decisions are cached per request only.
 */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  locale: Locale;
  /** The zone the person chose for times on pages; undefined means the site's zone. */
  timeZone?: string;
  via: 'session' | 'token';
  grants: readonly Grant[];
  /** Only for a personal access token: `read` tokens may only read (GET and HEAD). */
  tokenScope?: TokenScope;
}

export const TOKEN_SCOPES = ['read', 'read-write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Who a session or token belongs to, before their grants are read. */
export type Identity = Omit<Principal, 'grants'>;

export interface PrincipalRow {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  time_zone: string | null;
}

export const PRINCIPAL_COLUMNS = `u.id, u.email, u.name, u.locale, u.time_zone`;

/** PRINCIPAL_COLUMNS and the user's grants (`grants`), for one query per request. */
export const PRINCIPAL_WITH_GRANTS = `${PRINCIPAL_COLUMNS}, ${grantsOf('u.id')} AS grants`;

export type PrincipalWithGrantsRow = PrincipalRow & { grants: Parameters<typeof toGrants>[0] };

export function toIdentity(row: PrincipalRow, via: Principal['via']): Identity {
  const identity: Identity = { userId: row.id, email: row.email, name: row.name, locale: row.locale, via };
  return row.time_zone ? { ...identity, timeZone: row.time_zone } : identity;
}

export function toPrincipal(row: PrincipalWithGrantsRow, via: Principal['via']): Principal {
  return { ...toIdentity(row, via), grants: toGrants(row.grants) };
}
