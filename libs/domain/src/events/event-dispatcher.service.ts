import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { JobsOptions, Queue } from 'bullmq';
import {
  BookJob,
  BOOKS_QUEUE,
  CertificateJob,
  CERTIFICATES_PER_JOB,
  CERTIFICATES_QUEUE,
  MAIL_QUEUE,
  MailJob,
  type BuildBookPayload,
  type IssueCertificatePayload,
  type SendMailPayload,
} from '@karvan/jobs';
import { DataSource } from 'typeorm';
import type { DomainEventType, EventPayload } from './domain-event.js';

interface Route<T extends DomainEventType> {
  queue: typeof CERTIFICATES_QUEUE | typeof MAIL_QUEUE | typeof BOOKS_QUEUE;
  job: string;
  /** A job's data from its events' payloads: one event's, or up to `perJob` events'. */
  data: (payloads: Array<EventPayload<T>>) => IssueCertificatePayload | SendMailPayload | BuildBookPayload;
  /** Work cheaper done together goes several events to a job (default one). */
  perJob?: number;
  options: JobsOptions;
}

/** What each event sets off. An event with no route is only recorded (nothing listens to it yet). */
const ROUTES: { [T in DomainEventType]: Route<T> | null } = {
  CertificateRequested: {
    queue: CERTIFICATES_QUEUE,
    job: CertificateJob.Issue,
    data: (payloads) => ({ certificateIds: payloads.map((p) => p.certificateId) }),
    perJob: CERTIFICATES_PER_JOB,
    options: { attempts: 6, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: { age: 7 * 24 * 3600 } },
  },
  EmailQueued: {
    queue: MAIL_QUEUE,
    job: MailJob.Send,
    data: ([p]) => ({ emailId: p.emailId }),
    options: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 } },
  },
  // A book takes seconds of CPU; a failure is recorded on its row, so one retry covers a lost worker.
  BookRequested: {
    queue: BOOKS_QUEUE,
    job: BookJob.Build,
    data: ([p]) => ({ bookId: p.bookId }),
    options: { attempts: 2, backoff: { type: 'fixed', delay: 5_000 }, removeOnComplete: { age: 24 * 3600 } },
  },
  CourseCompleted: null,
  AttemptGraded: null,
  CohortCompleted: null,
  CertificateRevoked: null,
  ApplicationStatusChanged: null,
};

/** A dispatcher that claimed rows and died leaves them to another after this long. */
const LEASE_SECONDS = 60;
const BATCH = 200;

interface Claimed {
  id: string;
  type: DomainEventType;
  payload: EventPayload<DomainEventType>;
  /** The job it went into when it was dispatched before; null the first time. */
  jobId: string | null;
}

/** Moves committed, undispatched events to their queues: the only place that queues domain work. */
@Injectable()
export class EventDispatcher {
  private readonly logger = new Logger(EventDispatcher.name);
  private readonly queues: Record<Route<DomainEventType>['queue'], Queue>;

  constructor(
    private readonly db: DataSource,
    @InjectQueue(CERTIFICATES_QUEUE) certificates: Queue,
    @InjectQueue(MAIL_QUEUE) mail: Queue,
    @InjectQueue(BOOKS_QUEUE) books: Queue,
  ) {
    this.queues = { [CERTIFICATES_QUEUE]: certificates, [MAIL_QUEUE]: mail, [BOOKS_QUEUE]: books };
  }

  /** Dispatches the given events, or every undispatched one; returns how many this call dispatched. */
  async dispatch(ids?: string[]): Promise<number> {
    if (ids?.length === 0) return 0;
    let total = 0;
    for (;;) {
      const claimed = await this.claim(ids);
      if (claimed.length === 0) return total;
      await this.send(claimed);
      total += claimed.length;
      if (claimed.length < BATCH) return total;
    }
  }

