import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CatalogueService, EnrolmentsService, type Principal } from '@karvan/domain';
import { Access, CurrentUser, RequestState } from '../common/decorators.js';
import { ApiList, ApiResult } from '../common/openapi.js';
import type { RequestState as State } from '../common/request-context.js';
import { CatalogueQuery, EnrolDto } from './learning.dto.js';

/** The catalogue and one's own enrolment, for API clients (the pages have their own forms). */
@ApiTags('learning')
@ApiBearerAuth()
@Access('learning.participate')
@Controller('api/v1/courses')
export class EnrolmentApiController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly enrolments: EnrolmentsService,
  ) {}

  /** Published courses, in the reader's language where translated. */
  @Access('public')
  @ApiList('The published courses.')
  @Get()
  list(@RequestState() state: State, @Query() query: CatalogueQuery) {
    return this.catalogue.list(state.locale, query.language);
  }

  /** Enrols the caller: at once in an open course or with the right key, as a request in an approval course. */
  @ApiResult(201, { status: 'string' })
  @Post(':course/enrolment')
  async enrol(@CurrentUser() me: Principal, @Param('course') slug: string, @Body() body: EnrolDto) {
    return { status: await this.enrolments.enrol(me, slug, body.key) };
  }

  /** Leaves the course; progress is kept should the caller come back. */
  @ApiResult(200, { status: 'string' })
  @Delete(':course/enrolment')
  @HttpCode(200)
  async leave(@CurrentUser() me: Principal, @Param('course') slug: string) {
    await this.enrolments.unenrol(me, slug);
    return { status: 'withdrawn' };
  }
}
