import type { EntityManager } from 'typeorm';
import type { Scope } from './scope.js';

/**
 * Scopes through which a learner's records in a course are also reachable: a summer-school
 * cohort that links the course and counts the learner as a member. Its staff then see (and, where
 * their role allows, manage) those members' records in that course, and nobody else's. Features
 * that link courses register a resolver; the access feature knows none of their tables.
 */
export type LinkedScopesResolver = (
  tx: EntityManager,
  courseId: string,
  learnerIds: string[],
) => Promise<Map<string, Scope[]>>;

const resolvers: LinkedScopesResolver[] = [];

export function addLinkedScopes(resolver: LinkedScopesResolver): void {
  if (!resolvers.includes(resolver)) resolvers.push(resolver);
}

export async function linkedScopes(
  tx: EntityManager,
  courseId: string,
  learnerIds: string[],
): Promise<Map<string, Scope[]>> {
  const all = new Map<string, Scope[]>(learnerIds.map((id) => [id, []]));
  if (learnerIds.length === 0) return all;
  for (const resolve of resolvers) {
    for (const [learner, scopes] of await resolve(tx, courseId, learnerIds)) all.get(learner)?.push(...scopes);
  }
  return all;
}
