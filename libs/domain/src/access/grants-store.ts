import type { EntityManager } from 'typeorm';
import { isAccessRole, ROLE_DEFINITIONS, type AccessRole, type SiteRole } from './access-roles.js';
import type { Grant } from './decide.js';
import { scopeId, type ScopeKind, type ScopeRef } from './scope.js';

/** The acting person as the audit log records them. */
export interface AuditActor {
  userId: string;
  email: string;
}

export interface GrantRow {
  id: string;
  userId: string;
  role: AccessRole;
  scope: ScopeRef;
  createdAt: Date;
}

export interface StoredGrant {
  id: string;
  user_id: string;
  role: string;
  scope_kind: ScopeKind;
  scope_id: string | null;
  created_at: Date;
}

export const GRANT_COLUMNS = 'id, user_id, role, scope_kind, scope_id, created_at';

function toRef(row: Pick<StoredGrant, 'scope_kind' | 'scope_id'>): ScopeRef {
  return row.scope_kind === 'site' ? { kind: 'site' } : { kind: row.scope_kind, id: row.scope_id! };
}

export function toGrantRow(row: StoredGrant): GrantRow {
  return {
    id: row.id,
    userId: row.user_id,
    role: row.role as AccessRole,
    scope: toRef(row),
    createdAt: row.created_at,
  };
}

function describe(grant: { role: string; scope: ScopeRef }): Record<string, string | null> {
  return { role: grant.role, scope: grant.scope.kind, scopeId: scopeId(grant.scope) };
}

/** A user's grants, read for one request or job. */
export async function loadGrants(tx: EntityManager, userId: string): Promise<Grant[]> {
  const rows = await tx.query<StoredGrant[]>(`SELECT ${GRANT_COLUMNS} FROM grants WHERE user_id = $1`, [userId]);
  return toGrants(rows);
}

/**
 * A subquery giving the grants of the user `userIdSql` names as a JSON array, for a query that
 * reads them with who is asking: one round trip a request. Read the column with `toGrants`.
 */
