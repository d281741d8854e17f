import type { EntityManager } from 'typeorm';
import { hasRole, type Principal } from '../auth/principal.js';
import { SummerError, SummerErrorCode } from './summer.errors.js';
import { isUuid } from '../shared/ids.js';

export interface CohortRow {
  id: string;
  programme_id: string;
  programme_title: string;
  title: string;
  starts_on: string;
  ends_on: string;
  place: string;
  capacity: number;
  opens_at: Date;
  closes_at: Date;
  eligibility: string;
  form_source: string;
  form: import('./form-definition.js').FormField[];
  rubric_source: string;
  rubric: import('./form-definition.js').RubricCriterion[];
  quotas: Record<string, number>;
  min_attendance: number;
  require_courses: boolean;
}

const SELECT_COHORT = `SELECT c.*, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on, p.title AS programme_title
  FROM cohorts c JOIN programmes p ON p.id = c.programme_id`;

export async function findCohort(tx: EntityManager, cohortId: string, lock = false): Promise<CohortRow> {
  if (!isUuid(cohortId)) throw cohortNotFound();
  const [row] = await tx.query<CohortRow[]>(`${SELECT_COHORT} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`, [
    cohortId,
  ]);
  if (!row) throw cohortNotFound();
  return row;
}

/** The cohort, if this person coordinates it (or is an admin): every management route goes through here. */
export async function managedCohort(
  tx: EntityManager,
  principal: Principal,
  cohortId: string,
  lock = false,
): Promise<CohortRow> {
  const cohort = await findCohort(tx, cohortId, lock);
  if (hasRole(principal, 'admin')) return cohort;
  const [assigned] = await tx.query<unknown[]>(
    `SELECT 1 FROM cohort_coordinators WHERE cohort_id = $1 AND user_id = $2`,
    [cohortId, principal.userId],
  );
  if (!assigned || !hasRole(principal, 'coordinator'))
    throw new SummerError(SummerErrorCode.NotCoordinator, 'Only the coordinators of this cohort can do that.');
  return cohort;
}

/** The cohort, if this person reviews its applications (or coordinates it, or is an admin). */
export async function reviewedCohort(tx: EntityManager, principal: Principal, cohortId: string): Promise<CohortRow> {
  const cohort = await findCohort(tx, cohortId);
  if (!(await isCohortStaff(tx, principal, cohortId)))
    throw new SummerError(SummerErrorCode.NotReviewer, 'Only the reviewers of this cohort can do that.');
  return cohort;
}

/** Admins, and the cohort's reviewers and coordinators: those who may read its applications. */
export async function isCohortStaff(tx: EntityManager, principal: Principal, cohortId: string): Promise<boolean> {
  if (hasRole(principal, 'admin')) return true;
  const [role] = await tx.query<unknown[]>(
    `SELECT 1 FROM cohort_reviewers WHERE cohort_id = $1 AND user_id = $2
     UNION ALL SELECT 1 FROM cohort_coordinators WHERE cohort_id = $1 AND user_id = $2`,
    [cohortId, principal.userId],
  );
  return !!role;
}

export function cohortNotFound(): SummerError {
  return new SummerError(SummerErrorCode.CohortNotFound, 'There is no such summer-school cohort.');
}

export function isOpen(cohort: Pick<CohortRow, 'opens_at' | 'closes_at'>, now = new Date()): boolean {
  return cohort.opens_at <= now && now < cohort.closes_at;
}
