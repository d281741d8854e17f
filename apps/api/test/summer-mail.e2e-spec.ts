import { jest } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { MAIL_QUEUE } from '@karvan/jobs';
import { createScratchDatabase, loopbackSmtp } from '@karvan/testing';
import { waitFor } from './certificate-helpers.js';
import { apply, makeCohort, person } from './summer-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

jest.setTimeout(180_000);

describe('summer-school e-mail through SMTP', () => {
  const smtp = loopbackSmtp({ refuseFirst: true });
  let t: TestApp;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    t = await startTestApp(
      {
        DATABASE_URL: await createScratchDatabase('summer_mail'),
        QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_smtp`,
        SMTP_URL: smtpUrl,
      },
      true,
    );
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('sends one e-mail when its job failed once and was retried, and again after a replayed job', async () => {
    const coordinator = await person(t, ['coordinator']);
    const cohortId = await makeCohort(coordinator.client);
    const applicant = await apply(t, cohortId, 'young_researcher', 'Leyla Məmmədova');
    await waitFor('the retried delivery', () => Promise.resolve(smtp.received.length === 1 || undefined));
    expect(smtp.attempts()).toBe(2);
    expect(smtp.received[0]).toContain('Application received');
    // The server has the message before the worker records it as sent: wait for the record.
    const email = await waitFor('the delivery to be recorded', async () => {
      const [row] = await t.db.query<Array<{ id: string; status: string; attempts: number }>>(
        `SELECT id, status, attempts FROM outbox_emails WHERE to_address = $1`,
        [applicant.email],
      );
      return row?.status === 'sent' ? row : undefined;
    });
    expect(email).toMatchObject({ status: 'sent', attempts: 2 });

    // The same job run again (a duplicate, a manual retry) sends nothing more.
    const queue = t.app.get<Queue>(getQueueToken(MAIL_QUEUE));
    // The job's id is that of the EmailQueued event the outbox dispatched.
    const [event] = await t.db.query<Array<{ id: string }>>(
      `SELECT id FROM domain_events WHERE type = 'EmailQueued' AND payload->>'emailId' = $1`,
      [email.id],
    );
    const job = await queue.getJob(event.id);
    await job!.retry('completed');
    await waitFor('the replayed job to finish', async () =>
      (await job!.getState()) === 'completed' ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.received).toHaveLength(1);
  });
});
