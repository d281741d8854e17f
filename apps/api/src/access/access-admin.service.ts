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

  private async describe(rows: GrantRow[]): Promise<DescribedGrant[]> {
    const ids = (kind: ObjectKind) => rows.flatMap((r) => (r.scope.kind === kind ? [r.scope.id] : []));
    const kinds: ObjectKind[] = ['organisation', 'course', 'programme', 'cohort'];
    const names = new Map(await Promise.all(kinds.map(async (k) => [k, await this.names(k, ids(k))] as const)));
    const people = await this.users.namesOf([...new Set(rows.map((r) => r.userId))]);
    return rows.map((row) => ({
      ...row,
      person: people.get(row.userId) ?? row.userId,
      scopeLabel: row.scope.kind === 'site' ? '' : (names.get(row.scope.kind)?.get(row.scope.id) ?? row.scope.id),
      scopeHref: row.scope.kind === 'site' ? null : scopeHref(row.scope),
    }));
  }
}

export function scopeHref(ref: ScopeRef): string | null {
  return ref.kind === 'site' ? null : `/admin/access/${ref.kind}/${ref.id}`;
}
