import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CoursesError,
  CoursesErrorCode,
  CoursesService,
  ModulesService,
  QuizTransferService,
  type Principal,
} from '@karvan/domain';
import { CurrentUser, Access } from '../common/decorators.js';
import { renderPage } from '../common/render.js';
import { isApiRequest, type KarvanReply, type KarvanRequest } from '../common/request-context.js';
import { problemsByLine } from './editor-view.js';
import { ApiFile, ApiObject, ApiUpload } from '../common/openapi.js';

const MAX_GIFT_BYTES = 2 * 1024 * 1024;

/** Moodle question banks: GIFT into a module's quiz (for review, then Save), and the quiz out as GIFT. */
@ApiTags('authoring')
@ApiBearerAuth()
@Access('course.edit')
@Controller()
export class GiftController {
  constructor(
    private readonly transfer: QuizTransferService,
    private readonly courses: CoursesService,
    private readonly modules: ModulesService,
  ) {}

  @ApiFile('text/plain', 'The quiz in GIFT format.')
  @Get([
    'authoring/courses/:course/modules/:module/quiz.gift',
    'api/v1/authoring/courses/:course/modules/:module/quiz.gift',
  ])
  async export(
    @CurrentUser() me: Principal,
    @Param('course') course: string,
    @Param('module') module: string,
    @Res() reply: KarvanReply,
  ) {
    const gift = await this.transfer.exportGift(me, course, module);
    await reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('content-disposition', `attachment; filename="${module}.gift.txt"`)
      .send(gift);
  }

  /** Reads a GIFT file into the module's quiz and shows the result unsaved, with what was taken and what not. */
  @Post(['authoring/courses/:course/modules/:module/gift', 'api/v1/authoring/courses/:course/modules/:module/gift'])
  @ApiUpload()
  @ApiObject('The quiz as Markdown, unsaved, with the questions taken and skipped.')
  async import(
    @CurrentUser() me: Principal,
    @Param('course') courseSlug: string,
    @Param('module') slug: string,
    @Req() request: KarvanRequest,
    @Res() reply: KarvanReply,
  ) {
    const course = await this.courses.getEditable(me, courseSlug);
    const file = await request.file({ limits: { fileSize: MAX_GIFT_BYTES, files: 1 } });
    if (!file) throw new CoursesError(CoursesErrorCode.ContentInvalid, 'Choose a GIFT file to import.');
    const proposal = await this.transfer.proposeFromGift(
      me,
      courseSlug,
      slug,
      (await file.toBuffer()).toString('utf8'),
    );
    if (isApiRequest(request)) return reply.status(200).send(proposal);
    const preview = await this.modules.preview(me, course, slug, proposal.markdown);
    const current = await this.modules.source(me, course, slug);
    await renderPage(reply, 'pages/authoring/editor', {
      course,
      slug,
      revision: current.number,
      baseRevision: current.number,
      markdown: proposal.markdown,
      ...preview,
      annotated: problemsByLine(proposal.markdown, preview.problems, request.karvan.locale),
      gift: { taken: proposal.taken, skipped: proposal.skipped },
    });
  }
}
