import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashToken, randomToken } from '../shared/tokens.js';
import { TtlCache } from '../shared/ttl-cache.js';
import { AuthError, AuthErrorCode } from './auth.errors.js';
import { PRINCIPAL_COLUMNS, toIdentity, type Identity, type PrincipalRow } from './principal.js';
import { SESSION_CACHE_MS } from './sessions.service.js';

export interface ApiTokenInfo {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const TOKEN_PREFIX = 'krv_';

/** Personal access tokens for API clients: shown once, stored as a hash, revocable. */
@Injectable()
export class ApiTokensService {
  private readonly cache = new TtlCache<string, { principal: Identity | null }>(SESSION_CACHE_MS);

  constructor(private readonly db: DataSource) {}

  async create(userId: string, name: string): Promise<{ id: string; token: string }> {
    const token = randomToken(TOKEN_PREFIX);
    const rows: Array<{ id: string }> = await this.db.query(
      'INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id',
      [userId, name.trim(), hashToken(token)],
    );
    return { id: rows[0].id, token };
  }

  async list(userId: string): Promise<ApiTokenInfo[]> {
    const rows: Array<{ id: string; name: string; created_at: Date; last_used_at: Date | null }> = await this.db.query(
      `SELECT id, name, created_at, last_used_at FROM api_tokens
       WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at`,
      [userId],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
  }

  async revoke(userId: string, tokenId: string): Promise<void> {
    const rows: Array<{ token_hash: string }> = await this.db.query(
      `WITH revoked AS (
         UPDATE api_tokens SET revoked_at = now()
         WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING token_hash
       ) SELECT token_hash FROM revoked`,
      [tokenId, userId],
    );
    if (!rows[0]) throw new AuthError(AuthErrorCode.TokenNotFound, 'No such access token.');
    this.cache.delete(rows[0].token_hash);
  }

  async resolve(token: string): Promise<Identity | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const hash = hashToken(token);
    const cached = this.cache.get(hash);
    if (cached) return cached.principal;
    const rows: PrincipalRow[] = await this.db.query(
      `WITH used AS (
         UPDATE api_tokens SET last_used_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING user_id
       ) SELECT ${PRINCIPAL_COLUMNS} FROM used JOIN users u ON u.id = used.user_id WHERE u.status = 'active'`,
      [hash],
    );
    const principal = rows[0] ? toIdentity(rows[0], 'token') : null;
    this.cache.set(hash, { principal });
    return principal;
  }

  forgetUser(userId: string): void {
    this.cache.deleteWhere((entry) => entry.principal?.userId === userId);
  }
}
