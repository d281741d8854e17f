import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  CAPABILITIES,
  CohortsService,
  CoursesService,
  DomainError,
  GrantsService,
  OrganisationsService,
  ROLE_DEFINITIONS,
  type AccessRole,
  type Principal,
} from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import { parseForm } from '../common/forms.js';
import type { KarvanReply, KarvanRequest } from '../common/request-context.js';
import { formatOf, sendTable } from '../common/send-table.js';
import { AccessAdminService, type AuditedGrant } from './access-admin.service.js';
import {
  AttachDto,
  AuditQuery,
  GrantDto,
  OrganisationDto,
  RevokeDto,
  ScopeParams,
  UserRevokeDto,
} from './access.dto.js';

async function form<T extends object>(dto: new () => T, body: unknown): Promise<T> {
  const { value, errors } = await parseForm(dto, body);
  if (errors) throw new DomainError('invalid', 'invalid_form', `Check: ${Object.keys(errors).join(', ')}.`, errors);
  return value;
}

/** Admin pages for grants: the role catalogue, organisations, grants per object and per user, the audit log. */
@ApiExcludeController()
@Access('access.manage')
@Controller('admin')
export class AccessPagesController {
  constructor(
    private readonly admin: AccessAdminService,
    private readonly grants: GrantsService,
    private readonly organisations: OrganisationsService,
    private readonly courses: CoursesService,
    private readonly cohorts: CohortsService,
  ) {}

  @Get('access')
  @Render('pages/access/overview')
  async overview() {
    const roles = (Object.keys(ROLE_DEFINITIONS) as AccessRole[]).map((role) => ({
      role,
      scopes: ROLE_DEFINITIONS[role].scopes,
      capabilities: CAPABILITIES.filter((c) => ROLE_DEFINITIONS[role].capabilities.includes(c)),
    }));
    return { roles, organisations: await this.organisations.list() };
  }

  @Access('organisation.manage')
  @Post('organisations')
  async createOrganisation(@CurrentUser() me: Principal, @Body() body: unknown, @Res() reply: KarvanReply) {
    const input = await form(OrganisationDto, body);
    const created = await this.organisations.create(me, input.slug, input.name);
    await reply.redirect(`/admin/access/organisation/${created.id}`, 303);
  }

  @Access('organisation.manage')
  @Post('access/organisation/:id/attach')
  async attach(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const input = await form(AttachDto, body);
    await this.organisations.get(id);
    if (input.kind === 'course') await this.courses.setOrganisation(me, input.target, id);
    else await this.cohorts.setProgrammeOrganisation(me, input.target, id);
    await reply.redirect(`/admin/access/organisation/${id}?notice=attached`, 303);
  }

  @Access('audit.read')
  @Get('access/audit')
  @Render('pages/access/audit')
  async audit(@CurrentUser() me: Principal, @Query() query: AuditQuery) {
    const page = query.page ?? 1;
    const { entries, total } = await this.admin.auditLog(me, page);
    return {
      entries,
      page,
      previous: page > 1 ? page - 1 : undefined,
      next: page * 100 < total ? page + 1 : undefined,
    };
  }

  @Access('audit.read')
  @Get(['access/audit.csv', 'access/audit.xlsx'])
  async auditCsv(@CurrentUser() me: Principal, @Req() request: KarvanRequest, @Res() reply: KarvanReply) {
    const { entries } = await this.admin.auditLog(me, 1, 100_000);
    // Role, kind and id stay machine-readable; the name is added for the people who read the export.
    const side = (grant: AuditedGrant | null) =>
      grant ? [`${grant.role} @ ${grant.kind}${grant.id ? ` ${grant.id}` : ''}`, grant.label] : ['', ''];
    const rows = entries.map((e) => [e.at, e.actor, e.action, e.subject, ...side(e.before), ...side(e.after)]);
    const columns = ['at', 'actor', 'action', 'subject', 'before', 'before_name', 'after', 'after_name'];
    const table = { name: 'Access audit', columns, rows };
    await sendTable(reply, table, formatOf(request.url), 'karvan-access-audit');
  }

  @Get('access/:kind/:id')
  @Render('pages/access/scope')
  async scope(@CurrentUser() me: Principal, @Param() params: ScopeParams) {
    const { label, grants } = await this.admin.onScope(me, params.kind, params.id);
    const extra =
      params.kind === 'organisation'
        ? { courses: await this.courses.listEditable(me), programmes: await this.cohorts.programmes() }
        : {};
    return { ...params, label, grants, roles: this.admin.rolesFor(params.kind), ...extra };
  }

  @Post('access/:kind/:id/grants')
  async grant(
    @CurrentUser() me: Principal,
    @Param() params: ScopeParams,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const input = await form(GrantDto, body);
    await this.admin.grant(me, params.kind, params.id, input.email, input.role);
    await reply.redirect(`/admin/access/${params.kind}/${params.id}`, 303);
  }

  @Post('access/:kind/:id/grants/revoke')
  async revoke(
    @CurrentUser() me: Principal,
    @Param() params: ScopeParams,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const input = await form(RevokeDto, body);
    await this.admin.revoke(me, params.kind, params.id, input.userId, input.role);
    await reply.redirect(`/admin/access/${params.kind}/${params.id}`, 303);
  }

  @Get('users/:id/access')
  @Render('pages/access/user')
  async user(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return { userId: id, grants: await this.admin.forUser(me, id) };
  }

  @Post('users/:id/access/revoke')
  async revokeOfUser(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const input = await form(UserRevokeDto, body);
    await this.admin.revoke(me, input.kind, input.scopeId ?? null, id, input.role);
    await reply.redirect(`/admin/users/${id}/access`, 303);
  }
}
