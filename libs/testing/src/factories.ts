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
