import { loadConfig } from '@karvan/config';
import { createDataSource, runMigrationsLocked } from '@karvan/database';
import { BOOKS_QUEUE, CERTIFICATES_QUEUE, MAIL_QUEUE, queueRootOptions } from '@karvan/jobs';
import { createScratchDatabase, loopbackSmtp } from '@karvan/testing';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { DomainEvents, EventDispatcher } from '../events/index.js';
import { ENTITIES } from '../domain.module.js';
import { MailDelivery } from './mail-delivery.service.js';
import { MailService } from './mail.service.js';

/**
 * A job that sends its own e-mail (the certificate job) instead of queueing a second one: the
 * message's event is held, so no mail job is queued for it unless the send fails or the sender dies.
 */
describe('e-mail sent by the job that wrote it', () => {
  const smtp = loopbackSmtp();
  let db: DataSource;
  let queues: Queue[];
  let dispatcher: EventDispatcher;
  let mail: MailService;
  let delivery: MailDelivery;

  const options = { ...queueRootOptions(loadConfig()), prefix: `${process.env.QUEUE_PREFIX}_delivery` };
  const event = async (id: string) =>
    (
      await db.query<Array<{ leased: boolean; dispatched: boolean }>>(
        `SELECT claimed_at IS NOT NULL AS leased, dispatched_at IS NOT NULL AS dispatched FROM domain_events WHERE id = $1`,
        [id],
      )
    )[0];
  const status = async (emailId: string) =>
    (await db.query<Array<{ status: string }>>(`SELECT status FROM outbox_emails WHERE id = $1`, [emailId]))[0].status;
  const addHeld = (to: string) =>
    db.transaction(async (tx) => {
      const held = await mail.addHeld(tx, {
        dedupeKey: `held:${to}`,
        to,
        locale: 'az',
        template: 'certificateReady',
        params: { name: 'Gülnarə Şükürova', title: 'Sərhəd', verifyUrl: 'https://x/v', certificatesUrl: 'https://x/c' },
      });
      return held!;
    });

  beforeAll(async () => {
    db = createDataSource({ url: await createScratchDatabase('delivery'), entities: ENTITIES, poolMax: 4 });
    await db.initialize();
    await runMigrationsLocked(db);
    queues = [CERTIFICATES_QUEUE, MAIL_QUEUE, BOOKS_QUEUE].map((name) => new Queue(name, options));
    dispatcher = new EventDispatcher(db, queues[0], queues[1], queues[2]);
    mail = new MailService(db, new DomainEvents(db, dispatcher));
    delivery = new MailDelivery(db, loadConfig({ ...process.env, SMTP_URL: await smtp.start() }));
  });
  afterAll(async () => {
    for (const queue of queues) await queue.obliterate({ force: true });
    await Promise.all(queues.map((q) => q.close()));
    await db.destroy();
    await smtp.close();
  });

  it('queues no mail job: the sender sends it and marks its event dispatched', async () => {
    const { emailId, eventId } = await addHeld('held@karvan.example');
    expect(await dispatcher.dispatch()).toBe(0);
    expect(await event(eventId)).toEqual({ leased: true, dispatched: false });

    expect(await delivery.deliver(emailId, eventId)).toBe(true);
    expect(await status(emailId)).toBe('sent');
    expect(await event(eventId)).toMatchObject({ dispatched: true });
    expect(smtp.received.filter((m) => m.includes('held@karvan.example'))).toHaveLength(1);
    expect(await dispatcher.dispatch()).toBe(0);
    expect(await queues[1].getJob(eventId)).toBeUndefined();
    // Another sender (a job the sweep queued after all) finds it sent.
    expect(await delivery.deliver(emailId)).toBe(false);
  });

  it('without SMTP, keeps the message in the outbox once and marks its event dispatched', async () => {
    const keeping = new MailDelivery(db, { ...loadConfig(), smtpUrl: undefined });
    const { emailId, eventId } = await addHeld('kept@karvan.example');
    const [first, second] = await Promise.all([keeping.deliver(emailId, eventId), keeping.deliver(emailId)]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    const [row] = await db.query<Array<{ status: string; transport: string; attempts: number; sent: boolean }>>(
      `SELECT status, transport, attempts, sent_at IS NOT NULL AS sent FROM outbox_emails WHERE id = $1`,
      [emailId],
    );
    expect(row).toEqual({ status: 'sent', transport: 'outbox', attempts: 1, sent: true });
    expect(await event(eventId)).toMatchObject({ dispatched: true });
    expect(smtp.received.filter((m) => m.includes('kept@karvan.example'))).toHaveLength(0);
  });

  it('without SMTP, keeps several held messages in the outbox at once, each once', async () => {
    const keeping = new MailDelivery(db, { ...loadConfig(), smtpUrl: undefined });
    const held = await Promise.all(['one', 'two', 'three'].map((name) => addHeld(`${name}@kept.example`)));
    const messages = held.map(({ emailId, eventId }) => ({ emailId, heldEventId: eventId }));
    const failed: string[] = [];
    await keeping.deliverHeld(messages, (emailId) => failed.push(emailId));
    await keeping.deliverHeld(messages, (emailId) => failed.push(emailId));
    expect(failed).toEqual([]);
    for (const { emailId, eventId } of held) {
      expect(await status(emailId)).toBe('sent');
      expect(await event(eventId)).toMatchObject({ dispatched: true });
    }
    const attempts = await db.query<Array<{ attempts: number }>>(
      `SELECT attempts FROM outbox_emails WHERE id = ANY($1)`,
      [held.map((h) => h.emailId)],
    );
    expect(attempts.map((a) => a.attempts)).toEqual([1, 1, 1]);
  });

  it('sends held messages one by one, handing a failed one back and going on with the others', async () => {
    const failing = loopbackSmtp({ refuseFirst: true });
    const refusing = new MailDelivery(db, loadConfig({ ...process.env, SMTP_URL: await failing.start() }));
    try {
      const held = await Promise.all(['first', 'second'].map((name) => addHeld(`${name}@sent.example`)));
      const failed: string[] = [];
      const messages = held.map(({ emailId, eventId }) => ({ emailId, heldEventId: eventId }));
      await refusing.deliverHeld(messages, (emailId) => failed.push(emailId));
      expect(failed).toEqual([held[0].emailId]);
      expect(await event(held[0].eventId)).toEqual({ leased: false, dispatched: false });
      expect(await status(held[1].emailId)).toBe('sent');
      expect(await event(held[1].eventId)).toMatchObject({ dispatched: true });
      expect(failing.received).toHaveLength(1);
      // Only the failed one goes to the mail queue.
      expect(await dispatcher.dispatch()).toBe(1);
      expect((await queues[1].getJob(held[0].eventId))?.data).toEqual({ emailId: held[0].emailId });
    } finally {
      await failing.close();
    }
  });

  it('hands a failed send back to the mail queue, which retries it', async () => {
    const failing = loopbackSmtp({ refuseFirst: true });
    const refusing = new MailDelivery(db, loadConfig({ ...process.env, SMTP_URL: await failing.start() }));
    try {
      const { emailId, eventId } = await addHeld('retry@karvan.example');
      await expect(refusing.deliver(emailId, eventId)).rejects.toThrow();
      expect(await status(emailId)).toBe('failed');
      expect(await event(eventId)).toEqual({ leased: false, dispatched: false });
      expect(await dispatcher.dispatch()).toBe(1);
      expect((await queues[1].getJob(eventId))?.data).toEqual({ emailId });
      // What the mail job then does: send it, once.
      expect(await refusing.deliver(emailId)).toBe(true);
      expect(failing.received).toHaveLength(1);
      expect(await status(emailId)).toBe('sent');
    } finally {
      await failing.close();
    }
  });
});
