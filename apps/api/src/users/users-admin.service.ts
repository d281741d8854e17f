import { Injectable } from '@nestjs/common';
import { ApiTokensService, SessionsService, UsersService, type Role } from '@karvan/domain';
import { describeUser } from '../profile/profile.service.js';

const PAGE_SIZE = 50;

/** Admin work on accounts: the list and role changes, which reach every process within seconds. */
@Injectable()
export class UsersAdminService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly tokens: ApiTokensService,
  ) {}

  async list(page = 1, search = '') {
    const result = await this.users.list(page, PAGE_SIZE, search.trim());
    return {
      users: result.users.map(describeUser),
      total: result.total,
      page: result.page,
      pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
    };
  }

  async setRoles(userId: string, roles: Role[]) {
    const user = await this.users.setRoles(userId, roles);
    // This process sees the change at once; others when their few-second cache entry expires.
    this.sessions.forgetUser(userId);
    this.tokens.forgetUser(userId);
    return describeUser(user);
  }
}
