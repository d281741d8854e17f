import { roleAllows, type AccessRole, type SiteRole } from './access-roles.js';
import type { Capability } from './capabilities.js';
import { AccessError, AccessErrorCode } from './access.errors.js';
import { sameScope, SITE_SCOPE, type Scope, type ScopeKind, type ScopeRef } from './scope.js';

export interface Grant {
  role: AccessRole;
  scope: ScopeRef;
}

/** The part of the acting principal that decisions need: its grants, loaded for this request. */
export interface Grantee {
  grants: readonly Grant[];
}

/** Whether a grant on the object's scope or any scope above it carries the capability. */
export function can(principal: Grantee | undefined, capability: Capability, scope: Scope): boolean {
  if (!principal) return false;
  return principal.grants.some(
    (grant) => roleAllows(grant.role, capability) && scope.some((ref) => sameScope(ref, grant.scope)),
  );
}

/** Whether the capability is granted anywhere: enough to show a link or let a route through to the domain. */
export function canAnywhere(principal: Grantee | undefined, capability: Capability): boolean {
  return !!principal && principal.grants.some((grant) => roleAllows(grant.role, capability));
}

export function siteRoles(principal: Grantee | undefined): SiteRole[] {
  if (!principal) return [];
  const roles = principal.grants.filter((g) => g.scope.kind === 'site').map((g) => g.role as SiteRole);
  return [...new Set(roles)].sort();
}

/** Where a capability reaches, for list queries: everything, or these objects of each kind. */
export interface Reach {
  all: boolean;
  ids: Record<Exclude<ScopeKind, 'site'>, string[]>;
}

export function reach(principal: Grantee | undefined, capability: Capability): Reach {
  const result: Reach = { all: false, ids: { organisation: [], course: [], programme: [], cohort: [] } };
  for (const grant of principal?.grants ?? []) {
    if (!roleAllows(grant.role, capability)) continue;
    if (grant.scope.kind === 'site') result.all = true;
    else result.ids[grant.scope.kind].push(grant.scope.id);
  }
  return result;
}

/**
 * The check every domain method starts with: the capability on the object's scope (the whole site
 * for installation-wide work such as queues, keys and accounts), or a forbidden error.
 */
export function requireCapability(
  principal: Grantee | undefined,
  capability: Capability,
  scope: Scope = SITE_SCOPE,
  message = 'You do not have permission to do this.',
): void {
  if (!can(principal, capability, scope)) throw new AccessError(AccessErrorCode.Forbidden, message);
}
