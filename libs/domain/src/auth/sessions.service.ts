import { Inject, Injectable } from '@nestjs/common';
import { Batched, prepared } from '@karvan/database';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { DataSource } from 'typeorm';
import { hashToken, randomToken } from '../shared/tokens.js';
import { PRINCIPAL_WITH_GRANTS, toPrincipal, type Principal, type PrincipalWithGrantsRow } from './principal.js';

/**
 * Sessions are read on every request, with the person and their grants in the same query, and
 * nothing is cached: a sign-out, a password or role change, or a closed account takes effect on
 * the next request on every api process.
 */
@Injectable()
export class SessionsService {
  /** The sessions asked for at once, read in one statement. */
  private readonly sessions = new Batched((ids: string[]) => this.readSessions(ids));

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

  /** The person acting with this session, with their grants; null when it is unknown or over. */
  async resolve(token: string): Promise<Principal | null> {
    const row = await this.sessions.load(hashToken(token));
    // Each request its own principal, even when two asked with one token in the same batch.
    return row ? toPrincipal(row, 'session') : null;
  }

  private async readSessions(ids: string[]): Promise<Map<string, PrincipalWithGrantsRow>> {
    // Every signed-in request runs this: prepared once per connection.
    const rows = await prepared<Array<PrincipalWithGrantsRow & { session_id: string }>>(
      this.db,
      `SELECT s.id AS session_id, ${PRINCIPAL_WITH_GRANTS} FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = ANY($1::char(64)[]) AND s.expires_at > now() AND u.status = 'active'`,
      [ids],
    );
    return new Map(rows.map((row) => [row.session_id, row]));
  }

  async revoke(token: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE id = $1', [hashToken(token)]);
  }

  /** Ends every session of a user, except optionally the one making the change. */
  async revokeAllForUser(userId: string, keepToken?: string): Promise<void> {
    const keep = keepToken ? hashToken(keepToken) : '';
    await this.db.query('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [userId, keep]);
  }

  async purgeExpired(): Promise<number> {
    // Wrapped in a SELECT: TypeORM returns [rows, count] for a bare DELETE, plain rows for a SELECT.
    const rows: Array<{ n: number }> = await this.db.query(
      'WITH gone AS (DELETE FROM sessions WHERE expires_at <= now() RETURNING 1) SELECT count(*)::int AS n FROM gone',
    );
    return rows[0].n;
  }
}
