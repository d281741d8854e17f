import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { GrantsService, OrganisationsService, type Principal } from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import { AccessAdminService } from './access-admin.service.js';
import { AuditQuery, GrantDto, OrganisationDto, RevokeDto, ScopeParams } from './access.dto.js';
import { ApiList, ApiObject } from '../common/openapi.js';

/** Grants, organisations and the audit log for API clients; admins only. */
@ApiTags('access')
@ApiBearerAuth()
@Access('access.manage')
@Controller('api/v1/admin')
export class AccessApiController {
  constructor(
    private readonly admin: AccessAdminService,
    private readonly grants: GrantsService,
    private readonly organisations: OrganisationsService,
  ) {}

  /** Every grant a user holds. */
  @ApiList('Every grant the user holds, described.')
  @Get('users/:id/grants')
  userGrants(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.admin.forUser(me, id);
  }

  /** The grants held on an organisation, course, programme or cohort. */
  @ApiList('The grants held on the object, described.')
  @Get('access/:kind/:id/grants')
  async scopeGrants(@CurrentUser() me: Principal, @Param() params: ScopeParams) {
    return (await this.admin.onScope(me, params.kind, params.id)).grants;
  }

  /** Grants a role on the object to the person with this e-mail address. */
  @ApiList('The grants on the object after the change.', 201)
  @Post('access/:kind/:id/grants')
  async grant(@CurrentUser() me: Principal, @Param() params: ScopeParams, @Body() body: GrantDto) {
    await this.admin.grant(me, params.kind, params.id, body.email, body.role);
    return (await this.admin.onScope(me, params.kind, params.id)).grants;
  }

  /** Removes a role on the object from a person. */
  @ApiList('The grants on the object after the change.', 201)
  @Post('access/:kind/:id/grants/revoke')
  async revoke(@CurrentUser() me: Principal, @Param() params: ScopeParams, @Body() body: RevokeDto) {
    await this.admin.revoke(me, params.kind, params.id, body.userId, body.role);
    return (await this.admin.onScope(me, params.kind, params.id)).grants;
  }

  /** The audit log of grant changes, newest first, 100 a page. */
  @Access('audit.read')
  @ApiObject('`entries` (newest first) and `total`.')
  @Get('access/audit')
  audit(@CurrentUser() me: Principal, @Query() query: AuditQuery) {
    return this.grants.auditLog(me, query.page ?? 1);
  }

  @Access('organisation.manage')
  @ApiList('Every organisation.')
  @Get('organisations')
  listOrganisations() {
    return this.organisations.list();
  }

  @Access('organisation.manage')
  @ApiObject('The organisation made.', 201)
  @Post('organisations')
  createOrganisation(@CurrentUser() me: Principal, @Body() body: OrganisationDto) {
    return this.organisations.create(me, body.slug, body.name);
  }
}
