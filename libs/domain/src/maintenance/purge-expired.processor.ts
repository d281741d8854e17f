import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { MAINTENANCE_QUEUE, processorOptions, type PurgeExpiredPayload, type PurgeExpiredResult } from '@karvan/jobs';
import { LoginThrottleService } from '../auth/index.js';
import { SessionsService } from '../auth/index.js';
import { MailService } from '../mail/index.js';

/** Deletes expired sessions and stale login counters, and re-queues stranded mail; hourly, or on demand. */
@Processor(MAINTENANCE_QUEUE, processorOptions())
export class PurgeExpiredProcessor extends WorkerHost {
  private readonly logger = new Logger(PurgeExpiredProcessor.name);

  constructor(
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly mail: MailService,
  ) {
    super();
  }

  async process(job: Job<PurgeExpiredPayload>): Promise<PurgeExpiredResult> {
    const result = {
      sessions: await this.sessions.purgeExpired(),
      loginThrottles: await this.throttle.purgeExpired(),
      mailRequeued: await this.mail.requeueStale(),
    };
    this.logger.log({ msg: 'purged expired rows', jobId: job.id, ...result });
    return result;
  }
}
