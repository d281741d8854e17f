import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { GrantsService, PrincipalsService, UsersService, type Principal, type Role, type User } from '@karvan/domain';

export const TEST_PASSWORD = 'correct horse battery';

export interface TestUser {
  user: User;
  email: string;
  password: string;
}

/** A fresh account with a unique e-mail, so tests never depend on each other's rows. */
export async function createUser(db: DataSource, roles: Role[] = ['trainee'], name = 'Test User'): Promise<TestUser> {
  const email = `user-${randomUUID()}@karvan.test`;
  const user = await new UsersService(db).register({ email, name, password: TEST_PASSWORD }, roles);
  return { user, email, password: TEST_PASSWORD };
}

/** The acting principal of an account, with its grants as a request would read them. */
export async function principalOf(db: DataSource, userId: string): Promise<Principal> {
  const principal = await new PrincipalsService(db, new GrantsService(db)).forUser(userId);
  if (!principal) throw new Error(`no active account ${userId}`);
  return principal;
}

/**
 * Moves sessions into the past, keeping their order and length, the last ending an hour ago: a
 * register opens only when its session begins, and the tests' schools lie in the future (their
 * calls are open). Written directly, as time passing would: no timetable change is announced.
 * Resolves to a function that moves them back, for a test that goes on to check their dates.
 */
export async function beginSessions(db: DataSource, sessionIds: string[]): Promise<() => Promise<void>> {
  const [{ by }] = await db.query<Array<{ by: string }>>(
    `SELECT (max(ends_at) - now() + interval '1 hour')::text AS by FROM cohort_sessions WHERE id = ANY($1::uuid[])`,
    [sessionIds],
  );
  const shift = (sign: '-' | '+') =>
    db.query(
      `UPDATE cohort_sessions SET starts_at = starts_at ${sign} $2::interval, ends_at = ends_at ${sign} $2::interval
       WHERE id = ANY($1::uuid[])`,
      [sessionIds, by],
    );
  await shift('-');
  return async () => {
    await shift('+');
  };
}
