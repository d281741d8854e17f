import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { SelectionService, type Principal } from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import { parseForm } from '../common/forms.js';
import type { KarvanReply } from '../common/request-context.js';
import { safeRedirectPath } from '../common/safe-redirect.js';
import { DecisionDto, DecisionResultQuery, NAMED_REFUSALS, ReviewDto, ReviewFormDto } from './dto/selection.dto.js';
import { gather } from './form-body.js';
import { submitForm } from './form-submit.js';
import { SummerPages } from './page-views.js';
import { ApiList, ApiObject, ApiResult } from '../common/openapi.js';

/** Choosing the participants: reviewers score applications, coordinators rank and decide. */
@ApiTags('summer schools')
@ApiBearerAuth()
@Access('cohort.manage')
@Controller()
export class SelectionController {
  constructor(
    private readonly selection: SelectionService,
    private readonly pages: SummerPages,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Access('application.review')
  @ApiExcludeEndpoint()
  @Get('cohorts/:id/review')
  async reviewPage(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Query('filter') filter: string | undefined,
    @Query('notice') notice: string | undefined,
    @Res() reply: KarvanReply,
  ) {
    await this.pages.review(reply, me, id, undefined, 200, { filter, notice });
  }

  @Access('application.review')
  @ApiOperation({ summary: 'The applications a reviewer scores, with their own scores.' })
  @ApiList('Applications to score, with my scores.')
  @Get('api/v1/cohorts/:id/reviews')
  reviews(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.selection.toReview(me, id);
  }

  @Access('application.review')
  @ApiOperation({ summary: 'Score an application on the rubric (the cohort’s reviewers).' })
  @ApiResult(200, { reviewed: 'string' })
  @Post('api/v1/applications/:id/review')
  @HttpCode(200)
  async review(@CurrentUser() me: Principal, @Param('id') id: string, @Body() dto: ReviewDto) {
    await this.selection.review(me, id, dto.scores, dto.comment);
    return { reviewed: id };
  }

  @Access('application.review')
  @ApiExcludeEndpoint()
  @Post('applications/:id/review')
  async reviewForm(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const parsed = await parseForm(ReviewFormDto, gather(body, 's-', 'scores'));
    const back = new URL(
      safeRedirectPath(parsed.value.back, this.config.baseUrl, '/summer-schools'),
      this.config.baseUrl,
    );
    const errors = await submitForm(parsed, (v) => this.selection.review(me, id, v.scores, v.comment));
    if (errors) return this.pages.reviewAgain(reply, me, back.pathname, errors);
    await reply.redirect(`${back.pathname}?notice=reviewed#app-${id}`, 303);
  }

  @Access('application.decide')
  @ApiExcludeEndpoint()
  @Get('cohorts/:id/ranking')
  async rankingPage(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Query() query: DecisionResultQuery,
    @Res() reply: KarvanReply,
  ) {
    await this.pages.ranking(reply, me, id, { result: query.decided ? query : undefined });
  }

  @Access('application.decide')
  @ApiOperation({ summary: 'Applications ranked by average score, with the reviewers’ spread.' })
  @ApiList('Applications by average score.')
  @Get('api/v1/cohorts/:id/ranking')
  ranking(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.selection.ranked(me, id);
  }

  @Access('application.decide')
  @ApiOperation({ summary: 'Accept, waitlist or reject applications in bulk, within capacity and quotas.' })
  @ApiObject('What was decided, and what was refused and why.')
  @Post('api/v1/cohorts/:id/decisions')
  @HttpCode(200)
  decide(@CurrentUser() me: Principal, @Param('id') id: string, @Body() dto: DecisionDto) {
    return this.selection.decide(me, id, dto.ids, dto.decision);
  }

  @Access('application.decide')
  @ApiExcludeEndpoint()
  @Post('cohorts/:id/decisions')
  async decideForm(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const { value, errors } = await parseForm(DecisionDto, body);
    if (errors) return this.pages.ranking(reply, me, id, { errors }, 422);
    const report = await this.selection.decide(me, id, value.ids, value.decision);
    // To a page of its own, so that reloading it shows the result and decides nothing again.
    const result = new URLSearchParams({ decided: value.decision, changed: String(report.changed.length) });
    const named = report.refused.slice(0, NAMED_REFUSALS);
    if (named.length) result.set('refused', named.map((r) => `${r.id}:${r.code}`).join(','));
    if (report.refused.length > named.length) result.set('more', String(report.refused.length - named.length));
    await reply.redirect(`/cohorts/${id}/ranking?${result.toString()}#decision-result`, 303);
  }
}
