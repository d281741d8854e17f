import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CohortDashboardService, type Principal } from '@karvan/domain';
import { Access, CurrentUser, RequestState } from '../common/decorators.js';
import { respond } from '../common/respond.js';
import type { KarvanReply, KarvanRequest, RequestState as State } from '../common/request-context.js';
import { formatOf, sendTable } from '../common/send-table.js';
import { SummerPages } from './page-views.js';
import { ApiFile, ApiObject, ApiResult } from '../common/openapi.js';

/** A cohort's figures for its coordinators: the dashboard, the CSV exports, issuing certificates. */
@ApiTags('summer schools')
@ApiBearerAuth()
@Access('cohort.manage')
@Controller()
export class CohortDashboardController {
  constructor(
    private readonly dashboards: CohortDashboardService,
    private readonly pages: SummerPages,
  ) {}

  @ApiExcludeEndpoint()
  @Get('cohorts/:id/dashboard')
  async dashboardPage(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @RequestState() state: State,
    @Res() reply: KarvanReply,
  ) {
    await this.pages.dashboard(reply, me, id, state.locale);
  }

  @ApiOperation({ summary: 'A cohort’s figures: applications, capacity, attendance, course progress.' })
  @ApiObject('Applications, capacity, attendance and course progress.')
  @Get('api/v1/cohorts/:id/dashboard')
  dashboard(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.dashboards.dashboard(me, id);
  }

  @ApiOperation({ summary: 'Applications with their answers and scores as CSV, or as an Excel workbook (.xlsx).' })
  @ApiFile('text/csv', 'The applications.')
  @Get([
    'cohorts/:id/applications.csv',
    'api/v1/cohorts/:id/applications.csv',
    'cohorts/:id/applications.xlsx',
    'api/v1/cohorts/:id/applications.xlsx',
  ])
  async applicationsCsv(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Req() request: KarvanRequest,
    @Res() reply: KarvanReply,
  ) {
    const table = await this.dashboards.applicationsTable(me, id);
    await sendTable(reply, table, formatOf(request.url), 'cohort-applications');
  }

  @ApiOperation({
    summary: 'Participants with attendance and course progress as CSV, or as an Excel workbook (.xlsx).',
  })
  @ApiFile('text/csv', 'The participants.')
  @Get([
    'cohorts/:id/participants.csv',
    'api/v1/cohorts/:id/participants.csv',
    'cohorts/:id/participants.xlsx',
    'api/v1/cohorts/:id/participants.xlsx',
  ])
  async participantsCsv(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Req() request: KarvanRequest,
    @Res() reply: KarvanReply,
  ) {
    const table = await this.dashboards.participantsTable(me, id);
    await sendTable(reply, table, formatOf(request.url), 'cohort-participants');
  }

  @Access('certificate.manage')
  @ApiOperation({ summary: 'Issue certificates for every completion that has none yet.' })
  @ApiResult(202, { queued: 'integer' })
  @Post(['cohorts/:id/certificates/issue', 'api/v1/cohorts/:id/certificates/issue'])
  @HttpCode(202)
  async issue(@CurrentUser() me: Principal, @Param('id') id: string, @Res() reply: KarvanReply) {
    const queued = await this.dashboards.issueCertificates(me, id);
    await respond(reply, { queued }, `/cohorts/${id}/dashboard`, 202);
  }
}
