import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MaintenanceService } from '@karvan/domain';
import type { Principal } from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import { NewAccountForm } from './dto/account.dto.js';
import { ListUsersQuery, SetRolesDto } from './dto/roles.dto.js';
import { UsersAdminService } from './users-admin.service.js';
import { ApiObject, ApiResult } from '../common/openapi.js';

@ApiTags('admin')
@ApiBearerAuth()
@Access('user.manage')
@Controller('api/v1/admin')
export class UsersApiController {
  constructor(
    private readonly admin: UsersAdminService,
    private readonly maintenance: MaintenanceService,
  ) {}

  /** Lists accounts, 50 a page, newest first, optionally filtered by name or e-mail, site role and status. */
  @ApiObject('One page of accounts, with the total.')
  @Get('users')
  list(@CurrentUser() me: Principal, @Query() query: ListUsersQuery) {
    return this.admin.list(me, query.page, { search: query.q, role: query.role, status: query.status });
  }

  /** Creates an account; its owner gets an e-mail with a link to choose a password. */
  @ApiObject('The new account.', 201)
  @Post('users')
  create(@CurrentUser() me: Principal, @Body() body: NewAccountForm) {
    return this.admin.create(me, body);
  }

  /** Deactivates an account: its sessions and access tokens end at once, and it cannot sign in. */
  @ApiObject('The account.', 201)
  @Post('users/:id/deactivate')
  deactivate(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.admin.deactivate(me, id);
  }

  /** Reactivates a deactivated account. */
  @ApiObject('The account.', 201)
  @Post('users/:id/reactivate')
  reactivate(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.admin.reactivate(me, id);
  }

  /** E-mails the account's owner a link to choose a new password. */
  @ApiObject('The account.', 201)
  @Post('users/:id/password-reset')
  sendReset(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.admin.sendReset(me, id);
  }

  /** Replaces a user's roles. */
  @ApiObject('The account with its roles.')
  @Put('users/:id/roles')
  setRoles(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: SetRolesDto) {
    return this.admin.setRoles(me, id, body.roles);
  }

  /** Queues the purge of expired sessions and login counters now (it also runs hourly). */
  @Access('queue.manage')
  @ApiResult(201, { jobId: 'string' })
  @Post('jobs/purge-expired')
  async purgeExpired(@CurrentUser() me: Principal) {
    return { jobId: await this.maintenance.requestPurge(me) };
  }

  @Access('queue.manage')
  @ApiObject("The job's state.")
  @Get('jobs/maintenance/:id')
  jobStatus(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.maintenance.status(me, id);
  }
}
