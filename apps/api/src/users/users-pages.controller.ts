import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ACCOUNT_STATUSES, DomainError, LOCALES, ROLES, UsersError, UsersErrorCode } from '@karvan/domain';
import type { Principal } from '@karvan/domain';
import { Access, CurrentUser, RequestState } from '../common/decorators.js';
import { parseForm } from '../common/forms.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply, RequestState as State } from '../common/request-context.js';
import { NewAccountForm } from './dto/account.dto.js';
import { AccountPageQuery, ListUsersQuery, SetRolesDto } from './dto/roles.dto.js';
import { UsersAdminService } from './users-admin.service.js';

/**
 * The admin's account pages. Every change is a POST answered with a redirect to a page that says
 * what happened, so reloading it changes nothing; deactivating asks first on a page of its own.
 */
@ApiExcludeController()
@Access('user.manage')
@Controller('admin/users')
export class UsersPagesController {
  constructor(private readonly admin: UsersAdminService) {}

  @Get()
  @Render('pages/users/list')
  async list(@CurrentUser() me: Principal, @Query() query: ListUsersQuery) {
    const filter = { search: query.q, role: query.role, status: query.status };
    const result = await this.admin.list(me, query.page, filter);
    const created = query.created ? await this.admin.get(me, query.created) : undefined;
    const keep = new URLSearchParams({ q: query.q ?? '', role: query.role ?? '', status: query.status ?? '' });
    return {
      ...result,
      q: query.q ?? '',
      role: query.role ?? '',
      status: query.status ?? '',
      roles: ROLES,
      statuses: ACCOUNT_STATUSES,
      created,
      filterQuery: keep.toString(),
      previous: result.page > 1 ? result.page - 1 : undefined,
      next: result.page < result.pages ? result.page + 1 : undefined,
    };
  }

  @Get('new')
  @Render('pages/users/new')
  newAccount(@RequestState() state: State) {
    return { form: { locale: state.locale, roles: ['trainee'] }, roles: ROLES, locales: LOCALES };
  }

  @Post()
  async create(@CurrentUser() me: Principal, @Body() body: unknown, @Res() reply: KarvanReply) {
    const { value, errors } = await parseForm(NewAccountForm, body);
    const again = (fieldErrors: Record<string, string>) =>
      renderPage(reply, 'pages/users/new', { form: value, roles: ROLES, locales: LOCALES, errors: fieldErrors }, 422);
    if (errors) return again(errors);
    try {
      const account = await this.admin.create(me, value);
      await reply.redirect(`/admin/users?created=${account.id}&q=${encodeURIComponent(account.email)}`, 303);
    } catch (error) {
      if (error instanceof UsersError && (error.code as UsersErrorCode) === UsersErrorCode.EmailTaken)
        return again({ email: `error.${error.code}` });
      throw error;
    }
  }

  @Get(':id')
  @Render('pages/users/account')
  async account(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: AccountPageQuery,
  ) {
    const account = await this.admin.get(me, id);
    return { account, roles: ROLES, notice: query.notice, self: me.userId === id };
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
    try {
      await this.admin.setRoles(me, id, value.roles);
    } catch (error) {
      // The last admin keeping their role is the admin's to fix on this page, not a dead end.
      if (!(error instanceof DomainError) || error.code !== 'last_admin') throw error;
      const account = await this.admin.get(me, id);
      return renderPage(
        reply,
        'pages/users/account',
        { account, roles: ROLES, self: me.userId === id, rolesError: `error.${error.code}` },
        409,
      );
    }
    await reply.redirect(`/admin/users/${id}?notice=roles`, 303);
  }

  @Post(':id/reset')
  async sendReset(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() reply: KarvanReply,
  ) {
    await this.admin.sendReset(me, id);
    await reply.redirect(`/admin/users/${id}?notice=reset`, 303);
  }

  /** The question before deactivating, as a page of its own so that it works without JavaScript. */
  @Get(':id/deactivate')
  @Render('pages/users/deactivate')
  async confirmDeactivate(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return { account: await this.admin.get(me, id) };
  }

  @Post(':id/deactivate')
  async deactivate(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() reply: KarvanReply,
  ) {
    await this.admin.deactivate(me, id);
    await reply.redirect(`/admin/users/${id}?notice=deactivated`, 303);
  }

  @Post(':id/reactivate')
  async reactivate(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() reply: KarvanReply,
  ) {
    await this.admin.reactivate(me, id);
    await reply.redirect(`/admin/users/${id}?notice=reactivated`, 303);
  }
}
