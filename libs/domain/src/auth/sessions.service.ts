import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { DataSource } from 'typeorm';
import { hashToken, randomToken } from '../shared/tokens.js';
import { TtlCache } from '../shared/ttl-cache.js';
import { PRINCIPAL_COLUMNS, toIdentity, type Identity, type PrincipalRow } from './principal.js';

/**
 * How long a process trusts what it read about a session. Logout, password and role changes
 * reach every other api process within this time, and a page view costs no database read.
 */
export const SESSION_CACHE_MS = 5_000;

interface CachedSession {
  principal: Identity | null;
}

@Injectable()
export class SessionsService {
  private readonly cache = new TtlCache<string, CachedSession>(SESSION_CACHE_MS);

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts a new session (always a new id, so a planted cookie is never promoted) and returns its token. */
  async create(userId: string, meta: { ip: string; userAgent: string }): Promise<string> {
    const token = randomToken();
    await this.db.query(
      `INSERT INTO sessions (id, user_id, expires_at, ip, user_agent)
       VALUES ($1, $2, now() + make_interval(hours => $3), $4, $5)`,
      [hashToken(token), userId, this.config.sessionMaxAgeHours, meta.ip.slice(0, 64), meta.userAgent.slice(0, 300)],
    );
    return token;
  }

  async resolve(token: string): Promise<Identity | null> {
    const id = hashToken(token);
    const cached = this.cache.get(id);
    if (cached) return cached.principal;
    const rows: PrincipalRow[] = await this.db.query(
      `SELECT ${PRINCIPAL_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = $1 AND s.expires_at > now() AND u.status = 'active'`,
      [id],
    );
    const principal = rows[0] ? toIdentity(rows[0], 'session') : null;
    this.cache.set(id, { principal });
    return principal;
  }

  async revoke(token: string): Promise<void> {
    const id = hashToken(token);
    this.cache.delete(id);
    await this.db.query('DELETE FROM sessions WHERE id = $1', [id]);
  }

  /** Ends every session of a user, except optionally the one making the change. */
  async revokeAllForUser(userId: string, keepToken?: string): Promise<void> {
    const keep = keepToken ? hashToken(keepToken) : '';
    await this.db.query('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [userId, keep]);
    this.forgetUser(userId);
  }

  /** Drops what this process cached about a user, so its own next request sees a change at once. */
  forgetUser(userId: string): void {
    this.cache.deleteWhere((entry) => entry.principal?.userId === userId);
  }

  async purgeExpired(): Promise<number> {
    // Wrapped in a SELECT: TypeORM returns [rows, count] for a bare DELETE, plain rows for a SELECT.
    const rows: Array<{ n: number }> = await this.db.query(
      'WITH gone AS (DELETE FROM sessions WHERE expires_at <= now() RETURNING 1) SELECT count(*)::int AS n FROM gone',
    );
    return rows[0].n;
  }
}
