import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface BackOffRule {
  /** Guesses allowed before the back-off starts. */
  freeGuesses: number;
  /** After this long without a guess (or after the last wait ended), the count starts again. */
  windowMinutes: number;
  /** The wait after the last free guess; it doubles with each further guess. */
  firstDelaySeconds: number;
  maxDelaySeconds: number;
}

/**
 * Per account: five guesses, then 30 s, 1 min, 2 min … up to 15 min between guesses. An attacker
 * gets a guess every 15 minutes at most, and the owner is never shut out for longer than that.
 */
export const ACCOUNT_RULE: BackOffRule = {
  freeGuesses: 5,
  windowMinutes: 15,
  firstDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
};

export type Reservation = { granted: true } | { granted: false; retryAfterSeconds: number };

/** Counts sign-in guesses per account in the database, so every api process shares the same counters. */
@Injectable()
export class LoginThrottleService {
  constructor(private readonly db: DataSource) {}

  /**
   * Takes one guess for this key before the password is checked, in one statement: however many
   * requests arrive at once, no more guesses are granted than the rule allows. A granted guess
   * stays counted until `reset` (a right password).
   */
  async reserve(key: string, rule: BackOffRule): Promise<Reservation> {
    const stale = `coalesce(t.locked_until, t.window_start) < now() - make_interval(mins => $3)`;
    const count = `CASE WHEN ${stale} THEN 1 ELSE t.failures + 1 END`;
    const rows: Array<{ failures: number }> = await this.db.query(
      `INSERT INTO login_throttle AS t (key, failures, window_start, locked_until)
       VALUES ($1, 1, now(), CASE WHEN $2 <= 1 THEN now() + make_interval(secs => $4) END)
       ON CONFLICT (key) DO UPDATE SET
         failures = ${count},
         window_start = CASE WHEN ${stale} THEN now() ELSE t.window_start END,
         locked_until = CASE WHEN ${count} >= $2
           THEN now() + make_interval(secs => least($5, $4 * power(2, ${count} - $2)))
         END
       WHERE t.locked_until IS NULL OR t.locked_until <= now()
       RETURNING failures`,
      [key, rule.freeGuesses, rule.windowMinutes, rule.firstDelaySeconds, rule.maxDelaySeconds],
    );
    if (rows.length > 0) return { granted: true };
    return { granted: false, retryAfterSeconds: await this.secondsToWait(key) };
  }

  private async secondsToWait(key: string): Promise<number> {
    const rows: Array<{ seconds: number }> = await this.db.query(
      `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS seconds FROM login_throttle WHERE key = $1`,
      [key],
    );
    return Math.max(1, rows[0]?.seconds ?? 1);
  }

  async reset(key: string): Promise<void> {
    await this.db.query('DELETE FROM login_throttle WHERE key = $1', [key]);
  }

  async purgeExpired(): Promise<number> {
    const rows: Array<{ n: number }> = await this.db.query(
      `WITH gone AS (
         DELETE FROM login_throttle WHERE coalesce(locked_until, window_start) < now() - interval '1 day' RETURNING 1
       ) SELECT count(*)::int AS n FROM gone`,
    );
    return rows[0].n;
  }
}
