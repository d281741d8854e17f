import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './passwords.js';
import type { Locale, Role } from './roles.js';
import { User } from './user.entity.js';
import {
  insertSiteRoles,
  requireCapability,
  siteRoleHoldersSql,
  siteRolesOf,
  SITE_SCOPE,
  type Grantee,
} from '../access/index.js';
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
  /** An IANA zone, or empty for the site's zone. */
  timeZone?: string;
}

export type AccountStatus = 'active' | 'disabled' | 'invited';
export const ACCOUNT_STATUSES: AccountStatus[] = ['active', 'disabled', 'invited'];

export interface UserFilter {
  search?: string;
  role?: Role;
  status?: AccountStatus;
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
        await insertSiteRoles(tx, user.id, roles);
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
    const user = await this.db.getRepository(User).findOne({ where: { id } });
    if (!user) throw new UsersError(UsersErrorCode.NotFound, 'No such user.');
    await this.withRoles([user]);
    return user;
  }

  /** Any account, with its status, for the admin's account page. */
  async getForAdmin(actor: Grantee, id: string): Promise<User> {
    requireCapability(actor, 'user.manage', SITE_SCOPE, 'Only administrators manage accounts.');
    return this.get(id);
  }

  /** The password hash of an active account, for the login check only. */
  async findCredentials(email: string): Promise<{ id: string; passwordHash: string } | undefined> {
    const rows: Array<{ id: string; password_hash: string }> = await this.db.query(
      `SELECT id, password_hash FROM users WHERE lower(email) = lower($1) AND status = 'active'`,
      [email.trim()],
    );
    return rows[0] ? { id: rows[0].id, passwordHash: rows[0].password_hash } : undefined;
  }

  /** The id of the account with this address, if any: for granting roles by e-mail. */
  async findIdByEmail(email: string): Promise<string | undefined> {
    const rows = await this.db.query<Array<{ id: string }>>('SELECT id FROM users WHERE lower(email) = lower($1)', [
      email.trim(),
    ]);
    return rows[0]?.id;
  }

  /** "Name <e-mail>" of these accounts, for lists of grants. */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.db.query<Array<{ id: string; name: string; email: string }>>(
      'SELECT id, name, email FROM users WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, `${r.name} <${r.email}>`]));
  }

  async updateProfile(id: string, changes: ProfileChanges): Promise<User> {
    await this.db.getRepository(User).update(
      { id },
      {
        name: changes.name.trim(),
        organisation: changes.organisation.trim(),
        position: changes.position.trim(),
        locale: changes.locale,
        ...(changes.timeZone === undefined ? {} : { timeZone: changes.timeZone || null }),
      },
    );
    return this.get(id);
  }

  async setLocale(id: string, locale: Locale): Promise<void> {
    await this.db.getRepository(User).update({ id }, { locale });
  }

  async changePassword(id: string, current: string, next: string): Promise<void> {
    await this.checkPassword(id, current);
    assertAcceptablePassword(next);
    await this.db.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [
      id,
      await hashPassword(next),
    ]);
  }

  /** Refuses unless this is the account's current password: asked again before a change to the account. */
  async checkPassword(id: string, current: string): Promise<void> {
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
  }

  /** Accounts for admins, newest first, filtered by name or e-mail, site role and status. */
  async list(actor: Grantee, page = 1, pageSize = 50, filter: UserFilter = {}): Promise<UserPage> {
    requireCapability(actor, 'user.manage', SITE_SCOPE, 'Only administrators manage accounts.');
    const query = this.db
      .getRepository(User)
      .createQueryBuilder('user')
      .where('true')
      .orderBy('user.createdAt', 'DESC')
      .addOrderBy('user.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    const search = filter.search?.trim();
    if (search) {
      query.andWhere('(user.email ILIKE :q OR user.name ILIKE :q)', { q: `%${escapeLike(search)}%` });
    }
    if (filter.role) query.andWhere(`user.id IN (${siteRoleHoldersSql(':role')})`, { role: filter.role });
    if (filter.status) query.andWhere('user.status = :status', { status: filter.status });
    const [users, total] = await query.getManyAndCount();
    await this.withRoles(users);
    return { users, total, page, pageSize };
  }

  /** An active account by address, for a reset link; undefined for none (the caller tells nobody). */
  async findActiveByEmail(email: string): Promise<Pick<User, 'id' | 'email' | 'name' | 'locale'> | undefined> {
    const rows = await this.db.query<Array<Pick<User, 'id' | 'email' | 'name' | 'locale'>>>(
      `SELECT id, email, name, locale FROM users WHERE lower(email) = lower($1) AND status = 'active'`,
      [email.trim()],
    );
    return rows[0];
  }

  /**
   * Deactivates or reactivates an account. Admins cannot deactivate themselves, so a site always
   * keeps someone who can undo it. Ending the person's sessions and tokens is the caller's part.
   */
  async setStatus(actor: Grantee & { userId: string }, userId: string, status: 'active' | 'disabled'): Promise<User> {
    requireCapability(actor, 'user.manage', SITE_SCOPE, 'Only administrators manage accounts.');
    if (status === 'disabled' && actor.userId === userId) {
      throw new UsersError(UsersErrorCode.OwnAccount, 'You cannot deactivate your own account.');
    }
    const user = await this.get(userId);
    if (user.status === 'invited') {
      throw new UsersError(
        UsersErrorCode.AccountInvited,
        'This account is waiting for its owner to accept the invitation.',
      );
    }
    await this.db.getRepository(User).update({ id: userId }, { status });
    return this.get(userId);
  }

  /** An account made by an admin: it has no usable password until its owner sets one from a link. */
  async createByAdmin(actor: Grantee, input: Omit<NewUser, 'password'>, roles: Role[]): Promise<User> {
    requireCapability(actor, 'user.manage', SITE_SCOPE, 'Only administrators manage accounts.');
    return this.register({ ...input, password: randomBytes(24).toString('base64url') }, roles, {
      checkPassword: false,
    });
  }

  private async withRoles(users: User[]): Promise<void> {
    const roles = await siteRolesOf(
      this.db.manager,
      users.map((u) => u.id),
    );
    for (const user of users) user.roles = roles.get(user.id) ?? [];
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
