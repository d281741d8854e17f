import { requireCapability, type Grantee } from '../access/index.js';
import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { MAINTENANCE_QUEUE, MaintenanceJob, type PurgeExpiredPayload, type PurgeExpiredResult } from '@karvan/jobs';
import { DomainError } from '../shared/domain-error.js';

export interface JobStatus {
  id: string;
  state: string;
  result: PurgeExpiredResult | null;
  failedReason: string | null;
}

/** Producer side of the maintenance queue. */
@Injectable()
export class MaintenanceService {
  constructor(@InjectQueue(MAINTENANCE_QUEUE) private readonly queue: Queue<PurgeExpiredPayload, PurgeExpiredResult>) {}

  async requestPurge(actor: Grantee): Promise<string> {
    requireCapability(actor, 'queue.manage');
    const job = await this.queue.add(MaintenanceJob.PurgeExpired, {}, { removeOnComplete: 100, removeOnFail: 500 });
    return String(job.id);
  }

  /** Hourly purge; upserting the scheduler keeps one schedule however many processes start. */
  async schedulePurge(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'purge-expired-hourly',
      // A fixed minute, not "every hour from now": nothing runs at start-up, racing a deploy.
      { pattern: '17 * * * *' },
      {
        name: MaintenanceJob.PurgeExpired,
        data: {},
        opts: { removeOnComplete: 24, removeOnFail: 100 },
      },
    );
  }

  async status(actor: Grantee, id: string): Promise<JobStatus> {
    requireCapability(actor, 'queue.manage');
    // State first, then the job: read the other way round, a job finishing in between would
    // show as completed without its result.
    const state = await this.queue.getJobState(id);
    const job = await this.queue.getJob(id);
    if (!job || state === 'unknown') throw new DomainError('not_found', 'job_not_found', 'No such job.');
    return { id, state, result: job.returnvalue ?? null, failedReason: job.failedReason ?? null };
  }

  async ping(): Promise<boolean> {
    await this.queue.getJobCounts('waiting');
    return true;
  }
}
