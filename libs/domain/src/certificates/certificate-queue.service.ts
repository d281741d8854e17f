import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainEvents } from '../events/index.js';
import type { CertificateTicket } from './certificate-requests.js';

/**
 * Certificates still pending long after their event was dispatched: the queue lost the job (a
 * Redis restarted without persistence). The outbox only guarantees the job was handed over once.
 */
@Injectable()
export class CertificateQueue {
  constructor(
    private readonly db: DataSource,
    private readonly events: DomainEvents,
  ) {}

  async requeuePending(olderThanSeconds: number): Promise<number> {
    const rows = await this.db.query<CertificateTicket[]>(
      `SELECT id, revision FROM certificates
       WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1)
       ORDER BY created_at LIMIT 1000`,
      [olderThanSeconds],
    );
    return this.events.redispatch(
      'CertificateRequested',
      rows.map((r) => ({ certificateId: r.id, revision: r.revision })),
      olderThanSeconds,
    );
  }
}
