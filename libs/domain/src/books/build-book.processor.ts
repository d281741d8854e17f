import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { BOOKS_QUEUE, processorOptions, type BuildBookPayload } from '@karvan/jobs';
import { BookBuilder, type BuildOutcome } from './book-builder.service.js';

/**
 * Builds course books, one at a time: typesetting takes seconds of CPU, and pages must not wait.
 * The lock outlasts a long book; a worker killed mid-book has the job picked up again.
 */
@Processor(BOOKS_QUEUE, processorOptions({ lockDuration: 120_000, stalledInterval: 60_000, concurrency: 1 }))
export class BuildBookProcessor extends WorkerHost {
  constructor(private readonly builder: BookBuilder) {
    super();
  }

  async process(job: Job<BuildBookPayload>): Promise<{ outcome: BuildOutcome }> {
    return { outcome: await this.builder.build(job.data.bookId) };
  }
}
