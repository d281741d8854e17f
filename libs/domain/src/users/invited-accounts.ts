import type { EntityManager } from 'typeorm';
import { insertSiteRoles } from '../access/index.js';
import { hashToken, randomToken } from '../shared/tokens.js';

/**
 * An account for someone enrolled before they signed up: no usable password until its owner sets
 * one from an invitation (see inviteAgain).
 */
export async function createInvitedAccount(tx: EntityManager, email: string): Promise<string> {
  const [{ id }] = await tx.query<Array<{ id: string }>>(
    `INSERT INTO users (email, name, password_hash, status) VALUES ($1, $2, '!', 'invited') RETURNING id`,
    [email, email.split('@')[0]],
  );
  await insertSiteRoles(tx, id, ['trainee']);
  return id;
}

/** An invitation for an account waiting for its owner; only the token's hash is stored. */
export async function inviteAgain(tx: EntityManager, userId: string, invitedBy: string, days: number): Promise<string> {
  const token = randomToken();
  await tx.query(
    `INSERT INTO invitations (token_hash, user_id, invited_by, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
    [hashToken(token), userId, invitedBy, days],
  );
  return token;
}
