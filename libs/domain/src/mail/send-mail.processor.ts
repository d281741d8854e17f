import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { MAIL_QUEUE, processorOptions, type SendMailPayload } from '@karvan/jobs';
import { MailDelivery } from './mail-delivery.service.js';

/** Sends the outbox message of an EmailQueued event; a failed send throws, so the queue retries it. */
@Processor(MAIL_QUEUE, processorOptions())
export class SendMailProcessor extends WorkerHost {
  constructor(private readonly delivery: MailDelivery) {
    super();
  }

  async process(job: Job<SendMailPayload>): Promise<{ sent: boolean }> {
    return { sent: await this.delivery.deliver(job.data.emailId) };
  }
}
