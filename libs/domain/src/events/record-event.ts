import type { EntityManager } from 'typeorm';
import type { DomainEvent } from './domain-event.js';

// Transactions opened by DomainEvents.transaction, with the events recorded in them so far.
const recordedIn = new WeakMap<EntityManager, string[]>();

/** Writes the event in the caller's transaction: it exists exactly when the transaction commits. */
export async function recordEvent(tx: EntityManager, event: DomainEvent): Promise<string> {
  const [row] = await tx.query<Array<{ id: string }>>(
    `INSERT INTO domain_events (type, payload) VALUES ($1, $2) RETURNING id`,
    [event.type, JSON.stringify(event.payload)],
  );
  recordedIn.get(tx)?.push(row.id);
  return row.id;
}

/** Collects the ids of the events recorded in `tx` until the returned list is read after commit. */
export function collectEvents(tx: EntityManager): string[] {
  const ids: string[] = [];
  recordedIn.set(tx, ids);
  return ids;
}
