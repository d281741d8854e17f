import { setTimeout as sleep } from 'node:timers/promises';

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
