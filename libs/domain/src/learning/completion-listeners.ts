import type { EntityManager } from 'typeorm';
import type { CertificateTicket } from '../certificates/index.js';

/**
 * What other features do, in the same transaction, when someone completes a course (summer schools
 * check their cohort's completion rule). Learning calls them without knowing those features, so
 * the dependency points one way: summer → learning.
 */
export type CourseCompletionListener = (
  tx: EntityManager,
  userId: string,
  courseId: string,
) => Promise<CertificateTicket[]>;

const listeners: CourseCompletionListener[] = [];

export function onCourseCompleted(listener: CourseCompletionListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

export async function notifyCourseCompleted(tx: EntityManager, userId: string, courseId: string) {
  const tickets: CertificateTicket[] = [];
  for (const listener of listeners) tickets.push(...(await listener(tx, userId, courseId)));
  return tickets;
}
