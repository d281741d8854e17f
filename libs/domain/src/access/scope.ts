/** Where a grant applies: the whole site, an organisation, a course, a programme or a cohort. */
export const SCOPE_KINDS = ['site', 'organisation', 'course', 'programme', 'cohort'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export type ScopeRef = { kind: 'site' } | { kind: Exclude<ScopeKind, 'site'>; id: string };

/**
 * An object's place in the hierarchy, from itself up to the site. Built by the feature that owns
 * the object (it has the row), so the access feature never reads other features' tables.
 */
export type Scope = readonly ScopeRef[];

export const SITE: ScopeRef = { kind: 'site' };
export const SITE_SCOPE: Scope = [SITE];

function organisationRef(organisationId: string | null | undefined): ScopeRef[] {
  return organisationId ? [{ kind: 'organisation', id: organisationId }] : [];
}

export function courseScope(course: { id: string; organisationId?: string | null }): Scope {
  return [{ kind: 'course', id: course.id }, ...organisationRef(course.organisationId), SITE];
}

export function programmeScope(programme: { id: string; organisationId?: string | null }): Scope {
  return [{ kind: 'programme', id: programme.id }, ...organisationRef(programme.organisationId), SITE];
}

export function cohortScope(cohort: { id: string; programmeId: string; organisationId?: string | null }): Scope {
  return [
    { kind: 'cohort', id: cohort.id },
    { kind: 'programme', id: cohort.programmeId },
    ...organisationRef(cohort.organisationId),
    SITE,
  ];
}

export function sameScope(a: ScopeRef, b: ScopeRef): boolean {
  return a.kind === b.kind && (a.kind === 'site' || (b.kind !== 'site' && a.id === b.id));
}

export function scopeId(ref: ScopeRef): string | null {
  return ref.kind === 'site' ? null : ref.id;
}
