import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { CERTIFICATES_QUEUE, processorOptions, type IssueCertificatePayload } from '@karvan/jobs';
import { CertificateIssuer, type IssueOutcome } from './certificate-issuer.service.js';
import { CertificateQueue } from './certificate-queue.service.js';

/**
 * Issues certificates. A short lock means a worker killed mid-job has its job picked up again in
 * seconds rather than minutes; a job's certificates (ten at most) render in well under a second, so
 * the lock never expires by itself.
 * A timer re-queues pending certificates whose job the queue lost (Redis restarted without persistence).
 */
@Processor(CERTIFICATES_QUEUE, processorOptions({ lockDuration: 15_000, stalledInterval: 10_000, concurrency: 2 }))
export class IssueCertificateProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IssueCertificateProcessor.name);
  private sweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly issuer: CertificateIssuer,
    private readonly queue: CertificateQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job<IssueCertificatePayload>): Promise<{ outcomes: Record<string, IssueOutcome> }> {
    const { certificateIds, certificateId } = job.data;
    return { outcomes: await this.issuer.issueAll(certificateIds ?? (certificateId ? [certificateId] : [])) };
  }

  onApplicationBootstrap(): void {
    const seconds = this.config.certificateSweepSeconds;
    this.sweep = setInterval(() => void this.requeue(seconds), seconds * 1000);
    this.sweep.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweep);
  }

  private async requeue(olderThanSeconds: number): Promise<void> {
    try {
      const count = await this.queue.requeuePending(olderThanSeconds);
      if (count > 0) this.logger.log({ msg: 'pending certificates queued again', count });
    } catch (error) {
      this.logger.warn({ msg: 'could not re-queue pending certificates', error: (error as Error).message });
    }
  }
}
