import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { LearningError, LearningErrorCode, QuizAttemptsService, type Principal } from '@karvan/domain';
import { Access, CurrentUser, RequestState } from '../common/decorators.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply, KarvanRequest, RequestState as State } from '../common/request-context.js';
import { questionsForPage, responsesFromForm } from './quiz-form.js';
import { readAttemptForm } from './quiz-upload.js';

/** Refusals that show the form again with what was typed, rather than an error page. */
const SHOWN_AGAIN = new Set<string>([LearningErrorCode.InvalidResponses, LearningErrorCode.InvalidAttachment]);
/** A submission after the deadline: the attempt's own page says what became of it. */
const RAN_OUT: string = LearningErrorCode.TimeRanOut;

/** Quizzes in the browser: the attempts page, an attempt to answer, and its result. Works without JavaScript. */
@ApiExcludeController()
@Access('learning.participate')
@Controller()
export class QuizPagesController {
  constructor(private readonly attempts: QuizAttemptsService) {}

  @Get('courses/:course/modules/:module/quiz')
  @Render('pages/learning/quiz')
  async quiz(@CurrentUser() me: Principal, @Param('course') course: string, @Param('module') module: string) {
    return { course, module, summary: await this.attempts.attemptsFor(me, course, module) };
  }

  @Post('courses/:course/modules/:module/quiz')
  async start(
    @CurrentUser() me: Principal,
    @Param('course') course: string,
    @Param('module') module: string,
    @Res() reply: KarvanReply,
  ) {
    const { attempt } = await this.attempts.start(me, course, module);
    await reply.redirect(`/attempts/${attempt.id}`, 303);
  }

  @Get('attempts/:id')
  @Render('pages/learning/attempt')
  async attempt(
    @CurrentUser() me: Principal,
    @RequestState() state: State,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query('completed') completed?: string,
  ) {
    // In the reader's language where the module's translation has the same quiz (`inLanguage`).
    const view = await this.attempts.view(me, id, state.locale);
    return { view, questions: questionsForPage(view), completedCourse: completed === '1', ...formOf(view) };
  }

  @Post('attempts/:id')
  async submit(
    @CurrentUser() me: Principal,
    @RequestState() state: State,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: KarvanRequest,
    @Res() reply: KarvanReply,
  ) {
    const view = await this.attempts.view(me, id, state.locale);
    const { fields, files } = await readAttemptForm(request);
    const responses = responsesFromForm(view, fields);
    try {
      const outcome = await this.attempts.submit(me, id, responses, files);
      const completed = outcome.completion?.newlyRecorded ? '?completed=1' : '';
      await reply.redirect(`/attempts/${id}${completed}`, 303);
    } catch (error) {
      // Sent after the time ran out: the attempt is closed, and its page says so, with the way on.
      if (error instanceof LearningError && error.code === RAN_OUT) return reply.redirect(`/attempts/${id}`, 303);
      if (!(error instanceof LearningError) || !SHOWN_AGAIN.has(error.code)) throw error;
      // Nothing was submitted: the form comes back with every answer as typed and the problem on top.
      const fields = Object.keys((error.details as Record<string, string> | undefined) ?? {});
      const message = `error.${error.code}`;
      const problems = fields.length
        ? fields.map((field) => ({ message, href: `#${field.startsWith('file-') ? field : `q-${field}`}` }))
        : [{ message }];
      await renderPage(
        reply,
        'pages/learning/attempt',
        { view, questions: questionsForPage(view, responses), problems, ...formOf(view) },
        400,
      );
    }
  }

  /** The file the caller attached to an essay of their own attempt. */
  @Get('attempts/:id/files/:question')
  async file(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('question') question: string,
    @Res() reply: KarvanReply,
  ) {
    const file = await this.attempts.file(me, id, question);
    await reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${encodeURIComponent(file.filename)}"`)
      .send(file.bytes);
  }
}

/** A form with a file input is sent as multipart, its CSRF token in the URL (the body is streamed). */
function formOf(view: { questions: Array<{ type: string; file?: boolean }> }) {
  return { multipart: view.questions.some((q) => q.type === 'essay' && q.file === true) };
}
