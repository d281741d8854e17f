import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import {
  AttendanceService,
  CohortDashboardService,
  CohortsService,
  SelectionService,
  TimetableService,
  bakuLocal,
  translate,
  type Decision,
  type Principal,
} from '@karvan/domain';
import { Access, CurrentUser, RequestState } from '../common/decorators.js';
import { renderPage } from '../common/render.js';
import { respond } from '../common/respond.js';
import { safeRedirectPath } from '../common/safe-redirect.js';
import type { KarvanReply, KarvanRequest, RequestState as State } from '../common/request-context.js';
import { barChartSvg } from './bar-chart.js';
import { fields, text, wantsJson } from './form-body.js';

/**
 * Running a cohort: setup, staff, review, selection, timetable, attendance, dashboard. Every route
 * checks, through the services, that the caller coordinates (or reviews) this very cohort.
 */
@ApiTags('summer schools')
@ApiBearerAuth()
@Access('cohort.manage')
@Controller()
export class CohortStaffController {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly selection: SelectionService,
    private readonly timetable: TimetableService,
    private readonly attendance: AttendanceService,
    private readonly dashboards: CohortDashboardService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Access('programme.create')
  @ApiOperation({ summary: 'Create a programme (coordinators, admins).' })
  @Post(['programmes', 'api/v1/programmes'])
  async createProgramme(@CurrentUser() me: Principal, @Body() body: unknown, @Res() reply: KarvanReply) {
    const f = fields(body);
    const made = await this.cohorts.createProgramme(me, f.title ?? '', f.description ?? '');
    await respond(reply, made, '/summer-schools', 201);
  }

  @Access('cohort.create')
  @ApiOperation({ summary: 'Create a cohort of a programme; its creator coordinates it.' })
  @Post(['programmes/:id/cohorts', 'api/v1/programmes/:id/cohorts'])
  async createCohort(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const made = await this.cohorts.createCohort(me, id, body as never);
    await respond(reply, made, `/cohorts/${made.id}/manage`, 201);
  }

  @ApiExcludeEndpoint()
  @Get('cohorts/:id/manage')
  async manage(@CurrentUser() me: Principal, @Param('id') id: string, @Res() reply: KarvanReply) {
    const cohort = await this.cohorts.managed(me, id);
    await renderPage(reply, 'pages/summer/manage', {
      cohort,
      staff: await this.cohorts.staff(me, id),
      courses: cohort.courses.map((c) => c.slug).join(' '),
      quotas: Object.entries(cohort.quotas)
        .map(([k, v]) => `${k} = ${v}`)
        .join('\n'),
      opens: bakuLocal(cohort.opens_at),
      closes: bakuLocal(cohort.closes_at),
    });
  }

  @ApiOperation({ summary: 'Change a cohort (its coordinators, admins).' })
  @Post(['cohorts/:id', 'api/v1/cohorts/:id'])
  @HttpCode(200)
  async update(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    await this.cohorts.updateCohort(me, id, body as never);
    await respond(reply, { updated: id }, `/cohorts/${id}/manage?notice=saved`);
  }

  @Access('cohort.staff.manage')
  @ApiOperation({ summary: 'Add a coordinator or reviewer to a cohort, by e-mail address.' })
  @Post(['cohorts/:id/staff', 'api/v1/cohorts/:id/staff'])
  @HttpCode(200)
  async addStaff(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const f = fields(body);
    await this.cohorts.addStaff(me, id, f.email ?? '', f.role === 'coordinator' ? 'coordinator' : 'reviewer');
    await respond(reply, { added: f.email }, `/cohorts/${id}/manage?notice=staff`);
  }

  @Access('application.review')
  @ApiExcludeEndpoint()
  @Get('cohorts/:id/review')
  async reviewPage(@CurrentUser() me: Principal, @Param('id') id: string, @Res() reply: KarvanReply) {
    const cohort = await this.cohorts.cohort(id);
    const items = await this.selection.toReview(me, id);
    await renderPage(reply, 'pages/summer/review', {
      cohort,
      items: items.map((item) => ({
        ...item,
        answers: cohort.form
          .filter((f) => f.type !== 'file')
          .map((f) => ({ label: f.label, value: [item.answers[f.key] ?? ''].flat().join('; ') })),
        criteria: cohort.rubric.map((c) => ({ ...c, value: item.mine?.scores[c.key] ?? '' })),
      })),
    });
  }

