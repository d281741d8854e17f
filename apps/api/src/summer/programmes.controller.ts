import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CohortsService, DomainError, type Principal } from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import { parseForm } from '../common/forms.js';
import type { KarvanReply } from '../common/request-context.js';
import { CohortDto, cohortInput, UpdateCohortDto } from './dto/cohort.dto.js';
import { CreateProgrammeDto, programmeTranslations } from './dto/programme.dto.js';
import { AddStaffDto, RemoveStaffDto } from './dto/staff.dto.js';
import { submitForm } from './form-submit.js';
import { SummerPages } from './page-views.js';
import { ApiObject, ApiResult } from '../common/openapi.js';

/**
 * Setting a summer school up: programmes, cohorts and their settings, the cohort's staff. Every
 * route checks, through the services, that the caller may set up this very programme or cohort.
 */
@ApiTags('summer schools')
@ApiBearerAuth()
@Access('cohort.manage')
@Controller()
export class ProgrammesController {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly pages: SummerPages,
  ) {}

  @Access('programme.create')
  @ApiOperation({ summary: 'Create a programme (coordinators, admins).' })
  @ApiObject('The programme made.', 201)
  @Post('api/v1/programmes')
  createProgramme(@CurrentUser() me: Principal, @Body() dto: CreateProgrammeDto) {
    return this.cohorts.createProgramme(me, dto.title, dto.description, programmeTranslations(dto));
  }

  @Access('programme.create')
  @ApiExcludeEndpoint()
  @Post('programmes')
  async createProgrammeForm(@CurrentUser() me: Principal, @Body() body: unknown, @Res() reply: KarvanReply) {
    const parsed = await parseForm(CreateProgrammeDto, body);
    const errors = await submitForm(parsed, (v) =>
      this.cohorts.createProgramme(me, v.title, v.description, programmeTranslations(v)),
    );
    if (!errors) return reply.redirect('/summer-schools', 303);
    await this.pages.list(reply, me, { programme: { form: parsed.value, errors } }, 422);
  }

  @Access('cohort.create')
  @ApiOperation({ summary: 'Create a cohort of a programme; its creator coordinates it.' })
  @ApiObject('The cohort made.', 201)
  @Post('api/v1/programmes/:id/cohorts')
  createCohort(@CurrentUser() me: Principal, @Param('id') id: string, @Body() dto: CohortDto) {
    return this.cohorts.createCohort(me, id, dto);
  }

  @Access('cohort.create')
  @ApiExcludeEndpoint()
  @Post('programmes/:id/cohorts')
  async createCohortForm(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const parsed = await parseForm(CohortDto, body);
    let made = '';
    const errors = await submitForm(parsed, async (v) => (made = (await this.cohorts.createCohort(me, id, v)).id));
    if (!errors) return reply.redirect(`/cohorts/${made}/manage`, 303);
    await this.pages.list(reply, me, { cohort: { programmeId: id, form: parsed.value, errors } }, 422);
  }

  @ApiExcludeEndpoint()
  @Get('cohorts/:id/manage')
  async manage(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Query('notice') notice: string | undefined,
    @Res() reply: KarvanReply,
  ) {
    await this.pages.manage(reply, me, id, { notice });
  }

  @ApiOperation({ summary: 'Change a cohort (its coordinators, admins).' })
  @ApiResult(200, { updated: 'string' })
  @Post('api/v1/cohorts/:id')
  @HttpCode(200)
  async update(@CurrentUser() me: Principal, @Param('id') id: string, @Body() dto: UpdateCohortDto) {
    await this.cohorts.updateCohort(me, id, cohortInput(dto));
    return { updated: id };
  }

  @ApiExcludeEndpoint()
  @Post('cohorts/:id')
  async updateForm(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const parsed = await parseForm(UpdateCohortDto, body);
    const errors = await submitForm(parsed, (v) => this.cohorts.updateCohort(me, id, cohortInput(v)));
    if (!errors) return reply.redirect(`/cohorts/${id}/manage?notice=saved`, 303);
    await this.pages.manage(reply, me, id, { cohort: { form: parsed.value, errors } }, 422);
  }

  @Access('cohort.staff.manage')
  @ApiOperation({ summary: 'Add a coordinator or reviewer to a cohort, by e-mail address.' })
  @ApiResult(200, { added: 'string' })
  @Post('api/v1/cohorts/:id/staff')
  @HttpCode(200)
  async addStaff(@CurrentUser() me: Principal, @Param('id') id: string, @Body() dto: AddStaffDto) {
    await this.cohorts.addStaff(me, id, dto.email, dto.role);
    return { added: dto.email };
  }

  @Access('cohort.staff.manage')
  @ApiExcludeEndpoint()
  @Post('cohorts/:id/staff')
  async addStaffForm(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const parsed = await parseForm(AddStaffDto, body);
    const errors = await submitForm(parsed, (v) => this.cohorts.addStaff(me, id, v.email, v.role));
    if (!errors) return reply.redirect(`/cohorts/${id}/manage?notice=staff`, 303);
    await this.pages.manage(reply, me, id, { staff: { form: parsed.value, errors } }, 422);
  }

  @Access('cohort.staff.manage')
  @ApiOperation({ summary: 'Take a coordinator or reviewer off a cohort; their reviews stay.' })
  @ApiResult(200, { removed: 'string' })
  @Post('api/v1/cohorts/:id/staff/delete')
  @HttpCode(200)
  async removeStaff(@CurrentUser() me: Principal, @Param('id') id: string, @Body() dto: RemoveStaffDto) {
    await this.cohorts.removeStaff(me, id, dto.userId, dto.role);
    return { removed: dto.userId };
  }

  @Access('cohort.staff.manage')
  @ApiExcludeEndpoint()
  @Post('cohorts/:id/staff/delete')
  async removeStaffForm(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const { value, errors } = await parseForm(RemoveStaffDto, body);
    if (errors) throw new DomainError('invalid', 'staff_invalid', 'Choose a person from the staff list.');
    await this.cohorts.removeStaff(me, id, value.userId, value.role);
    await reply.redirect(`/cohorts/${id}/manage?notice=staffRemoved#staff-heading`, 303);
  }
}
