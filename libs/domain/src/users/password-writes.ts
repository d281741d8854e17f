import type { EntityManager } from 'typeorm';

/**
 * Sets a new password hash in the caller's transaction: for a reset link, whose checks (one use,
 * expiry) and aftermath (sessions and tokens ended) belong to the auth feature.
 */
export async function setPasswordHash(tx: EntityManager, userId: string, passwordHash: string): Promise<void> {
  await tx.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1 AND status = 'active'`, [
    userId,
    passwordHash,
  ]);
}

/**
 * Gives an active account its new address in the caller's transaction, once the new mailbox has
 * confirmed it (the auth feature checks the link); false when another account took it meanwhile.
 */
export async function setEmail(tx: EntityManager, userId: string, email: string): Promise<boolean> {
  const taken = await tx.query<unknown[]>('SELECT 1 FROM users WHERE lower(email) = lower($1) AND id <> $2', [
    email,
    userId,
  ]);
  if (taken.length > 0) return false;
  await tx.query(`UPDATE users SET email = $2, updated_at = now() WHERE id = $1 AND status = 'active'`, [
    userId,
    email,
  ]);
  return true;
}
