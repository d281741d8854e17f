import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CohortDashboardService, type Principal } from '@karvan/domain';
import { Access, CurrentUser, RequestState } from '../common/decorators.js';
import { respond } from '../common/respond.js';
import type { KarvanReply, RequestState as State } from '../common/request-context.js';
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

  @ApiOperation({ summary: 'Applications with their answers and scores as CSV.' })
  @ApiFile('text/csv', 'The applications.')
  @Get(['cohorts/:id/applications.csv', 'api/v1/cohorts/:id/applications.csv'])
  async applicationsCsv(@CurrentUser() me: Principal, @Param('id') id: string, @Res() reply: KarvanReply) {
    await sendCsv(reply, 'applications', await this.dashboards.applicationsCsv(me, id));
  }

  @ApiOperation({ summary: 'Participants with attendance and course progress as CSV.' })
  @ApiFile('text/csv', 'The participants.')
  @Get(['cohorts/:id/participants.csv', 'api/v1/cohorts/:id/participants.csv'])
  async participantsCsv(@CurrentUser() me: Principal, @Param('id') id: string, @Res() reply: KarvanReply) {
    await sendCsv(reply, 'participants', await this.dashboards.participantsCsv(me, id));
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

async function sendCsv(reply: KarvanReply, what: string, csv: string): Promise<void> {
  await reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="cohort-${what}.csv"`)
    .send(`\uFEFF${csv}`);
}
