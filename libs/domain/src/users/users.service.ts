import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './passwords.js';
import type { Locale, Role } from './roles.js';
import { User } from './user.entity.js';
import { UserRole } from './user-role.entity.js';
import { UsersError, UsersErrorCode } from './users.errors.js';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  locale?: Locale;
  organisation?: string;
  position?: string;
}

export interface ProfileChanges {
  name: string;
  organisation: string;
  position: string;
  locale: Locale;
}

export interface UserPage {
  users: User[];
  total: number;
  page: number;
  pageSize: number;
}

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class UsersService {
  constructor(private readonly db: DataSource) {}

  /** `checkPassword: false` only for accounts made by code with a published password (demo data). */
  async register(input: NewUser, roles: Role[] = ['trainee'], { checkPassword = true } = {}): Promise<User> {
    if (checkPassword) assertAcceptablePassword(input.password);
    const passwordHash = await hashPassword(input.password);
    try {
      const id = await this.db.transaction(async (tx) => {
        const user = await tx.getRepository(User).save(
          tx.getRepository(User).create({
            email: input.email.trim(),
            name: input.name.trim(),
            passwordHash,
            locale: input.locale ?? 'en',
            organisation: input.organisation?.trim() ?? '',
            position: input.position?.trim() ?? '',
            status: 'active',
          }),
        );
        await insertRoles(tx, user.id, roles);
        return user.id;
      });
      return await this.get(id);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new UsersError(UsersErrorCode.EmailTaken, 'An account with this e-mail address already exists.', {
          email: 'already registered',
        });
      }
      throw error;
    }
  }

  async get(id: string): Promise<User> {
    const user = await this.db.getRepository(User).findOne({ where: { id }, relations: { roleRows: true } });
    if (!user) throw new UsersError(UsersErrorCode.NotFound, 'No such user.');
    return user;
  }

  /** The password hash of an active account, for the login check only. */
  async findCredentials(email: string): Promise<{ id: string; passwordHash: string } | undefined> {
    const rows: Array<{ id: string; password_hash: string }> = await this.db.query(
      `SELECT id, password_hash FROM users WHERE lower(email) = lower($1) AND status = 'active'`,
      [email.trim()],
    );
    return rows[0] ? { id: rows[0].id, passwordHash: rows[0].password_hash } : undefined;
  }

  async updateProfile(id: string, changes: ProfileChanges): Promise<User> {
    await this.db.getRepository(User).update(
      { id },
      {
        name: changes.name.trim(),
        organisation: changes.organisation.trim(),
        position: changes.position.trim(),
        locale: changes.locale,
      },
    );
    return this.get(id);
  }

  async setLocale(id: string, locale: Locale): Promise<void> {
    await this.db.getRepository(User).update({ id }, { locale });
  }

  async changePassword(id: string, current: string, next: string): Promise<void> {
    const rows: Array<{ password_hash: string }> = await this.db.query(
      'SELECT password_hash FROM users WHERE id = $1',
      [id],
    );
    if (!rows[0]) throw new UsersError(UsersErrorCode.NotFound, 'No such user.');
    if (!(await verifyPassword(rows[0].password_hash, current))) {
      throw new UsersError(UsersErrorCode.WrongPassword, 'The current password is not right.', {
        currentPassword: 'not right',
      });
    }
    assertAcceptablePassword(next);
    await this.db.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [
      id,
      await hashPassword(next),
    ]);
  }

  async list(page = 1, pageSize = 50, search = ''): Promise<UserPage> {
    const query = this.db
      .getRepository(User)
      .createQueryBuilder('user')
      .leftJoinAndSelect('user.roleRows', 'role')
      .orderBy('user.createdAt', 'ASC')
      .addOrderBy('user.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    if (search) query.where('user.email ILIKE :q OR user.name ILIKE :q', { q: `%${escapeLike(search)}%` });
    const [users, total] = await query.getManyAndCount();
    return { users, total, page, pageSize };
  }

  /** Replaces a user's roles; the last admin cannot lose the admin role (nobody could give it back). */
  async setRoles(userId: string, roles: Role[]): Promise<User> {
    if (roles.length === 0) throw new UsersError(UsersErrorCode.NoRoles, 'Choose at least one role.');
    await this.db.transaction(async (tx) => {
      // Serialises concurrent role changes so two admins cannot demote each other at once.
      await tx.query(
        `SELECT id FROM users WHERE id IN (SELECT user_id FROM user_roles WHERE role = 'admin') FOR UPDATE`,
      );
      const target = await tx.getRepository(User).findOne({ where: { id: userId } });
      if (!target) throw new UsersError(UsersErrorCode.NotFound, 'No such user.');
      await tx.getRepository(UserRole).delete({ userId });
      await insertRoles(tx, userId, roles);
      const [{ admins }] = await tx.query<Array<{ admins: number }>>(
        `SELECT count(*)::int AS admins FROM user_roles WHERE role = 'admin'`,
      );
      if (admins === 0) {
        throw new UsersError(
          UsersErrorCode.LastAdmin,
          'This is the last admin: give another user the admin role first.',
        );
      }
    });
    return this.get(userId);
  }
}

async function insertRoles(tx: EntityManager, userId: string, roles: Role[]): Promise<void> {
  const unique = [...new Set(roles)];
  await tx.getRepository(UserRole).insert(unique.map((role) => ({ userId, role })));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
