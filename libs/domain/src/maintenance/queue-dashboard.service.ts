import { requireCapability, type Grantee } from '../access/index.js';
import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { BOOKS_QUEUE, CERTIFICATES_QUEUE, MAIL_QUEUE, MAINTENANCE_QUEUE } from '@karvan/jobs';
import { DomainError } from '../shared/domain-error.js';

export interface QueueOverview {
  name: string;
  counts: { waiting: number; active: number; delayed: number; completed: number; failed: number };
  failed: FailedJob[];
}

export interface FailedJob {
  id: string;
  name: string;
  attempts: number;
  failedReason: string;
  finishedAt: Date | null;
  data: string;
}

/** What the admins' queue page shows: every queue's counts and its latest failed jobs, with retry. */
@Injectable()
export class QueueDashboardService {
  private readonly queues: Map<string, Queue>;

  constructor(
    @InjectQueue(CERTIFICATES_QUEUE) certificates: Queue,
    @InjectQueue(MAIL_QUEUE) mail: Queue,
    @InjectQueue(MAINTENANCE_QUEUE) maintenance: Queue,
    @InjectQueue(BOOKS_QUEUE) books: Queue,
  ) {
    this.queues = new Map([certificates, mail, maintenance, books].map((q) => [q.name, q]));
  }

  async overview(actor: Grantee, failedLimit = 20): Promise<QueueOverview[]> {
    requireCapability(actor, 'queue.manage');
    return Promise.all(
      [...this.queues.values()].map(async (queue) => {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
        const failed = await queue.getFailed(0, failedLimit - 1);
        return {
          name: queue.name,
          counts: {
            waiting: counts.waiting ?? 0,
            active: counts.active ?? 0,
            delayed: counts.delayed ?? 0,
            completed: counts.completed ?? 0,
            failed: counts.failed ?? 0,
          },
          failed: failed.filter((j): j is Job => !!j).map(describeFailed),
        };
      }),
    );
  }

  /** Puts a failed job back on its queue; a job that is not (or no longer) failed is refused. */
  async retry(actor: Grantee, queueName: string, jobId: string): Promise<void> {
    requireCapability(actor, 'queue.manage');
    const queue = this.queues.get(queueName);
    const job = queue ? await queue.getJob(jobId) : undefined;
    if (!job) throw new DomainError('not_found', 'job_not_found', 'There is no such job.');
    if (!(await job.isFailed()))
      throw new DomainError('conflict', 'job_not_failed', 'Only a failed job can be retried.');
    await job.retry('failed');
  }
}

function describeFailed(job: Job): FailedJob {
  return {
    id: String(job.id),
    name: job.name,
    attempts: job.attemptsMade,
    failedReason: job.failedReason ?? '',
    finishedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    data: JSON.stringify(job.data).slice(0, 300),
  };
}
