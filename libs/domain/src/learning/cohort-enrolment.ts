import type { EntityManager } from 'typeorm';

/**
 * Enrols a new summer-school member in the cohort's linked courses, whatever their enrolment mode:
 * the cohort's own selection stands in for it (linking such a course needs the right to manage its enrolments).
 */
export async function enrolCohortMember(tx: EntityManager, userId: string, courseIds: string[]): Promise<void> {
  if (courseIds.length === 0) return;
  await tx.query(
    `INSERT INTO enrolments (user_id, course_id, status, decided_at)
     SELECT $1, course_id, 'active', now() FROM unnest($2::uuid[]) AS course_id
     ON CONFLICT (user_id, course_id) DO UPDATE SET status = 'active', decided_at = now(), updated_at = now()
     WHERE enrolments.status <> 'active'`,
    [userId, courseIds],
  );
}
