import { Injectable } from '@nestjs/common';
import {
  AccessError,
  AccessErrorCode,
  CohortsService,
  CoursesService,
  GrantsService,
  OrganisationsService,
  ROLE_DEFINITIONS,
  SITE,
  UsersService,
  type AccessRole,
  type AuditEntry,
  type GrantRow,
  type Principal,
  type Scope,
  type ScopeKind,
  type ScopeRef,
} from '@karvan/domain';

export interface DescribedGrant extends GrantRow {
  scopeLabel: string;
  scopeHref: string | null;
  person: string;
}

type ObjectKind = Exclude<ScopeKind, 'site'>;

/** One side of an audited change: the role and where, named as the admin pages name it. */
export interface AuditedGrant {
  role: string;
  kind: string;
  id: string | null;
  /** The object's name now; its id if it no longer exists. Empty for the site. */
  label: string;
  href: string | null;
}

export interface DescribedAuditEntry extends Omit<AuditEntry, 'before' | 'after'> {
  before: AuditedGrant | null;
  after: AuditedGrant | null;
}

/** The admin's view of grants: names for ids, and scopes built from a kind and an id. */
@Injectable()
export class AccessAdminService {
  constructor(
    private readonly grants: GrantsService,
    private readonly users: UsersService,
    private readonly courses: CoursesService,
    private readonly cohorts: CohortsService,
    private readonly organisations: OrganisationsService,
  ) {}

  rolesFor(kind: ScopeKind): AccessRole[] {
    return (Object.keys(ROLE_DEFINITIONS) as AccessRole[]).filter((r) => ROLE_DEFINITIONS[r].scopes.includes(kind));
  }

  async forUser(me: Principal, userId: string): Promise<DescribedGrant[]> {
    return this.describe(await this.grants.listForUser(me, userId));
  }

  async onScope(me: Principal, kind: ObjectKind, id: string): Promise<{ label: string; grants: DescribedGrant[] }> {
    const label = await this.label(kind, id);
    const grants = await this.grants.listOn(me, this.scope(kind, id), 'access.manage');
    return { label, grants: await this.describe(grants) };
  }

  async grant(me: Principal, kind: ObjectKind, id: string, email: string, role: AccessRole): Promise<void> {
    await this.label(kind, id);
    const userId = await this.users.findIdByEmail(email);
    if (!userId) throw new AccessError(AccessErrorCode.ScopeNotFound, `Nobody has the address ${email}.`);
    await this.grants.grant(me, userId, role, this.scope(kind, id));
  }

  async revoke(me: Principal, kind: ScopeKind, id: string | null, userId: string, role: AccessRole): Promise<void> {
    const scope: Scope = kind === 'site' || !id ? [SITE] : this.scope(kind, id);
    await this.grants.revoke(me, userId, role, scope);
  }

  /** The audit log with each change's course, cohort, programme or organisation named, not just its id. */
  async auditLog(
    me: Principal,
    page: number,
    pageSize?: number,
  ): Promise<{ entries: DescribedAuditEntry[]; total: number }> {
    const { entries, total } = await this.grants.auditLog(me, page, pageSize);
    const names = await this.namesOf(
      entries.flatMap((e) => [objectOf(e.before), objectOf(e.after)]).flatMap((r) => (r ? [r] : [])),
    );
    const named = (side: AuditEntry['before']): AuditedGrant | null => {
      if (!side) return null;
      const ref = objectOf(side);
      return {
        role: side.role ?? '',
        kind: side.scope ?? 'site',
        id: ref?.id ?? null,
        label: ref ? (names.get(ref.kind)?.get(ref.id) ?? ref.id) : '',
        href: ref ? scopeHref(ref) : null,
      };
    };
    return { entries: entries.map((e) => ({ ...e, before: named(e.before), after: named(e.after) })), total };
  }

  /** Admin pages act on the site's authority, so the object's own place in the hierarchy is not needed. */
  private scope(kind: ObjectKind, id: string): Scope {
    return [{ kind, id }, SITE];
  }

  private async label(kind: ObjectKind, id: string): Promise<string> {
    const names = await this.names(kind, [id]);
    const name = names.get(id);
    if (!name) throw new AccessError(AccessErrorCode.ScopeNotFound, `There is no such ${kind}.`);
    return name;
  }

  private async names(kind: ObjectKind, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    if (kind === 'course') return this.courses.titles(ids);
    if (kind === 'organisation') {
      const all = await this.organisations.list();
      return new Map(all.filter((o) => ids.includes(o.id)).map((o) => [o.id, o.name]));
    }
    return this.cohorts.titles(kind, ids);
  }

  /** Names of these objects, by kind and id: one read per kind. */
  private async namesOf(refs: Array<{ kind: ObjectKind; id: string }>): Promise<Map<ObjectKind, Map<string, string>>> {
    const ids = (kind: ObjectKind) => [...new Set(refs.flatMap((r) => (r.kind === kind ? [r.id] : [])))];
    const kinds: ObjectKind[] = ['organisation', 'course', 'programme', 'cohort'];
    return new Map(await Promise.all(kinds.map(async (k) => [k, await this.names(k, ids(k))] as const)));
  }

  private async describe(rows: GrantRow[]): Promise<DescribedGrant[]> {
    const names = await this.namesOf(rows.flatMap((r) => (r.scope.kind === 'site' ? [] : [r.scope])));
    const people = await this.users.namesOf([...new Set(rows.map((r) => r.userId))]);
    return rows.map((row) => ({
      ...row,
      person: people.get(row.userId) ?? row.userId,
      scopeLabel: row.scope.kind === 'site' ? '' : (names.get(row.scope.kind)?.get(row.scope.id) ?? row.scope.id),
      scopeHref: row.scope.kind === 'site' ? null : scopeHref(row.scope),
    }));
  }
}

/** The course, cohort, programme or organisation one side of an audited change was on; null for the site. */
function objectOf(side: AuditEntry['before']): { kind: ObjectKind; id: string } | null {
  return side?.scopeId && side.scope !== 'site' ? { kind: side.scope as ObjectKind, id: side.scopeId } : null;
}

export function scopeHref(ref: ScopeRef): string | null {
  return ref.kind === 'site' ? null : `/admin/access/${ref.kind}/${ref.id}`;
}
