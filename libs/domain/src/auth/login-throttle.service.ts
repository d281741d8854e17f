import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ThrottleRule {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

/** Per account: a handful of guesses. Per address: more, since offices share one address. */
export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 30, windowMinutes: 15, lockMinutes: 15 };

/** Counts failed logins in the database, so every api process shares the same counters. */
@Injectable()
export class LoginThrottleService {
  constructor(private readonly db: DataSource) {}

  /** Minutes until the first of these keys unlocks, or 0 when none is locked. */
  async lockedMinutes(keys: string[]): Promise<number> {
    const rows: Array<{ minutes: number }> = await this.db.query(
      `SELECT ceil(extract(epoch FROM max(locked_until) - now()) / 60)::int AS minutes
       FROM login_throttle WHERE key = ANY($1) AND locked_until > now()`,
      [keys],
    );
    return rows[0]?.minutes ?? 0;
  }

  async recordFailure(key: string, rule: ThrottleRule): Promise<void> {
    // One statement, so concurrent failures on several processes all count.
    await this.db.query(
      `INSERT INTO login_throttle AS t (key, failures, window_start) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_start < now() - make_interval(mins => $2) THEN 1 ELSE t.failures + 1 END,
         window_start = CASE WHEN t.window_start < now() - make_interval(mins => $2) THEN now() ELSE t.window_start END`,
      [key, rule.windowMinutes],
    );
    await this.db.query(
      `UPDATE login_throttle SET locked_until = now() + make_interval(mins => $3), failures = 0, window_start = now()
       WHERE key = $1 AND failures >= $2`,
      [key, rule.maxFailures, rule.lockMinutes],
    );
  }

  async reset(key: string): Promise<void> {
    await this.db.query('DELETE FROM login_throttle WHERE key = $1', [key]);
  }

  async purgeExpired(): Promise<number> {
    const rows: Array<{ n: number }> = await this.db.query(
      `WITH gone AS (
         DELETE FROM login_throttle
         WHERE (locked_until IS NULL OR locked_until < now()) AND window_start < now() - interval '1 day' RETURNING 1
       ) SELECT count(*)::int AS n FROM gone`,
    );
    return rows[0].n;
  }
}
