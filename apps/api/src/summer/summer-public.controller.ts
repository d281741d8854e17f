import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CohortsService, isCohortStaff, isOpen, TimetableService } from '@karvan/domain';
import { Public, RequestState } from '../common/decorators.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply, RequestState as State } from '../common/request-context.js';
import { SummerPages } from './page-views.js';
import { ApiFile, ApiList, ApiObject } from '../common/openapi.js';
import { FeedQuery } from './dto/session.dto.js';

/** What anyone may read: the summer schools, each cohort's call and its timetable. */
@ApiTags('summer schools')
@Public()
@Controller()
export class SummerPublicController {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly timetable: TimetableService,
    private readonly pages: SummerPages,
  ) {}

  @ApiExcludeEndpoint()
  @Get('summer-schools')
  async list(@RequestState() state: State, @Res() reply: KarvanReply) {
    await this.pages.list(reply, state.principal);
  }

  @ApiOperation({ summary: 'Programmes with their cohorts.' })
  @ApiList('Programmes with their cohorts.')
  @Get('api/v1/programmes')
  programmes() {
    return this.cohorts.programmes();
  }

  @ApiExcludeEndpoint()
  @Get('cohorts/:id')
  async call(@RequestState() state: State, @Param('id') id: string, @Res() reply: KarvanReply) {
    const cohort = await this.cohorts.cohort(id);
    await renderPage(reply, 'pages/summer/call', {
      cohort: publicCohort(cohort),
      open: isOpen(cohort),
      // Its own staff are not offered a form they could not send.
      staff: !!state.principal && isCohortStaff(state.principal, cohort),
      timeZone: cohort.time_zone,
    });
  }

  @ApiOperation({ summary: 'A cohort’s call for applications: dates, place, capacity, window, form.' })
  @ApiObject('The call, and whether it is open.')
  @Get('api/v1/cohorts/:id')
  async cohort(@Param('id') id: string) {
    const cohort = await this.cohorts.cohort(id);
    return { ...publicCohort(cohort), open: isOpen(cohort) };
  }

  @ApiExcludeEndpoint()
  @Get('cohorts/:id/timetable')
  async timetablePage(@Param('id') id: string, @Res() reply: KarvanReply) {
    const cohort = await this.cohorts.cohort(id);
    await renderPage(reply, 'pages/summer/timetable', {
      cohort: publicCohort(cohort),
      days: await this.timetable.days(id),
      timeZone: cohort.time_zone,
    });
  }

  @ApiOperation({ summary: 'The timetable, day by day.' })
  @ApiList('Days, each with its sessions.')
  @Get('api/v1/cohorts/:id/timetable')
  days(@Param('id') id: string) {
    return this.timetable.days(id);
  }

  @ApiOperation({ summary: 'The timetable as an iCalendar feed.' })
  @ApiFile('text/calendar', 'The timetable.')
  @Get('cohorts/:id/timetable.ics')
  async ics(@Param('id') id: string, @Query() query: FeedQuery, @Res() reply: KarvanReply) {
    await reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="timetable-${id.slice(0, 8)}.ics"`)
      .send(await this.timetable.ics(id, query.lang));
  }
}

/** The call as the public sees it: without the review rubric. */
function publicCohort<T extends object>(cohort: T): Partial<T> {
  const hidden = new Set(['rubric', 'rubric_source', 'form_source', 'quotas']);
  return Object.fromEntries(Object.entries(cohort).filter(([key]) => !hidden.has(key))) as Partial<T>;
}
