import type { EntityManager } from 'typeorm';
import type { DomainEvent, DomainEventType } from './domain-event.js';

// Transactions opened by DomainEvents.transaction, with the events recorded in them so far.
const recordedIn = new WeakMap<EntityManager, string[]>();

/**
 * Writes the event in the caller's transaction: it exists exactly when the transaction commits.
 * A `held` event starts leased to the caller, who does its work in place of a job: dispatchers
 * leave it alone for the lease's minute, then send it as usual if the caller never marked it done.
 */
export async function recordEvent(tx: EntityManager, event: DomainEvent, held = false): Promise<string> {
  const [row] = await tx.query<Array<{ id: string }>>(
    `INSERT INTO domain_events (type, payload, claimed_at) VALUES ($1, $2, CASE WHEN $3 THEN now() END) RETURNING id`,
    [event.type, JSON.stringify(event.payload), held],
  );
  if (!held) recordedIn.get(tx)?.push(row.id);
  return row.id;
}

/** As `recordEvent` for many events at once, in one statement; none of them held. */
export async function recordEvents(tx: EntityManager, events: DomainEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = await tx.query<Array<{ id: string }>>(
    `INSERT INTO domain_events (type, payload) SELECT * FROM unnest($1::varchar[], $2::jsonb[]) RETURNING id`,
    [events.map((e) => e.type), events.map((e) => JSON.stringify(e.payload))],
  );
  const ids = rows.map((r) => r.id);
  const recorded = recordedIn.get(tx);
  for (const id of ids) recorded?.push(id);
  return ids;
}

/** Collects the ids of the events recorded in `tx` until the returned list is read after commit. */
export function collectEvents(tx: EntityManager): string[] {
  const ids: string[] = [];
  recordedIn.set(tx, ids);
  return ids;
}

/**
 * SQL for a caller's own statements about held events: `record` makes one inside the statement that
 * does the caller's change; `done` ends it once its work is done, `released` hands it to the
 * dispatcher after all. `idParam` is where its id goes (`$3`, or `ANY($2::uuid[])` for several); a
 * null id changes nothing.
 */
export const heldEventSql = {
  /**
   * A CTE `name` that records a held event of `type` for each row of the CTE `from`, with the
   * jsonb expression `payload` (over that row's columns) as its payload; it returns the event's id and payload.
   */
  record: (name: string, type: DomainEventType, payload: string, from: string) =>
    `${name} AS (
       INSERT INTO domain_events (type, payload, claimed_at) SELECT '${type}', ${payload}, now() FROM ${from}
       RETURNING id, payload
     )`,
  done: (idParam: string) =>
    `UPDATE domain_events SET dispatched_at = now() WHERE id = ${idParam} AND dispatched_at IS NULL`,
  released: (idParam: string) =>
    `UPDATE domain_events SET claimed_at = NULL WHERE id = ${idParam} AND dispatched_at IS NULL`,
};
