import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { QuizAttemptsService, type Principal } from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import type { KarvanReply } from '../common/request-context.js';
import { questionsForPage, responsesFromForm } from './quiz-form.js';

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
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query('completed') completed?: string,
  ) {
    const view = await this.attempts.view(me, id);
    return { view, questions: questionsForPage(view), completedCourse: completed === '1' };
  }

  @Post('attempts/:id')
  async submit(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const view = await this.attempts.view(me, id);
    const form = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const outcome = await this.attempts.submit(me, id, responsesFromForm(view, form));
    const completed = outcome.completion?.newlyRecorded ? '?completed=1' : '';
    await reply.redirect(`/attempts/${id}${completed}`, 303);
  }
}
