import { Injectable } from '@nestjs/common';
import {
  AccountsService,
  GrantsService,
  PasswordResetsService,
  UsersService,
  type Principal,
  type Role,
  type User,
  type UserFilter,
} from '@karvan/domain';
import { describeUser } from '../profile/profile.service.js';
import type { NewAccountForm } from './dto/account.dto.js';

const PAGE_SIZE = 50;

/** Admin work on accounts: the list, site roles, and creating, deactivating and reactivating accounts. */
@Injectable()
export class UsersAdminService {
  constructor(
    private readonly users: UsersService,
    private readonly grants: GrantsService,
    private readonly accounts: AccountsService,
    private readonly resets: PasswordResetsService,
  ) {}

  async list(me: Principal, page = 1, filter: UserFilter = {}) {
    const result = await this.users.list(me, page, PAGE_SIZE, filter);
    return {
      users: result.users.map(describeAccount),
      total: result.total,
      page: result.page,
      pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
    };
  }

  async get(me: Principal, userId: string) {
    return describeAccount(await this.users.getForAdmin(me, userId));
  }

  async setRoles(me: Principal, userId: string, roles: Role[]) {
    await this.grants.setSiteRoles(me, userId, roles);
    return describeUser(await this.users.get(userId));
  }

  async create(me: Principal, form: NewAccountForm) {
    const { roles, ...input } = form;
    return describeAccount(await this.accounts.create(me, input, roles));
  }

  async deactivate(me: Principal, userId: string) {
    return describeAccount(await this.accounts.deactivate(me, userId));
  }

  async reactivate(me: Principal, userId: string) {
    return describeAccount(await this.accounts.reactivate(me, userId));
  }

  async sendReset(me: Principal, userId: string) {
    await this.resets.sendByAdmin(me, userId);
    return describeAccount(await this.users.get(userId));
  }
}

function describeAccount(user: User) {
  return { ...describeUser(user), status: user.status, createdAt: user.createdAt };
}
