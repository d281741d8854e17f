import { Injectable } from '@nestjs/common';
import type { Grantee } from '../access/index.js';
import { UsersService, type NewUser, type Role, type User } from '../users/index.js';
import { ApiTokensService } from './api-tokens.service.js';
import { PasswordResetsService } from './password-resets.service.js';
import { SessionsService } from './sessions.service.js';

type Actor = Grantee & { userId: string };

/**
 * What admins do to accounts besides roles: create one (its owner sets the password from an
 * e-mailed link), deactivate it (which ends its sessions and tokens at once) and reactivate it.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly tokens: ApiTokensService,
    private readonly resets: PasswordResetsService,
  ) {}

  async create(actor: Actor, input: Omit<NewUser, 'password'>, roles: Role[]): Promise<User> {
    const user = await this.users.createByAdmin(actor, input, roles);
    await this.resets.sendByAdmin(actor, user.id, true);
    return user;
  }

  async deactivate(actor: Actor, userId: string): Promise<User> {
    const user = await this.users.setStatus(actor, userId, 'disabled');
    await this.sessions.revokeAllForUser(userId);
    await this.tokens.revokeAllForUser(userId);
    return user;
  }

  async reactivate(actor: Actor, userId: string): Promise<User> {
    return this.users.setStatus(actor, userId, 'active');
  }
}
