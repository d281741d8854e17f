import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Joining a cohort: membership, and enrolment in its linked courses whatever their enrolment mode. */
@Injectable()
export class MembershipService {
  async join(tx: EntityManager, cohortId: string, userId: string): Promise<void> {
    await tx.query(`INSERT INTO cohort_members (cohort_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      cohortId,
      userId,
    ]);
    await tx.query(
      `INSERT INTO enrolments (user_id, course_id, status, decided_at)
       SELECT $2, cc.course_id, 'active', now() FROM cohort_courses cc WHERE cc.cohort_id = $1
       ON CONFLICT (user_id, course_id) DO UPDATE SET status = 'active', decided_at = now(), updated_at = now()
       WHERE enrolments.status <> 'active'`,
      [cohortId, userId],
    );
  }
}
