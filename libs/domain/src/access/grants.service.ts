import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '../shared/ids.js';
import { AccessError, AccessErrorCode } from './access.errors.js';
import { isAccessRole, ROLE_DEFINITIONS, type AccessRole, type SiteRole } from './access-roles.js';
import type { Capability } from './capabilities.js';
import { can, requireCapability, type Grant, type Grantee } from './decide.js';
import {
  cascadeSiteRole,
  deleteGrant,
  GRANT_COLUMNS,
  insertGrant,
  loadGrants,
  toGrantRow,
  type AuditActor,
  type GrantRow,
  type StoredGrant,
} from './grants-store.js';
import { SITE_SCOPE, scopeId, type Scope, type ScopeRef } from './scope.js';

export interface AuditEntry {
  id: string;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  before: Record<string, string | null> | null;
  after: Record<string, string | null> | null;
}

interface AuditRow {
  id: string;
  at: Date;
  actor_label: string;
  action: string;
  subject_label: string;
  before: AuditEntry['before'];
  after: AuditEntry['after'];
}

function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: String(row.id),
    at: row.at,
    actor: row.actor_label,
    action: row.action,
    subject: row.subject_label,
    before: row.before,
    after: row.after,
  };
}

/** Who acts, as the access feature needs to know them: id and e-mail for the audit log, grants. */
export type Actor = AuditActor & Grantee;

/** Serialises grant changes, so two admins can never remove each other's admin role at once. */
const GRANTS_LOCK = 7_311_042;

/** Roles a course's or cohort's own staff may hand out on it; every other grant is an admin's. */
const DELEGATED_BY: Partial<Record<AccessRole, Capability>> = {
  course_author: 'course.edit',
  cohort_coordinator: 'cohort.staff.manage',
  cohort_reviewer: 'cohort.staff.manage',
};

/** Grants: who may do what where. With grants-store.ts, the only reader and writer of the grants tables. */
@Injectable()
export class GrantsService {
  constructor(private readonly db: DataSource) {}

  /** The grants a principal carries for one request: the only read without an acting principal. */
  load(userId: string, tx: EntityManager = this.db.manager): Promise<Grant[]> {
    return loadGrants(tx, userId);
  }

  async listForUser(actor: Actor, userId: string): Promise<GrantRow[]> {
    this.require(actor, 'access.manage', SITE_SCOPE);
    if (!isUuid(userId)) return [];
    const rows = await this.db.query<StoredGrant[]>(
      `SELECT ${GRANT_COLUMNS} FROM grants WHERE user_id = $1 ORDER BY scope_kind <> 'site', role, created_at`,
      [userId],
    );
    return rows.map(toGrantRow);
  }

  /** The grants held on one object (the first element of its scope), for its staff page. */
  async listOn(actor: Actor, scope: Scope, capability: Capability): Promise<GrantRow[]> {
    this.require(actor, capability, scope);
    const target = scope[0];
    const rows = await this.db.query<StoredGrant[]>(
      `SELECT ${GRANT_COLUMNS} FROM grants WHERE scope_kind = $1 AND scope_id IS NOT DISTINCT FROM $2
       ORDER BY role, created_at`,
      [target.kind, scopeId(target)],
    );
    return rows.map(toGrantRow);
  }

  /** Grants a role on the object whose scope this is; `scope` runs from the object up to the site. */
  async grant(actor: Actor, userId: string, role: string, scope: Scope, tx?: EntityManager): Promise<void> {
    const target = this.checkGrantable(actor, role, scope);
    await this.inTransaction(tx, async (t) => {
      await t.query('SELECT pg_advisory_xact_lock($1)', [GRANTS_LOCK]);
      const needed = ROLE_DEFINITIONS[target.role].requiresSiteRole;
      const held = needed
        ? (await loadGrants(t, userId)).some((g) => g.scope.kind === 'site' && g.role === needed)
        : true;
      if (!held) {
        throw new AccessError(
          AccessErrorCode.WrongScope,
          `Only a person with the ${needed} role can be given the role ${target.role}.`,
          { role: target.role, needed: needed! },
        );
      }
      await insertGrant(t, actor, userId, target);
    });
  }

