import type { EntityManager } from 'typeorm';
import { addLinkedScopes, can, cohortScope, type Capability, type Scope } from '../access/index.js';
import type { Principal } from '../auth/index.js';
import { SummerError, SummerErrorCode } from './summer.errors.js';
import { isUuid } from '../shared/ids.js';

export interface CohortRow {
  id: string;
  programme_id: string;
  programme_title: string;
  organisation_id: string | null;
  title: string;
  starts_on: string;
  ends_on: string;
  place: string;
  capacity: number;
  opens_at: Date;
  closes_at: Date;
  /** The IANA zone its call and sessions are shown and typed in. */
  time_zone: string;
  eligibility: string;
  form_source: string;
  form: import('./form-definition.js').FormField[];
  rubric_source: string;
  rubric: import('./form-definition.js').RubricCriterion[];
  quotas: Record<string, number>;
  min_attendance: number;
  require_courses: boolean;
  translations: import('./summer-translations.js').SummerTranslations;
  programme_translations: import('./summer-translations.js').SummerTranslations;
}

const SELECT_COHORT = `SELECT c.*, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on, p.title AS programme_title, p.translations AS programme_translations,
  p.organisation_id
  FROM cohorts c JOIN programmes p ON p.id = c.programme_id`;

export async function findCohort(tx: EntityManager, cohortId: string, lock = false): Promise<CohortRow> {
  if (!isUuid(cohortId)) throw cohortNotFound();
  const [row] = await tx.query<CohortRow[]>(`${SELECT_COHORT} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`, [
    cohortId,
  ]);
  if (!row) throw cohortNotFound();
  return row;
}

/** The cohorts of these ids that exist, in one read (ids that are not UUIDs are left out). */
export async function findCohorts(tx: EntityManager, cohortIds: string[]): Promise<CohortRow[]> {
  const ids = cohortIds.filter(isUuid);
  return ids.length ? tx.query<CohortRow[]>(`${SELECT_COHORT} WHERE c.id = ANY($1::uuid[])`, [ids]) : [];
}

export function scopeOfCohort(cohort: Pick<CohortRow, 'id' | 'programme_id' | 'organisation_id'>): Scope {
  return cohortScope({ id: cohort.id, programmeId: cohort.programme_id, organisationId: cohort.organisation_id });
}

export function canOnCohort(
  principal: Principal,
  capability: Capability,
  cohort: Pick<CohortRow, 'id' | 'programme_id' | 'organisation_id'>,
): boolean {
  return can(principal, capability, scopeOfCohort(cohort));
}

/** The cohort, if this person may manage it: every management route goes through here. */
export async function managedCohort(
  tx: EntityManager,
  principal: Principal,
  cohortId: string,
  lock = false,
  capability: Capability = 'cohort.manage',
): Promise<CohortRow> {
  const cohort = await findCohort(tx, cohortId, lock);
  if (!canOnCohort(principal, capability, cohort))
    throw new SummerError(SummerErrorCode.NotCoordinator, 'Only the coordinators of this cohort can do that.');
  return cohort;
}

/** The cohort, if this person reviews its applications (or coordinates it, or is an admin). */
export async function reviewedCohort(
  tx: EntityManager,
  principal: Principal,
  cohortId: string,
  capability: Capability = 'application.review',
): Promise<CohortRow> {
  const cohort = await findCohort(tx, cohortId);
  if (!canOnCohort(principal, capability, cohort))
    throw new SummerError(SummerErrorCode.NotReviewer, 'Only the reviewers of this cohort can do that.');
  return cohort;
}

/** Those who may read its applications: admins, the cohort's reviewers and coordinators. */
export function isCohortStaff(
  principal: Principal,
  cohort: Pick<CohortRow, 'id' | 'programme_id' | 'organisation_id'>,
): boolean {
  return canOnCohort(principal, 'application.read', cohort);
}

export function cohortNotFound(): SummerError {
  return new SummerError(SummerErrorCode.CohortNotFound, 'There is no such summer-school cohort.');
}

export function isOpen(cohort: Pick<CohortRow, 'opens_at' | 'closes_at'>, now = new Date()): boolean {
  return cohort.opens_at <= now && now < cohort.closes_at;
}

/** The cohorts linking a course that count these learners as members, as scopes (see addLinkedScopes). */
async function cohortsOfMembers(
  tx: EntityManager,
  courseId: string,
  learnerIds: string[],
): Promise<Map<string, Scope[]>> {
  const rows = await tx.query<
    Array<{ user_id: string; id: string; programme_id: string; organisation_id: string | null }>
  >(
    `SELECT m.user_id, c.id, c.programme_id, p.organisation_id
     FROM cohort_courses cc JOIN cohort_members m ON m.cohort_id = cc.cohort_id
     JOIN cohorts c ON c.id = cc.cohort_id JOIN programmes p ON p.id = c.programme_id
     WHERE cc.course_id = $1 AND m.user_id = ANY($2::uuid[])`,
    [courseId, learnerIds],
  );
  const byLearner = new Map<string, Scope[]>();
  for (const row of rows) byLearner.set(row.user_id, [...(byLearner.get(row.user_id) ?? []), scopeOfCohort(row)]);
  return byLearner;
}

// Registered when the summer feature loads: a cohort's staff reach its members in the linked courses.
addLinkedScopes(cohortsOfMembers);
