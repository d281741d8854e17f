import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CohortDashboardService, translate, type Principal } from '@karvan/domain';
import { Access, CurrentUser, RequestState } from '../common/decorators.js';
import { renderPage } from '../common/render.js';
import { respond } from '../common/respond.js';
import type { KarvanReply, RequestState as State } from '../common/request-context.js';
import { barChartSvg } from './bar-chart.js';

/** A cohort's figures for its coordinators: the dashboard, the CSV exports, issuing certificates. */
@ApiTags('summer schools')
@ApiBearerAuth()
@Access('cohort.manage')
@Controller()
export class CohortDashboardController {
  constructor(private readonly dashboards: CohortDashboardService) {}

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
