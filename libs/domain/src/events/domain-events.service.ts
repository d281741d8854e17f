import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DomainEvent, DomainEventType, EventPayload } from './domain-event.js';
import { EventDispatcher } from './event-dispatcher.service.js';
import { collectEvents, recordEvent } from './record-event.js';

/** Records events in a transaction and has them dispatched once it commits. */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);

  constructor(
    private readonly db: DataSource,
    private readonly dispatcher: EventDispatcher,
  ) {}

  record(tx: EntityManager, event: DomainEvent): Promise<string> {
    return recordEvent(tx, event);
  }

  /**
   * Runs `work` in a transaction, commits, then dispatches the events it recorded. A failed
   * dispatch does not fail the caller: the events are committed and the sweep sends them.
   */
  async transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    let recorded: string[] = [];
    const result = await this.db.transaction((tx) => {
      recorded = collectEvents(tx);
      return work(tx);
    });
    await this.dispatcher.dispatch(recorded).catch((error: Error) => {
      this.logger.warn({ msg: 'events left to the sweep', count: recorded.length, error: error.message });
    });
    return result;
  }

  /**
   * Dispatches again the events of work still unfinished `olderThanSeconds` after its dispatch: a
   * queue that lost its jobs (Redis restarted without persistence). Same event, same job id, so a
   * job still on the queue is not duplicated. Returns how many events were opened again.
   */
  async redispatch<T extends DomainEventType>(
    type: T,
    matching: Array<Partial<EventPayload<T>>>,
    olderThanSeconds: number,
  ): Promise<number> {
    if (matching.length === 0) return 0;
    const rows = await this.db.query<Array<{ id: string }>>(
      `WITH reopened AS (
         UPDATE domain_events e SET dispatched_at = NULL, claimed_at = NULL
         FROM unnest($2::jsonb[]) AS m (payload)
         WHERE e.type = $1 AND e.payload @> m.payload
           AND e.dispatched_at < now() - make_interval(secs => $3)
         RETURNING e.id
       ) SELECT * FROM reopened`,
      [type, matching.map((m) => JSON.stringify(m)), olderThanSeconds],
    );
    if (rows.length > 0) await this.dispatcher.dispatch(rows.map((r) => r.id));
    return rows.length;
  }
}