  /**
   * Leases a batch in one statement (no transaction stays open while the queue is written: in
   * embedded mode the queue shares the one PGlite session and would wait for it). SKIP LOCKED lets
   * concurrent dispatchers take disjoint rows; the lease re-check keeps a row with one of them.
   */
  private claim(ids: string[] | undefined): Promise<Claimed[]> {
    return this.db.query<Claimed[]>(
      `WITH claimed AS (
         UPDATE domain_events SET claimed_at = now(), attempts = attempts + 1
         WHERE id IN (
           SELECT id FROM domain_events
           WHERE dispatched_at IS NULL AND (claimed_at IS NULL OR claimed_at < now() - make_interval(secs => $1))
             AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
           ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING id, type, payload, job_id AS "jobId"
       ) SELECT * FROM claimed`,
      [LEASE_SECONDS, ids ?? null, BATCH],
    );
  }

  private async send(events: Claimed[]): Promise<void> {
    const ids = events.map((e) => e.id);
    let jobOf: Map<string, string>;
    try {
      const held = await this.heldByJobs(events);
      const jobs = this.jobsByQueue(events.filter((event) => !held.has(event.jobId ?? '')));
      for (const [queue, bulk] of jobs.byQueue) await this.queues[queue].addBulk(bulk);
      jobOf = jobs.jobOf;
    } catch (error) {
      const message = (error as Error).message.slice(0, 1000);
      await this.db.query(`UPDATE domain_events SET claimed_at = NULL, last_error = $2 WHERE id = ANY($1::uuid[])`, [
        ids,
        message,
      ]);
      this.logger.warn({ msg: 'could not dispatch events', count: ids.length, error: message });
      return;
    }
    await this.db.query(
      `UPDATE domain_events e SET dispatched_at = now(), last_error = NULL, job_id = sent.job_id
       FROM unnest($1::uuid[], $2::uuid[]) AS sent (id, job_id) WHERE e.id = sent.id`,
      [ids, events.map((event) => jobOf.get(event.id) ?? event.jobId)],
    );
  }

  /**
   * The jobs that still hold events dispatched again: waiting, running or failed (an operator
   * retries a failed job). A sweep that dispatches an event again only knows its work is unfinished;
   * while its job holds it, a new job would do it twice. A job the queue lost, or one that finished,
   * is not holding anything.
   */
  private async heldByJobs(events: Claimed[]): Promise<Set<string>> {
    const held = new Set<string>();
    const again = new Map(events.filter((event) => event.jobId !== null).map((event) => [event.jobId!, event.type]));
    await Promise.all(
      [...again].map(async ([jobId, type]) => {
        const route = ROUTES[type];
        const state = route ? await this.queues[route.queue].getJobState(jobId) : 'unknown';
        if (state !== 'unknown' && state !== 'completed') held.add(jobId);
      }),
    );
    return held;
  }

  /**
   * The job's id is its (first) event's: dispatching an event again adds nothing while its job
   * exists. Events a route takes several to a job are grouped in the order they were claimed.
   */
  private jobsByQueue(events: Claimed[]) {
    const byType = new Map<DomainEventType, Claimed[]>();
    for (const event of events) {
      const ofType = byType.get(event.type);
      if (ofType) ofType.push(event);
      else byType.set(event.type, [event]);
    }
    const byQueue = new Map<Route<DomainEventType>['queue'], Parameters<Queue['addBulk']>[0]>();
    const jobOf = new Map<string, string>();
    for (const [type, ofType] of byType) {
      const route = ROUTES[type] as Route<DomainEventType> | null;
      if (!route) continue;
      const jobs = byQueue.get(route.queue) ?? [];
      for (const group of chunks(ofType, route.perJob ?? 1)) {
        const data = route.data(group.map((event) => event.payload));
        jobs.push({ name: route.job, data, opts: { ...route.options, jobId: group[0].id } });
        for (const event of group) jobOf.set(event.id, group[0].id);
      }
      byQueue.set(route.queue, jobs);
    }
    return { byQueue, jobOf };
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups;
}
