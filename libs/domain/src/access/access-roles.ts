import { CAPABILITIES, type Capability } from './capabilities.js';
import type { ScopeKind } from './scope.js';

/** The roles granted on the whole site; every account holds `trainee`. */
export const SITE_ROLES = ['trainee', 'trainer', 'coordinator', 'admin'] as const;
export type SiteRole = (typeof SITE_ROLES)[number];

export const SCOPED_ROLES = [
  'organisation_manager',
  'course_author',
  'programme_manager',
  'cohort_coordinator',
  'cohort_reviewer',
] as const;
export type ScopedRole = (typeof SCOPED_ROLES)[number];

export type AccessRole = SiteRole | ScopedRole;
export const ACCESS_ROLES: readonly AccessRole[] = [...SITE_ROLES, ...SCOPED_ROLES];

const COURSE_STAFF: Capability[] = [
  'course.edit',
  'course.enrolments.manage',
  'course.answers.read',
  'gradebook.read',
  'attempt.grade',
  'certificate.manage',
];
/** On a cohort; gradebook.read and certificate.manage reach its members in the linked courses. */
const COHORT_STAFF: Capability[] = [
  'cohort.manage',
  'gradebook.read',
  'cohort.staff.manage',
  'application.read',
  'application.review',
  'application.decide',
  'attendance.mark',
  'certificate.manage',
];

interface RoleDefinition {
  capabilities: readonly Capability[];
  /** Where the role may be granted. */
  scopes: readonly ScopeKind[];
  /**
   * The site role a person must hold for this scoped role: removing that site role removes these
   * grants too, so taking someone's coordinator role away ends their cohort access at once.
   */
  requiresSiteRole?: SiteRole;
}

export const ROLE_DEFINITIONS: Record<AccessRole, RoleDefinition> = {
  trainee: { capabilities: ['learning.participate'], scopes: ['site'] },
  // Every site role is also a learner's: staff take courses and apply like anyone else.
  trainer: { capabilities: ['learning.participate', 'course.create'], scopes: ['site'] },
  coordinator: { capabilities: ['learning.participate', 'programme.create', 'cohort.create'], scopes: ['site'] },
  admin: { capabilities: CAPABILITIES, scopes: ['site'] },
  organisation_manager: {
    capabilities: [...COURSE_STAFF, 'cohort.create', ...COHORT_STAFF],
    scopes: ['organisation'],
  },
  course_author: { capabilities: COURSE_STAFF, scopes: ['course'], requiresSiteRole: 'trainer' },
  programme_manager: {
    capabilities: ['cohort.create', ...COHORT_STAFF],
    scopes: ['programme'],
    requiresSiteRole: 'coordinator',
  },
  cohort_coordinator: { capabilities: COHORT_STAFF, scopes: ['cohort'], requiresSiteRole: 'coordinator' },
  cohort_reviewer: { capabilities: ['application.read', 'application.review'], scopes: ['cohort'] },
};

export function isAccessRole(value: unknown): value is AccessRole {
  return typeof value === 'string' && (ACCESS_ROLES as readonly string[]).includes(value);
}

export function isSiteRole(value: unknown): value is SiteRole {
  return typeof value === 'string' && (SITE_ROLES as readonly string[]).includes(value);
}

export function roleAllows(role: AccessRole, capability: Capability): boolean {
  return ROLE_DEFINITIONS[role].capabilities.includes(capability);
}