export function grantsOf(userIdSql: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('role', g.role, 'scope_kind', g.scope_kind, 'scope_id', g.scope_id)), '[]'::json)
    FROM grants g WHERE g.user_id = ${userIdSql})`;
}

export function toGrants(rows: Array<Pick<StoredGrant, 'role' | 'scope_kind' | 'scope_id'>>): Grant[] {
  return rows
    .filter((row) => isAccessRole(row.role))
    .map((row) => ({ role: row.role as AccessRole, scope: toRef(row) }));
}

/** Users holding one of these roles on an object: what other features ask instead of reading the table. */
export async function holdersOf(tx: EntityManager, scope: ScopeRef, roles: AccessRole[]): Promise<string[]> {
  const rows = await tx.query<Array<{ user_id: string }>>(
    `SELECT DISTINCT user_id FROM grants WHERE scope_kind = $1 AND scope_id IS NOT DISTINCT FROM $2 AND role = ANY($3)`,
    [scope.kind, scopeId(scope), roles],
  );
  return rows.map((r) => r.user_id);
}

export async function insertGrant(
  tx: EntityManager,
  actor: AuditActor | undefined,
  userId: string,
  grant: Grant,
): Promise<boolean> {
  const rows = await tx.query<Array<{ id: string }>>(
    `INSERT INTO grants (user_id, role, scope_kind, scope_id, granted_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING id`,
    [userId, grant.role, grant.scope.kind, scopeId(grant.scope), actor?.userId ?? null],
  );
  if (rows[0]) await recordAudit(tx, actor, 'grant', userId, null, describe(grant));
  return rows.length > 0;
}

export async function deleteGrant(
  tx: EntityManager,
  actor: AuditActor | undefined,
  userId: string,
  grant: Grant,
): Promise<boolean> {
  const rows = await tx.query<Array<{ id: string }>>(
    // Wrapped in a SELECT: TypeORM returns [rows, count] for a bare DELETE, plain rows for a SELECT.
    `WITH gone AS (
       DELETE FROM grants WHERE user_id = $1 AND role = $2 AND scope_kind = $3 AND scope_id IS NOT DISTINCT FROM $4
       RETURNING id
     ) SELECT id FROM gone`,
    [userId, grant.role, grant.scope.kind, scopeId(grant.scope)],
  );
  if (rows[0]) await recordAudit(tx, actor, 'revoke', userId, describe(grant), null);
  return rows.length > 0;
}

/** A new account's site roles (registration, invitation, the CLI), in the caller's transaction. */
export async function insertSiteRoles(
  tx: EntityManager,
  userId: string,
  roles: SiteRole[],
  actor?: AuditActor,
): Promise<void> {
  for (const role of new Set(roles)) await insertGrant(tx, actor, userId, { role, scope: { kind: 'site' } });
}

/**
 * A subquery of the holders of one site role, for filtering a list of accounts in SQL: `$n` is the
 * role's parameter in the caller's query.
 */
export function siteRoleHoldersSql(parameter: string): string {
  return `SELECT user_id FROM grants WHERE scope_kind = 'site' AND role = ${parameter}`;
}

/** Site roles of many users at once, for lists. */
export async function siteRolesOf(tx: EntityManager, userIds: string[]): Promise<Map<string, SiteRole[]>> {
  const rows = await tx.query<Array<{ user_id: string; role: SiteRole }>>(
    `SELECT user_id, role FROM grants WHERE scope_kind = 'site' AND user_id = ANY($1) ORDER BY role`,
    [userIds],
  );
  const byUser = new Map<string, SiteRole[]>(userIds.map((id) => [id, []]));
  for (const row of rows) byUser.get(row.user_id)?.push(row.role);
  return byUser;
}

/**
 * Course authors named by a course's files: only those who hold the trainer role become authors,
 * as in the editor, so naming a trainee in front matter gives them nothing.
 */
export async function grantCourseAuthors(tx: EntityManager, courseId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const trainers = await tx.query<Array<{ user_id: string }>>(
    `SELECT user_id FROM grants WHERE role IN ('trainer', 'admin') AND scope_kind = 'site' AND user_id = ANY($1)`,
    [userIds],
  );
  for (const { user_id } of trainers) {
    await insertGrant(tx, undefined, user_id, { role: 'course_author', scope: { kind: 'course', id: courseId } });
  }
}

/** Scoped grants that need a site role just removed go with it. */
export async function cascadeSiteRole(
  tx: EntityManager,
  actor: AuditActor,
  userId: string,
  removed: AccessRole,
): Promise<void> {
  const dependent = (Object.keys(ROLE_DEFINITIONS) as AccessRole[]).filter(
    (role) => ROLE_DEFINITIONS[role].requiresSiteRole === removed,
  );
  if (dependent.length === 0) return;
  const rows = await tx.query<StoredGrant[]>(
    `WITH gone AS (DELETE FROM grants WHERE user_id = $1 AND role = ANY($2) RETURNING ${GRANT_COLUMNS})
     SELECT ${GRANT_COLUMNS} FROM gone`,
    [userId, dependent],
  );
  for (const row of rows) await recordAudit(tx, actor, 'revoke', userId, describe(toGrantRow(row)), null);
}

export async function recordAudit(
  tx: EntityManager,
  actor: AuditActor | undefined,
  action: string,
  subjectId: string | null,
  before: object | null,
  after: object | null,
): Promise<void> {
  await tx.query(
    `INSERT INTO access_audit (actor_id, actor_label, action, subject_id, subject_label, before, after)
     VALUES ($1, $2, $3, $4, coalesce((SELECT email FROM users WHERE id = $4), ''), $5, $6)`,
    [actor?.userId ?? null, actor?.email ?? 'system', action, subjectId, before, after],
  );
}
