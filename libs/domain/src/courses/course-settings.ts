import type { EntityManager } from 'typeorm';
import { hashToken } from '../shared/tokens.js';

/** Stores a course's enrolment key as a hash: the learning feature decides who may set it. */
export async function storeEnrolmentKey(tx: EntityManager, courseId: string, key: string): Promise<void> {
  await tx.query('UPDATE courses SET enrolment_key_hash = $2 WHERE id = $1', [courseId, hashToken(key.trim())]);
}
