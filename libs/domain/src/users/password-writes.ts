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
