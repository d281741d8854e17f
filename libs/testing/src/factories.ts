import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { UsersService, type Role, type User } from '@karvan/domain';

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
