import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, ROLES } from '@karvan/domain';
import type { Principal } from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import { parseForm } from '../common/forms.js';
import type { KarvanReply } from '../common/request-context.js';
import { ListUsersQuery, SetRolesDto } from './dto/roles.dto.js';
import { UsersAdminService } from './users-admin.service.js';

@ApiExcludeController()
@Access('user.manage')
@Controller('admin/users')
export class UsersPagesController {
  constructor(private readonly admin: UsersAdminService) {}

  @Get()
  @Render('pages/users/list')
  async list(@CurrentUser() me: Principal, @Query() query: ListUsersQuery) {
    const result = await this.admin.list(me, query.page, query.q);
    const savedUser = result.users.find((user) => user.id === query.saved);
    return {
      ...result,
      q: query.q ?? '',
      roles: ROLES,
      savedName: savedUser?.name,
      previous: result.page > 1 ? result.page - 1 : undefined,
      next: result.page < result.pages ? result.page + 1 : undefined,
    };
  }

  @Post(':id/roles')
  async setRoles(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const { value, errors } = await parseForm(SetRolesDto, body);
    if (errors) throw new DomainError('invalid', 'invalid_roles', 'Choose roles from the list.');
    const saved = await this.admin.setRoles(me, id, value.roles);
    // Back to the list filtered on this person, so the confirmation shows whatever page they were on.
    await reply.redirect(`/admin/users?saved=${id}&q=${encodeURIComponent(saved.email)}`, 303);
  }
}
