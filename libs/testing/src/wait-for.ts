import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, QueryRunner } from 'typeorm';

/** How long a test waits for a condition by default: generous, for a loaded two-core machine. */
export const WAIT_LIMIT_MS = 60_000;

/** Polls `check` until it returns a value (not undefined or false), or fails naming `what` after `ms`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  ms = WAIT_LIMIT_MS,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Waits until a statement of another connection waits for a lock that `holder`, a transaction the
 * test keeps open, holds: the moment to commit it and see how the waiting statement carries on.
 */
export async function untilBlockedBy(db: DataSource, holder: QueryRunner): Promise<void> {
  const [{ pid }] = (await holder.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>;
  await waitFor('a statement waiting for the held lock', async () => {
    const [{ waiting }] = await db.query<Array<{ waiting: number }>>(
      'SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
      [pid],
    );
    return waiting > 0;
  });
}