  async revoke(actor: Actor, userId: string, role: string, scope: Scope, tx?: EntityManager): Promise<void> {
    const target = this.checkGrantable(actor, role, scope);
    await this.inTransaction(tx, async (t) => {
      await t.query('SELECT pg_advisory_xact_lock($1)', [GRANTS_LOCK]);
      if (!(await deleteGrant(t, actor, userId, target))) {
        throw new AccessError(AccessErrorCode.GrantNotFound, 'This person does not hold that role here.');
      }
      await cascadeSiteRole(t, actor, userId, target.role);
      if (target.role === 'admin') await this.assertAnAdminLeft(t);
    });
  }

  /** Replaces a user's site roles (the users page); removing a site role removes the grants that need it. */
  async setSiteRoles(actor: Actor, userId: string, roles: SiteRole[]): Promise<void> {
    this.require(actor, 'access.manage', SITE_SCOPE);
    if (roles.length === 0) throw new AccessError(AccessErrorCode.NoRoles, 'Choose at least one role.');
    await this.db.transaction(async (t) => {
      await t.query('SELECT pg_advisory_xact_lock($1)', [GRANTS_LOCK]);
      const current = (await loadGrants(t, userId)).filter((g) => g.scope.kind === 'site').map((g) => g.role);
      const removed = current.filter((role) => !(roles as AccessRole[]).includes(role));
      for (const role of removed) {
        await deleteGrant(t, actor, userId, { role, scope: { kind: 'site' } });
        await cascadeSiteRole(t, actor, userId, role);
      }
      for (const role of roles.filter((r) => !current.includes(r))) {
        await insertGrant(t, actor, userId, { role, scope: { kind: 'site' } });
      }
      if (removed.includes('admin')) await this.assertAnAdminLeft(t);
    });
  }

  /** The audit log, newest first: who changed which grant, when, before and after. */
  async auditLog(actor: Actor, page = 1, pageSize = 100): Promise<{ entries: AuditEntry[]; total: number }> {
    this.require(actor, 'audit.read', SITE_SCOPE);
    const [rows, [{ total }]] = await Promise.all([
      this.db.query<AuditRow[]>(
        `SELECT id, at, actor_label, action, subject_label, before, after FROM access_audit
         ORDER BY at DESC, id DESC LIMIT $1 OFFSET $2`,
        [pageSize, (page - 1) * pageSize],
      ),
      this.db.query<Array<{ total: number }>>('SELECT count(*)::int AS total FROM access_audit'),
    ]);
    return { entries: rows.map(toAuditEntry), total };
  }

  require(actor: Grantee, capability: Capability, scope: Scope): void {
    requireCapability(actor, capability, scope);
  }

  private checkGrantable(actor: Actor, role: string, scope: Scope): Grant {
    if (!isAccessRole(role)) throw new AccessError(AccessErrorCode.UnknownRole, `There is no role "${role}".`);
    const target: ScopeRef = scope[0];
    if (!ROLE_DEFINITIONS[role].scopes.includes(target.kind)) {
      throw new AccessError(AccessErrorCode.WrongScope, `The role ${role} cannot be given on a ${target.kind}.`, {
        role,
        scope: target.kind,
      });
    }
    const delegated = DELEGATED_BY[role];
    if (!(delegated && can(actor, delegated, scope))) this.require(actor, 'access.manage', SITE_SCOPE);
    return { role, scope: target };
  }

  private async assertAnAdminLeft(t: EntityManager): Promise<void> {
    const [{ admins }] = await t.query<Array<{ admins: number }>>(
      `SELECT count(*)::int AS admins FROM grants WHERE role = 'admin' AND scope_kind = 'site'`,
    );
    if (admins === 0) {
      throw new AccessError(
        AccessErrorCode.LastAdmin,
        'This is the last admin: give another user the admin role first.',
      );
    }
  }

  private inTransaction<T>(tx: EntityManager | undefined, work: (t: EntityManager) => Promise<T>): Promise<T> {
    return tx ? work(tx) : this.db.transaction(work);
  }
}
