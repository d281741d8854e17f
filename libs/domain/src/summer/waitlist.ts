import type { EntityManager } from 'typeorm';
import type { MailService } from '../mail/index.js';
import { changeStatus } from './application-changes.js';

/**
 * Fills free places from the waitlist, best-ranked first (average review score, then the earliest
 * submission), within the cohort's capacity and quotas. Runs in the transaction that freed the
 * place, with the cohort row locked, so two withdrawals at once never offer the same place twice.
 */
export async function promoteFromWaitlist(tx: EntityManager, mail: MailService, cohortId: string): Promise<void> {
  for (;;) {
    const [next] = await tx.query<Array<{ id: string }>>(
      `WITH cohort AS (SELECT capacity, quotas FROM cohorts WHERE id = $1),
       taken AS (SELECT category, count(*)::int AS n FROM applications
                 WHERE cohort_id = $1 AND status IN ('accepted', 'confirmed') GROUP BY category)
       SELECT a.id FROM applications a, cohort
       WHERE a.cohort_id = $1 AND a.status = 'waitlisted'
         AND (SELECT coalesce(sum(n), 0) FROM taken) < cohort.capacity
         AND (NOT cohort.quotas ? a.category
              OR coalesce((SELECT n FROM taken WHERE taken.category = a.category), 0) < (cohort.quotas->>a.category)::int)
       ORDER BY (SELECT avg(r.total) FROM application_reviews r WHERE r.application_id = a.id) DESC NULLS LAST,
                a.submitted_at, a.id
       LIMIT 1`,
      [cohortId],
    );
    if (!next) return;
    await changeStatus(tx, mail, {
      applicationId: next.id,
      actorId: null,
      from: ['waitlisted'],
      to: 'accepted',
      offered: true,
    });
  }
}
