import { loadConfig } from '@karvan/config';
import { createDataSource, runMigrationsLocked } from '@karvan/database';
import { DomainEvents, ENTITIES, EventDispatcher } from '@karvan/domain';
import { BOOKS_QUEUE, CERTIFICATES_QUEUE, MAIL_QUEUE, queueRootOptions } from '@karvan/jobs';
import { createScratchDatabase } from '@karvan/testing';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { recordEvent } from './record-event.js';

/** Real PostgreSQL and Redis; queues under a prefix of their own, which no worker consumes. */
describe('domain events', () => {
  let db: DataSource;
  let queues: Queue[];
  let dispatcher: EventDispatcher;
  let events: DomainEvents;

  const newDispatcher = () => {
    const own = [CERTIFICATES_QUEUE, MAIL_QUEUE, BOOKS_QUEUE].map((name) => new Queue(name, options));
    queues.push(...own);
    return new EventDispatcher(db, own[0], own[1], own[2]);
  };
  const options = { ...queueRootOptions(loadConfig()), prefix: `${process.env.QUEUE_PREFIX}_events` };
  const emailQueued = (emailId: string) => ({ type: 'EmailQueued' as const, payload: { emailId } });
  const row = async (id: string) =>
    (
      await db.query<Array<{ attempts: number; dispatched: boolean }>>(
        `SELECT attempts, dispatched_at IS NOT NULL AS dispatched FROM domain_events WHERE id = $1`,
        [id],
      )
    )[0];
  const mailJob = (id: string) => queues[1].getJob(id);

  beforeAll(async () => {
    db = createDataSource({ url: await createScratchDatabase('events'), entities: ENTITIES, poolMax: 6 });
    await db.initialize();
    await runMigrationsLocked(db);
    queues = [];
    dispatcher = newDispatcher();
    events = new DomainEvents(db, dispatcher);
  });
  afterAll(async () => {
    for (const queue of queues) await queue.obliterate({ force: true });
    await Promise.all(queues.map((q) => q.close()));
    await db.destroy();
  });
  // Each test starts with nothing left to dispatch.
  beforeEach(() => dispatcher.dispatch());

  it('never dispatches an event recorded in a transaction that rolled back', async () => {
    let id = '';
    const failing = events.transaction(async (tx) => {
      id = await events.record(tx, emailQueued(crypto.randomUUID()));
      throw new Error('the work failed');
    });
    await expect(failing).rejects.toThrow('the work failed');
    expect(await dispatcher.dispatch()).toBe(0);
    expect(await row(id)).toBeUndefined();
    expect(await mailJob(id)).toBeUndefined();
  });

  it('dispatches after commit the events the transaction recorded, with the event id as job id', async () => {
    const emailId = crypto.randomUUID();
    const id = await events.transaction((tx) => events.record(tx, emailQueued(emailId)));
    expect(await row(id)).toEqual({ attempts: 1, dispatched: true });
    expect((await mailJob(id))?.data).toEqual({ emailId });
  });

  it('has the sweep dispatch, exactly once, an event committed by a process that died before dispatching', async () => {
    const id = await db.transaction((tx) => recordEvent(tx, emailQueued(crypto.randomUUID())));
    expect(await mailJob(id)).toBeUndefined();
    expect(await dispatcher.dispatch()).toBe(1);
    expect(await dispatcher.dispatch()).toBe(0);
    expect(await row(id)).toEqual({ attempts: 1, dispatched: true });
    expect(await mailJob(id)).toBeDefined();
  });

  it('takes over the events a dispatcher claimed and died with, once its lease ran out', async () => {
    const id = await db.transaction((tx) => recordEvent(tx, emailQueued(crypto.randomUUID())));
    await db.query(`UPDATE domain_events SET claimed_at = now(), attempts = 1 WHERE id = $1`, [id]);
    expect(await dispatcher.dispatch()).toBe(0);
    await db.query(`UPDATE domain_events SET claimed_at = now() - interval '2 minutes' WHERE id = $1`, [id]);
    expect(await dispatcher.dispatch()).toBe(1);
    expect(await row(id)).toEqual({ attempts: 2, dispatched: true });
  });

  it('dispatches each event once when two dispatchers run at the same time', async () => {
    const ids = await db.transaction(async (tx) => {
      const made: string[] = [];
      for (let i = 0; i < 40; i++) made.push(await recordEvent(tx, emailQueued(crypto.randomUUID())));
      return made;
    });
    const other = newDispatcher();
    const counts = await Promise.all([
      dispatcher.dispatch(),
      other.dispatch(),
      dispatcher.dispatch(),
      other.dispatch(),
    ]);
    expect(counts.reduce((a, b) => a + b)).toBe(40);
    const rows = await db.query<Array<{ attempts: number; dispatched: boolean }>>(
      `SELECT attempts, dispatched_at IS NOT NULL AS dispatched FROM domain_events WHERE id = ANY($1)`,
      [ids],
    );
    expect(rows).toHaveLength(40);
    expect(rows.every((r) => r.attempts === 1 && r.dispatched)).toBe(true);
  });

  const requestCertificates = async (count: number) => {
    const certificateIds = Array.from({ length: count }, () => crypto.randomUUID());
    const ids = await db.transaction(async (tx) => {
      const made: string[] = [];
      for (const certificateId of certificateIds) {
        made.push(await recordEvent(tx, { type: 'CertificateRequested', payload: { certificateId, revision: 1 } }));
      }
      return made;
    });
    expect(await dispatcher.dispatch()).toBe(count);
    const jobs = (await Promise.all(ids.map((id) => queues[0].getJob(id)))).filter((job) => job !== undefined);
    return { certificateIds, ids, jobs };
  };
  const certificateJobs = async () => (await queues[0].getJobCounts('waiting')).waiting;
  const redispatchCertificates = async (certificateIds: string[]) => {
    await db.query(
      `UPDATE domain_events SET dispatched_at = now() - interval '2 minutes' WHERE payload->>'certificateId' = ANY($1)`,
      [certificateIds],
    );
    const matching = certificateIds.map((certificateId) => ({ certificateId }));
    return events.redispatch('CertificateRequested', matching, 60);
  };

  it('puts certificates requested together ten to a job, under the first event id, each event in one job', async () => {
    const { certificateIds, ids, jobs } = await requestCertificates(23);
    const grouped = jobs.map((job) => job.data.certificateIds as string[]);
    expect(grouped.map((group) => group.length).sort((a, b) => b - a)).toEqual([10, 10, 3]);
    expect(grouped.flat().sort()).toEqual([...certificateIds].sort());
    // Each job's id is the event of its first certificate.
    for (const job of jobs) expect(ids[certificateIds.indexOf(job.data.certificateIds[0])]).toBe(job.id);
  });

  it('gives certificates dispatched again no second job while their job holds them, and a new one when it was lost', async () => {
    const { certificateIds, jobs } = await requestCertificates(23);
    const before = await certificateJobs();
    // The sweep finds all but the first certificate still pending, their jobs still waiting.
    const [first, lost] = jobs.filter((job) => job.data.certificateIds.length === 10);
    const pending = certificateIds.filter((id) => id !== first.data.certificateIds[0]);
    expect(await redispatchCertificates(pending)).toBe(22);
    expect(await certificateJobs()).toBe(before);
    // The queue loses one job of ten: its certificates, and only they, get a new one.
    await lost.remove();
    expect(await redispatchCertificates(pending)).toBe(22);
    expect(await certificateJobs()).toBe(before);
    const lostIds = lost.data.certificateIds as string[];
    const waiting = (await queues[0].getJobs(['waiting'])).map((job) => job.data.certificateIds as string[]);
    const again = waiting.filter((group) => group.some((id) => lostIds.includes(id)));
    expect(again).toHaveLength(1);
    expect([...again[0]].sort()).toEqual([...lostIds].sort());
  });

  it('queues again the event of work whose job the queue lost, under the same job id', async () => {
    const emailId = crypto.randomUUID();
    const id = await events.transaction((tx) => events.record(tx, emailQueued(emailId)));
    await (await mailJob(id))!.remove();
    await db.query(`UPDATE domain_events SET dispatched_at = now() - interval '2 minutes' WHERE id = $1`, [id]);
    expect(await events.redispatch('EmailQueued', [{ emailId }], 60)).toBe(1);
    expect((await mailJob(id))?.data).toEqual({ emailId });
    expect(await events.redispatch('EmailQueued', [{ emailId }], 60)).toBe(0);
  });
});
