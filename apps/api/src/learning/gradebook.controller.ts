import { Controller, Get, Param, Render, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import {
  formatNumber,
  gradebookTable,
  GradebookService,
  ItemAnalysisService,
  itemAnalysisCsv,
  MyLearningService,
  translate,
  type Principal,
} from '@karvan/domain';
import { Access, CurrentUser, RequestState } from '../common/decorators.js';
import type { KarvanReply, KarvanRequest, RequestState as State } from '../common/request-context.js';
import { formatOf, sendTable } from '../common/send-table.js';
import { itemChartSvg } from './item-chart.js';
import { scoreChartSvg } from './score-chart.js';
import { ApiFile, ApiList, ApiObject } from '../common/openapi.js';

/** Progress views: a trainee's own ("My learning") and a course's gradebook for its staff. */
@ApiTags('learning')
@ApiBearerAuth()
@Access('gradebook.read')
@Controller()
export class GradebookController {
  constructor(
    private readonly gradebooks: GradebookService,
    private readonly myLearning: MyLearningService,
    private readonly items: ItemAnalysisService,
  ) {}

  @Access('signed-in')
  @ApiExcludeEndpoint()
  @Get('learning')
  @Render('pages/learning/my-learning')
  async mine(@CurrentUser() me: Principal, @RequestState() state: State) {
    return { courses: await this.myLearning.courses(me, state.locale) };
  }

  @Access('signed-in')
  @ApiList('My courses and my progress in each.')
  @Get('api/v1/me/learning')
  myCourses(@CurrentUser() me: Principal, @RequestState() state: State) {
    return this.myLearning.courses(me, state.locale);
  }

  @ApiExcludeEndpoint()
  @Get('courses/:course/gradebook')
  @Render('pages/learning/gradebook')
  async page(@CurrentUser() me: Principal, @Param('course') slug: string) {
    const book = await this.gradebooks.gradebook(me, slug);
    const charts = book.distributions.map((d, i) => ({
      ...d,
      svg: scoreChartSvg(`chart-${i}`, d.title, d.buckets),
      bands: d.buckets.map((count, b) => ({ from: b * 10, to: b === 9 ? 100 : b * 10 + 9, count })),
    }));
    return { book, charts };
  }

  /** Trainee × module: read, best score, attempts, passed. */
  @ApiObject('Trainees by module, and the score distributions.')
  @Get('api/v1/courses/:course/gradebook')
  json(@CurrentUser() me: Principal, @Param('course') slug: string) {
    return this.gradebooks.gradebook(me, slug);
  }

  @ApiFile('text/csv', 'The gradebook as CSV, or as an Excel workbook (.xlsx).')
  @Get([
    'courses/:course/gradebook.csv',
    'api/v1/courses/:course/gradebook.csv',
    'courses/:course/gradebook.xlsx',
    'api/v1/courses/:course/gradebook.xlsx',
  ])
  async csv(
    @CurrentUser() me: Principal,
    @Param('course') slug: string,
    @Req() request: KarvanRequest,
    @Res() reply: KarvanReply,
  ) {
    const book = await this.gradebooks.gradebook(me, slug);
    await sendTable(reply, gradebookTable(book), formatOf(request.url), `${slug}-gradebook`);
  }

  @ApiExcludeEndpoint()
  @Get('courses/:course/modules/:module/item-analysis')
  @Render('pages/learning/item-analysis')
  async itemPage(
    @CurrentUser() me: Principal,
    @RequestState() state: State,
    @Param('course') course: string,
    @Param('module') module: string,
  ) {
    const analysis = await this.items.analyse(me, course, module);
    const { locale } = state;
    const axes = {
      x: translate(locale, 'items.facility'),
      y: translate(locale, 'items.discrimination'),
      number: (value: number) => formatNumber(value, locale),
    };
    return { course, analysis, svg: itemChartSvg('items', analysis.module.title, analysis.items, axes) };
  }

  /** Per question: facility, discrimination, how often each option was chosen, and flags. */
  @ApiObject('How each question of the quiz works.')
  @Get('api/v1/courses/:course/modules/:module/item-analysis')
  itemJson(@CurrentUser() me: Principal, @Param('course') course: string, @Param('module') module: string) {
    return this.items.analyse(me, course, module);
  }

  @ApiFile('text/csv', 'The item analysis as CSV.')
  @Get([
    'courses/:course/modules/:module/item-analysis.csv',
    'api/v1/courses/:course/modules/:module/item-analysis.csv',
  ])
  async itemCsv(
    @CurrentUser() me: Principal,
    @Param('course') course: string,
    @Param('module') module: string,
    @Res() reply: KarvanReply,
  ) {
    const analysis = await this.items.analyse(me, course, module);
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${course}-${module}-items.csv"`)
      .send(`\uFEFF${itemAnalysisCsv(analysis.items)}`);
  }
}
