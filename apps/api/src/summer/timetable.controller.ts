import { Body, Controller, Get, HttpCode, Param, Post, Res, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AttendanceService, TimetableService, type Principal } from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import { parseForm } from '../common/forms.js';
import type { KarvanReply } from '../common/request-context.js';
import { respond } from '../common/respond.js';
import { AttendanceDto, SessionDto } from './dto/session.dto.js';
import { gather } from './form-body.js';
import { submitForm } from './form-submit.js';
import { SummerPages } from './page-views.js';
import { ApiObject, ApiResult } from '../common/openapi.js';

/** A cohort's timetable and the registers of its sessions. */
@ApiTags('summer schools')
@ApiBearerAuth()
@Access('cohort.manage')
@Controller()
export class TimetableController {
  constructor(
    private readonly timetable: TimetableService,
    private readonly attendance: AttendanceService,
    private readonly pages: SummerPages,
  ) {}

  @ApiExcludeEndpoint()
  @Get('cohorts/:id/sessions')
  async sessionsPage(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Query('notice') notice: string | undefined,
    @Res() reply: KarvanReply,
  ) {
    await this.pages.sessions(reply, me, id, { notice });
  }

  @ApiOperation({ summary: 'Add a session to the timetable.' })
  @ApiObject('The session added.', 201)
  @Post('api/v1/cohorts/:id/sessions')
  addSession(@CurrentUser() me: Principal, @Param('id') id: string, @Body() dto: SessionDto) {
    return this.timetable.add(me, id, dto);
  }

  @ApiExcludeEndpoint()
  @Post('cohorts/:id/sessions')
  async addSessionForm(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const parsed = await parseForm(SessionDto, body);
    const errors = await submitForm(parsed, (v) => this.timetable.add(me, id, v));
    if (!errors) return reply.redirect(`/cohorts/${id}/sessions?notice=added`, 303);
    await this.pages.sessions(reply, me, id, { form: parsed.value, errors }, 422);
  }

  @ApiOperation({ summary: 'Change a session; members are told by e-mail.' })
  @ApiResult(200, { updated: 'string' })
  @Post('api/v1/sessions/:id')
  @HttpCode(200)
  async updateSession(@CurrentUser() me: Principal, @Param('id') id: string, @Body() dto: SessionDto) {
    await this.timetable.update(me, id, dto);
    return { updated: id };
  }

  @ApiExcludeEndpoint()
  @Post('sessions/:id')
  async updateSessionForm(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const parsed = await parseForm(SessionDto, body);
    const errors = await submitForm(parsed, (v) => this.timetable.update(me, id, v));
    if (!errors) return reply.redirect(`/sessions/${id}/register?notice=saved`, 303);
    await this.pages.register(reply, me, id, { session: { form: parsed.value, errors } }, 422);
  }

  @ApiOperation({ summary: 'Remove a session; members are told by e-mail.' })
  @ApiResult(200, { removed: 'string' })
  @Post(['sessions/:id/delete', 'api/v1/sessions/:id/delete'])
  @HttpCode(200)
  async removeSession(@CurrentUser() me: Principal, @Param('id') id: string, @Res() reply: KarvanReply) {
    const { session } = await this.attendance.register(me, id);
    await this.timetable.remove(me, id);
    await respond(reply, { removed: id }, `/cohorts/${session.cohort_id}/sessions?notice=removed`);
  }

  @Access('attendance.mark')
  @ApiExcludeEndpoint()
  @Get('sessions/:id/register')
  async registerPage(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Query('notice') notice: string | undefined,
    @Res() reply: KarvanReply,
  ) {
    await this.pages.register(reply, me, id, { notice });
  }

  @Access('attendance.mark')
  @ApiOperation({ summary: 'The register of a session.' })
  @ApiObject('The session and its register.')
  @Get('api/v1/sessions/:id/attendance')
  register(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.attendance.register(me, id);
  }

  @Access('attendance.mark')
  @ApiOperation({ summary: 'Mark attendance: optionally everyone present, then the exceptions.' })
  @ApiResult(200, { marked: 'integer' })
  @Post('api/v1/sessions/:id/attendance')
  @HttpCode(200)
  async mark(@CurrentUser() me: Principal, @Param('id') id: string, @Body() dto: AttendanceDto) {
    return { marked: await this.markAll(me, id, dto) };
  }

  @Access('attendance.mark')
  @ApiExcludeEndpoint()
  @Post('sessions/:id/register')
  async markForm(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const parsed = await parseForm(AttendanceDto, gather(body, 'm-', 'marks'));
    const errors = await submitForm(parsed, (v) => this.markAll(me, id, v));
    if (!errors) return reply.redirect(`/sessions/${id}/register?notice=marked`, 303);
    await this.pages.register(reply, me, id, { marks: errors }, 422);
  }

  /** Everyone present replaces the exceptions, as the register's first button does. */
  private markAll(me: Principal, id: string, dto: AttendanceDto): Promise<number> {
    const allPresent = dto.allPresent === true;
    return this.attendance.mark(me, id, allPresent ? {} : (dto.marks ?? {}), allPresent);
  }
}
