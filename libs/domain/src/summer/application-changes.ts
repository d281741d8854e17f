import type { EntityManager } from 'typeorm';
import { recordEvent } from '../events/index.js';
import type { MailService } from '../mail/index.js';
import { isLocale } from '../shared/locale.js';

export type ApplicationStatus =
  'draft' | 'submitted' | 'accepted' | 'waitlisted' | 'rejected' | 'withdrawn' | 'confirmed' | 'declined';

/** Status changes that tell the applicant by e-mail, and the template that does. */
const MAIL_ON: Partial<Record<ApplicationStatus, string>> = {
  submitted: 'applicationSubmitted',
  accepted: 'applicationAccepted',
  waitlisted: 'applicationWaitlisted',
  rejected: 'applicationRejected',
};

/**
 * Moves an application to a new status if it is in one of `from`, records who did it and when,
 * and writes the e-mail that goes with it (sent once: its dedupe key is the change's id). Returns
 * the e-mail's id (null when the change mails nothing), or undefined when the application was not in `from`.
 */
export async function changeStatus(
  tx: EntityManager,
  mail: MailService,
  change: {
    applicationId: string;
    actorId: string | null;
    from: ApplicationStatus[];
    to: ApplicationStatus;
    offered?: boolean;
  },
): Promise<{ mailId: string | null } | undefined> {
  const [row] = await tx.query<Array<{ previous: ApplicationStatus }>>(
    `WITH old AS (SELECT status FROM applications WHERE id = $1 FOR UPDATE),
     changed AS (
       UPDATE applications a SET status = $2::varchar, updated_at = now(),
         submitted_at = CASE WHEN $2::varchar = 'submitted' THEN now() ELSE a.submitted_at END
       FROM old WHERE a.id = $1 AND old.status = ANY($3::varchar[]) RETURNING old.status AS previous
     ) SELECT * FROM changed`,
    [change.applicationId, change.to, change.from],
  );
  if (!row) return undefined;
  const [event] = await tx.query<Array<{ id: string }>>(
    `INSERT INTO application_events (application_id, actor_id, from_status, to_status) VALUES ($1, $2, $3, $4) RETURNING id`,
    [change.applicationId, change.actorId, row.previous, change.to],
  );
  await recordEvent(tx, {
    type: 'ApplicationStatusChanged',
    payload: { applicationId: change.applicationId, from: row.previous, to: change.to },
  });
  const template = change.offered ? 'applicationOffered' : MAIL_ON[change.to];
  if (!template) return { mailId: null };
  const [who] = await tx.query<
    Array<{ email: string; name: string; locale: string; cohort: string; cohort_id: string }>
  >(
    `SELECT u.email, u.name, u.locale, c.title AS cohort, c.id AS cohort_id
     FROM applications a JOIN users u ON u.id = a.user_id JOIN cohorts c ON c.id = a.cohort_id WHERE a.id = $1`,
    [change.applicationId],
  );
  const mailId = await mail.add(tx, {
    dedupeKey: `application:${change.applicationId}:${change.to}:${event.id}`,
    to: who.email,
    locale: isLocale(who.locale) ? who.locale : 'en',
    template,
    params: { name: who.name, cohort: who.cohort },
  });
  return { mailId };
}
