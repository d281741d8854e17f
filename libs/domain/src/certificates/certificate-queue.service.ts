import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { CertificateJob, CERTIFICATES_QUEUE, type IssueCertificatePayload } from '@karvan/jobs';
import { DataSource } from 'typeorm';
import { certificateJobId, type CertificateTicket } from './certificate-requests.js';

/** Puts certificates on the queue after their transaction committed, and again if the queue lost them. */
@Injectable()
export class CertificateQueue {
  constructor(
    private readonly db: DataSource,
    @InjectQueue(CERTIFICATES_QUEUE) private readonly queue: Queue<IssueCertificatePayload>,
  ) {}

  /** A job per ticket; its id comes from the ticket, so queuing twice issues once. */
  async enqueue(tickets: Array<CertificateTicket | null | undefined>): Promise<void> {
    const jobs = tickets
      .filter((t): t is CertificateTicket => !!t)
      .map((ticket) => ({
        name: CertificateJob.Issue,
        data: { certificateId: ticket.id },
        opts: {
          jobId: certificateJobId(ticket),
          attempts: 6,
          backoff: { type: 'exponential', delay: 2_000 },
          removeOnComplete: { age: 7 * 24 * 3600 },
        },
      }));
    if (jobs.length > 0) await this.queue.addBulk(jobs);
  }

  /**
   * Pending certificates whose job never ran: a crash between commit and enqueue, or a Redis that
   * restarted and lost its jobs. A job still on the queue is not duplicated (same job id).
   */
  async requeuePending(olderThanSeconds: number): Promise<number> {
    const rows = await this.db.query<CertificateTicket[]>(
      `SELECT id, revision FROM certificates
       WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1)
       ORDER BY created_at LIMIT 1000`,
      [olderThanSeconds],
    );
    await this.enqueue(rows);
    return rows.length;
  }
}
