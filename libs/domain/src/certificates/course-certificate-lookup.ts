import type { EntityManager } from 'typeorm';

/** A person's course certificate, if any (for reports that must not withdraw one silently). */
export async function courseCertificateOf(
  tx: EntityManager,
  userId: string,
  courseId: string,
): Promise<{ id: string; status: 'pending' | 'issued' | 'revoked' } | null> {
  const [row] = await tx.query<Array<{ id: string; status: 'pending' | 'issued' | 'revoked' }>>(
    `SELECT id, status FROM certificates WHERE user_id = $1 AND course_id = $2 AND kind = 'course'
     ORDER BY created_at DESC LIMIT 1`,
    [userId, courseId],
  );
  return row ?? null;
}
