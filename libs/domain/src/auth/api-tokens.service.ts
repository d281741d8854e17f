import { Injectable } from '@nestjs/common';
import { Batched, prepared } from '@karvan/database';
import { DataSource } from 'typeorm';
import { hashToken, randomToken } from '../shared/tokens.js';
import { AuthError, AuthErrorCode } from './auth.errors.js';
import {
  PRINCIPAL_WITH_GRANTS,
  toPrincipal,
  type Principal,
  type PrincipalWithGrantsRow,
  type TokenScope,
} from './principal.js';

export interface ApiTokenInfo {
  id: string;
  name: string;
  scope: TokenScope;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
}

export interface NewApiToken {
  name: string;
  scope: TokenScope;
  expiresInDays: TokenLifetime;
}

/** The lifetimes a user may choose from; 90 days unless they choose otherwise. */
export const TOKEN_LIFETIMES = [30, 90, 365] as const;
export type TokenLifetime = (typeof TOKEN_LIFETIMES)[number];
export const DEFAULT_TOKEN_LIFETIME: TokenLifetime = 90;

const TOKEN_PREFIX = 'krv_';

/**
 * Personal access tokens for API clients: shown once, stored as a hash, with a scope and an expiry.
 * They end when revoked, when they expire, when the owner's password changes, and when the account
 * is no longer active.
 */
@Injectable()
export class ApiTokensService {
  /** The tokens asked for at once, read (and their "last used" written) in one statement. */
  private readonly tokens = new Batched((hashes: string[]) => this.readTokens(hashes));

  constructor(private readonly db: DataSource) {}

  /** Only a signed-in person makes tokens: a stolen token must not be able to make itself a successor. */
  async create(principal: Principal, input: NewApiToken): Promise<{ id: string; token: string }> {
    if (principal.via === 'token') {
      throw new AuthError(
        AuthErrorCode.TokenCannotCreateTokens,
        'An access token cannot create access tokens: sign in on the profile page to create one.',
      );
    }
    const token = randomToken(TOKEN_PREFIX);
    const rows: Array<{ id: string }> = await this.db.query(
      `INSERT INTO api_tokens (user_id, name, token_hash, scope, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(days => $5)) RETURNING id`,
      [principal.userId, input.name.trim(), hashToken(token), input.scope, input.expiresInDays],
    );
    return { id: rows[0].id, token };
  }

  async list(userId: string): Promise<ApiTokenInfo[]> {
    const rows: Array<{
      id: string;
      name: string;
      scope: TokenScope;
      created_at: Date;
      expires_at: Date;
      last_used_at: Date | null;
    }> = await this.db.query(
      `SELECT id, name, scope, created_at, expires_at, last_used_at FROM api_tokens
       WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY created_at`,
      [userId],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      scope: r.scope,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      lastUsedAt: r.last_used_at,
    }));
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
  }

  /** After a password change: whoever copied a token along with the old password is out too. */
  async revokeAllForUser(userId: string): Promise<void> {
    await this.db.query('UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
  }

  /**
   * The person acting with this token, with their grants; null when it is unknown, revoked or
   * expired. Read on every request, like a session. "Last used" is written at most once a minute
   * per token, so a busy API client does not turn every read into a write.
   */
  async resolve(token: string): Promise<Principal | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const row = await this.tokens.load(hashToken(token));
    // Each request its own principal, even when two asked with one token in the same batch.
    return row ? { ...toPrincipal(row, 'token'), tokenScope: row.scope } : null;
  }

  private async readTokens(hashes: string[]): Promise<Map<string, TokenRow>> {
    const rows = await prepared<TokenRow[]>(
      this.db,
      `WITH token AS (
         SELECT id, user_id, scope, last_used_at, token_hash FROM api_tokens
         WHERE token_hash = ANY($1::char(64)[]) AND revoked_at IS NULL AND expires_at > now()
       ), used AS (
         UPDATE api_tokens t SET last_used_at = now() FROM token
         WHERE t.id = token.id AND (token.last_used_at IS NULL OR token.last_used_at < now() - interval '1 minute')
       )
       SELECT token.token_hash, ${PRINCIPAL_WITH_GRANTS}, token.scope FROM token JOIN users u ON u.id = token.user_id
       WHERE u.status = 'active'`,
      [hashes],
    );
    return new Map(rows.map((row) => [row.token_hash, row]));
  }
}

type TokenRow = PrincipalWithGrantsRow & { scope: TokenScope; token_hash: string };
