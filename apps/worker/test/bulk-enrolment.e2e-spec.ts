import { getQueueToken } from '@nestjs/bullmq';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { loadConfig } from '@karvan/config';
import { DomainEvents, MailService } from '@karvan/domain';
import { installQueueBackend, MAIL_QUEUE } from '@karvan/jobs';
import { createUser, principalOf, TEST_PASSWORD, waitFor, type WebClient } from '@karvan/testing';
import { signIn, startTestApp, type TestApp } from '../../api/test/test-app.js';
import { WorkerModule } from '../src/worker.module.js';

describe('bulk enrolment with invitations, and the mail outbox', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let trainer: WebClient;
  const slug = `bulk-${Date.now().toString(36)}`;

  beforeAll(async () => {
    api = await startTestApp();
    const config = loadConfig();
    installQueueBackend(config);
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    const author = await createUser(api.db, ['trainer'], 'Bulk Trainer');
    trainer = api.client();
    await signIn(trainer, author.email, TEST_PASSWORD);
    await trainer.postForm('/authoring/courses', {
      title: 'Bulk course',
      slug,
      summary: 'x',
      language: 'en',
      enrolmentMode: 'approval',
    });
    await trainer.postForm(`/authoring/courses/${slug}/modules`, { title: 'One', slug: 'one' });
    await trainer.postForm(`/authoring/courses/${slug}/status`, { status: 'published' });
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  function outboxRow(address: string) {
    return waitFor(`an e-mail sent to ${address}`, async () => {
      const rows = await api.db.query<
        Array<{ id: string; status: string; body_text: string; transport: string | null }>
      >('SELECT id, status, body_text, transport FROM outbox_emails WHERE to_address = $1', [address]);
      return rows[0]?.status === 'sent' ? rows : undefined;
    });
  }

  it('enrols existing accounts, invites unknown addresses once, and reports bad lines', async () => {
    const known = await createUser(api.db, ['trainee']);
    const invitee = `invitee-${Date.now()}@karvan.test`;
    const csv = `email\n${known.email.toUpperCase()}\n${invitee}\nnot-an-address\n${invitee}\n`;
    const res = await trainer.json('POST', `/api/v1/courses/${slug}/enrolments/bulk`, { csv });
    expect(res.status).toBe(201);
    expect(res.json()).toEqual({
      enrolled: [known.email.toLowerCase()],
      invited: [invitee],
      invalid: [{ line: 4, text: 'not-an-address', reason: 'not an e-mail address' }],
    });

    const rows = await outboxRow(invitee);
    expect(rows).toHaveLength(1);
    expect(rows[0].transport).toBe('outbox');
    const link = /https?:\/\/\S+\/invitations\/(\S+)/.exec(rows[0].body_text);
    expect(link).not.toBeNull();

    // The same list again: nobody is invited twice, no second e-mail.
    await trainer.json('POST', `/api/v1/courses/${slug}/enrolments/bulk`, { csv });
    expect(await api.db.query('SELECT id FROM outbox_emails WHERE to_address = $1', [invitee])).toHaveLength(1);

    const guest = api.client();
    const page = await guest.get(`/invitations/${link![1]}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(invitee);
    const accepted = await guest.postForm(`/invitations/${link![1]}`, {
      name: 'Invited Person',
      password: 'a long enough password',
    });
    expect(accepted.location).toBe('/learning');
    expect((await guest.get(`/courses/${slug}/modules/one`)).status).toBe(200);
    expect((await api.client().get(`/invitations/${link![1]}`)).status).toBe(404);

    const admin = await createUser(api.db, ['admin']);
    const viewer = api.client();
    await signIn(viewer, admin.email, TEST_PASSWORD);
    expect((await viewer.get('/admin/outbox')).text).toContain(invitee);
  });

  it('refuses to show a live invitation link in the outbox, and the outbox to anyone but admins', async () => {
    const invitee = `officer-${Date.now()}@karvan.test`;
    expect(
      (await trainer.json('POST', `/api/v1/courses/${slug}/enrolments/bulk`, { csv: `email\n${invitee}\n` })).status,
    ).toBe(201);
    const [delivered] = await outboxRow(invitee);
    const token = /\/invitations\/(\S+)/.exec(delivered.body_text)![1];

    const coordinator = await createUser(api.db, ['coordinator']);
    const nosy = api.client();
    await signIn(nosy, coordinator.email, TEST_PASSWORD);
    expect((await nosy.get('/admin/outbox')).status).toBe(403);
    expect((await nosy.json('GET', '/admin/outbox')).status).toBe(403);
    expect((await nosy.get('/')).text).not.toContain('href="/admin/outbox"');

    const admin = await createUser(api.db, ['admin']);
    const viewer = api.client();
    await signIn(viewer, admin.email, TEST_PASSWORD);
    const page = await viewer.get('/admin/outbox');
    expect(page.status).toBe(200);
    expect(page.text).toContain(invitee);
    expect(page.text).toContain('/invitations/••••••');
    expect(page.text).not.toContain(token);
    const asAdmin = await principalOf(api.db, admin.user.id);
    expect(JSON.stringify(await api.app.get(MailService).outbox(asAdmin))).not.toContain(token);
    // The addressee's link still works: only what staff see is redacted.
    expect((await api.client().get(`/invitations/${token}`)).status).toBe(200);
  });

  it('sends a queued e-mail once even when its job is queued again', async () => {
    const mail = api.app.get(MailService);
    const events = api.app.get(DomainEvents);
    const queuedAgain = (emailId: string) =>
      events.transaction((tx) => events.record(tx, { type: 'EmailQueued', payload: { emailId } }));
    const id = await events.transaction(async (tx) => {
      const added = await mail.add(tx, {
        dedupeKey: `test:${Date.now()}`,
        to: 'once@karvan.test',
        locale: 'en',
        template: 'invitation',
        params: {},
      });
      // A second event for the same message, in the same transaction: two jobs for one e-mail.
      await events.record(tx, { type: 'EmailQueued', payload: { emailId: added! } });
      return added!;
    });
    const rows = await outboxRow('once@karvan.test');
    // The job's id is its event's: wait until the mail worker has run the duplicate, then look.
    const again = await queuedAgain(id);
    const queue = api.app.get<Queue>(getQueueToken(MAIL_QUEUE));
    await waitFor(
      'the duplicate job to finish',
      async () => (await (await queue.getJob(again))?.getState()) === 'completed',
    );
    const [after] = await api.db.query<Array<{ attempts: number; status: string }>>(
      'SELECT attempts, status FROM outbox_emails WHERE id = $1',
      [rows[0].id],
    );
    expect(after).toEqual({ attempts: 1, status: 'sent' });
  });

  it('lets only the course’s trainers, coordinators and admins enrol in bulk, and keeps the outbox from trainees', async () => {
    const trainee = await createUser(api.db, ['trainee']);
    const client = api.client();
    await signIn(client, trainee.email, TEST_PASSWORD);
    expect((await client.get(`/courses/${slug}/enrolments`)).status).toBe(403);
    expect((await client.postForm(`/courses/${slug}/enrolments`, { csv: 'a@b.c' })).status).toBe(403);
    expect((await client.json('POST', `/api/v1/courses/${slug}/enrolments/bulk`, { csv: 'a@b.c' })).status).toBe(403);
    expect((await client.get('/admin/outbox')).status).toBe(403);
    const other = await createUser(api.db, ['trainer']);
    const otherClient = api.client();
    await signIn(otherClient, other.email, TEST_PASSWORD);
    expect((await otherClient.json('POST', `/api/v1/courses/${slug}/enrolments/bulk`, { csv: 'a@b.c' })).status).toBe(
      403,
    );
  });
});