  @Access('application.review')
  @ApiOperation({ summary: 'The applications a reviewer scores, with their own scores.' })
  @Get('api/v1/cohorts/:id/reviews')
  reviews(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.selection.toReview(me, id);
  }

  @Access('application.review')
  @ApiOperation({ summary: 'Score an application on the rubric (the cohort’s reviewers).' })
  @Post(['applications/:id/review', 'api/v1/applications/:id/review'])
  @HttpCode(200)
  async review(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const raw = (body ?? {}) as Record<string, unknown>;
    const scores =
      (raw.scores as Record<string, unknown>) ??
      Object.fromEntries(
        Object.entries(raw)
          .filter(([k]) => k.startsWith('s-'))
          .map(([k, v]) => [k.slice(2), v]),
      );
    await this.selection.review(me, id, scores, text(raw.comment));
    const back = new URL(safeRedirectPath(raw.back, this.config.baseUrl, '/summer-schools'), this.config.baseUrl);
    await respond(reply, { reviewed: id }, `${back.pathname}?notice=reviewed#app-${id}`);
  }

  @Access('application.decide')
  @ApiExcludeEndpoint()
  @Get('cohorts/:id/ranking')
  async rankingPage(@CurrentUser() me: Principal, @Param('id') id: string, @Res() reply: KarvanReply) {
    const ranked = await this.selection.ranked(me, id);
    await renderPage(reply, 'pages/summer/ranking', { cohort: await this.cohorts.cohort(id), ranked });
  }

  @Access('application.decide')
  @ApiOperation({ summary: 'Applications ranked by average score, with the reviewers’ spread.' })
  @Get('api/v1/cohorts/:id/ranking')
  ranking(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.selection.ranked(me, id);
  }

  @Access('application.decide')
  @ApiOperation({ summary: 'Accept, waitlist or reject applications in bulk, within capacity and quotas.' })
  @Post(['cohorts/:id/decisions', 'api/v1/cohorts/:id/decisions'])
  @HttpCode(200)
  async decide(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: KarvanRequest,
    @Res() reply: KarvanReply,
  ) {
    const raw = (body ?? {}) as Record<string, unknown>;
    const ids = [raw.ids ?? raw.applications ?? []].flat().map(String);
    const report = await this.selection.decide(me, id, ids, text(raw.decision) as Decision);
    if (wantsJson(req.url)) return reply.send(report);
    const ranked = await this.selection.ranked(me, id);
    await renderPage(reply, 'pages/summer/ranking', { cohort: await this.cohorts.cohort(id), ranked, report });
  }

  @ApiExcludeEndpoint()
  @Get('cohorts/:id/sessions')
  async sessionsPage(@CurrentUser() me: Principal, @Param('id') id: string, @Res() reply: KarvanReply) {
    const cohort = await this.cohorts.managed(me, id);
    await renderPage(reply, 'pages/summer/sessions', { cohort, days: await this.timetable.days(id) });
  }

  @ApiOperation({ summary: 'Add a session to the timetable.' })
  @Post(['cohorts/:id/sessions', 'api/v1/cohorts/:id/sessions'])
  async addSession(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const made = await this.timetable.add(me, id, body as never);
    await respond(reply, made, `/cohorts/${id}/sessions?notice=added`, 201);
  }

  @ApiOperation({ summary: 'Change a session; members are told by e-mail.' })
  @Post(['sessions/:id', 'api/v1/sessions/:id'])
  @HttpCode(200)
  async updateSession(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    await this.timetable.update(me, id, body as never);
    await respond(reply, { updated: id }, `/sessions/${id}/register?notice=saved`);
  }

  @ApiOperation({ summary: 'Remove a session; members are told by e-mail.' })
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
  async registerPage(@CurrentUser() me: Principal, @Param('id') id: string, @Res() reply: KarvanReply) {
    const register = await this.attendance.register(me, id);
    await renderPage(reply, 'pages/summer/register', {
      ...register,
      cohort: await this.cohorts.cohort(register.session.cohort_id),
      starts: bakuLocal(register.session.starts_at),
      ends: bakuLocal(register.session.ends_at),
      rows: register.rows.map((r) => ({
        ...r,
        choices: ['present', 'late', 'excused', 'absent'].map((s) => ({ value: s, checked: r.status === s })),
      })),
    });
  }

