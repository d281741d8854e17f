import { Injectable } from '@nestjs/common';
import { GrantsService, UsersService, type Principal, type Role } from '@karvan/domain';
import { describeUser } from '../profile/profile.service.js';

const PAGE_SIZE = 50;

/** Admin work on accounts: the list and site-role changes, which take effect on the next request. */
@Injectable()
export class UsersAdminService {
  constructor(
    private readonly users: UsersService,
    private readonly grants: GrantsService,
  ) {}

  async list(me: Principal, page = 1, search = '') {
    const result = await this.users.list(me, page, PAGE_SIZE, search.trim());
    return {
      users: result.users.map(describeUser),
      total: result.total,
      page: result.page,
      pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
    };
  }

  async setRoles(me: Principal, userId: string, roles: Role[]) {
    await this.grants.setSiteRoles(me, userId, roles);
    return describeUser(await this.users.get(userId));
  }
}
