import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { enrolCohortMember } from '../learning/index.js';

/** Joining a cohort: membership, and enrolment in its linked courses whatever their enrolment mode. */
@Injectable()
export class MembershipService {
  async join(tx: EntityManager, cohortId: string, userId: string): Promise<void> {
    await tx.query(`INSERT INTO cohort_members (cohort_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      cohortId,
      userId,
    ]);
    const linked = await tx.query<Array<{ course_id: string }>>(
      'SELECT course_id FROM cohort_courses WHERE cohort_id = $1',
      [cohortId],
    );
    await enrolCohortMember(
      tx,
      userId,
      linked.map((l) => l.course_id),
    );
  }
}