  @Access('attendance.mark')
  @ApiOperation({ summary: 'The register of a session.' })
  @Get('api/v1/sessions/:id/attendance')
  register(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.attendance.register(me, id);
  }

  @Access('attendance.mark')
  @ApiOperation({ summary: 'Mark attendance: optionally everyone present, then the exceptions.' })
  @Post(['sessions/:id/register', 'api/v1/sessions/:id/attendance'])
  @HttpCode(200)
  async mark(@CurrentUser() me: Principal, @Param('id') id: string, @Body() body: unknown, @Res() reply: KarvanReply) {
    const raw = (body ?? {}) as Record<string, unknown>;
    const marks =
      (raw.marks as Record<string, string>) ??
      Object.fromEntries(
        Object.entries(raw)
          .filter(([k]) => k.startsWith('m-'))
          .map(([k, v]) => [k.slice(2), String(v)]),
      );
    const allPresent = raw.allPresent === true || raw.action === 'all-present';
    const count = await this.attendance.mark(me, id, allPresent ? {} : marks, allPresent);
    await respond(reply, { marked: count }, `/sessions/${id}/register?notice=marked`);
  }

  @ApiExcludeEndpoint()
  @Get('cohorts/:id/dashboard')
  async dashboardPage(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @RequestState() state: State,
    @Res() reply: KarvanReply,
  ) {
    const board = await this.dashboards.dashboard(me, id);
    const statusLabel = (status: string) => translate(state.locale, `summer.status.${status}`);
    await renderPage(reply, 'pages/summer/dashboard', {
      board,
      refresh: board.certificates.pending > 0,
      certificatePercent: board.certificates.completed
        ? Math.round((100 * board.certificates.issued) / board.certificates.completed)
        : 0,
      charts: {
        status: barChartSvg(
          'chart-status',
          translate(state.locale, 'summer.byStatus'),
          board.byStatus.map((s) => ({ label: statusLabel(s.status), value: s.count })),
        ),
        sessions: barChartSvg(
          'chart-sessions',
          `${translate(state.locale, 'summer.perSession')} (%)`,
          board.sessions.map((s) => ({ label: s.title, value: s.percent ?? 0 })),
          100,
        ),
        participants: barChartSvg(
          'chart-participants',
          `${translate(state.locale, 'summer.perParticipant')} (%)`,
          board.participants.map((p) => ({ label: p.name, value: p.percent ?? 0 })),
          100,
        ),
      },
    });
  }

  @ApiOperation({ summary: 'A cohort’s figures: applications, capacity, attendance, course progress.' })
  @Get('api/v1/cohorts/:id/dashboard')
  dashboard(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.dashboards.dashboard(me, id);
  }

  @ApiOperation({ summary: 'Applications with their answers and scores as CSV.' })
  @Get(['cohorts/:id/applications.csv', 'api/v1/cohorts/:id/applications.csv'])
  async applicationsCsv(@CurrentUser() me: Principal, @Param('id') id: string, @Res() reply: KarvanReply) {
    await sendCsv(reply, 'applications', await this.dashboards.applicationsCsv(me, id));
  }

  @ApiOperation({ summary: 'Participants with attendance and course progress as CSV.' })
  @Get(['cohorts/:id/participants.csv', 'api/v1/cohorts/:id/participants.csv'])
  async participantsCsv(@CurrentUser() me: Principal, @Param('id') id: string, @Res() reply: KarvanReply) {
    await sendCsv(reply, 'participants', await this.dashboards.participantsCsv(me, id));
  }

  @Access('certificate.manage')
  @ApiOperation({ summary: 'Issue certificates for every completion that has none yet.' })
  @Post(['cohorts/:id/certificates/issue', 'api/v1/cohorts/:id/certificates/issue'])
  @HttpCode(202)
  async issue(@CurrentUser() me: Principal, @Param('id') id: string, @Res() reply: KarvanReply) {
    const queued = await this.dashboards.issueCertificates(me, id);
    await respond(reply, { queued }, `/cohorts/${id}/dashboard`, 202);
  }
}

async function sendCsv(reply: KarvanReply, what: string, csv: string): Promise<void> {
  await reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="cohort-${what}.csv"`)
    .send(`\uFEFF${csv}`);
}
