import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { LearningError, LearningErrorCode, RegradeService, type Principal } from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import { parseForm, type FieldErrors } from '../common/forms.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply } from '../common/request-context.js';
import { typedPoints } from './essay-grading.dto.js';

class OverrideForm {
  @IsString() @MaxLength(100) question: string;
  @IsString() @MaxLength(20) points: string;
  @IsString() @MaxLength(500) reason: string;
}

/**
 * Trainers' pages for changing grades after submission: fix a key and regrade a question (asked to
 * confirm, then a report), and override one answer's points with a reason (reviewed, then confirmed).
 */
@ApiExcludeController()
@Access('course.edit')
@Controller()
export class GradeChangesPagesController {
  constructor(private readonly regrades: RegradeService) {}

  @Get('courses/:course/modules/:module/questions/:question/regrade')
  @Render('pages/learning/regrade')
  async regradePage(
    @CurrentUser() me: Principal,
    @Param('course') course: string,
    @Param('module') module: string,
    @Param('question') question: string,
  ) {
    return { course, module, question: await this.regrades.question(me, course, module, question) };
  }

  @Post('courses/:course/modules/:module/questions/:question/regrade')
  async regrade(
    @CurrentUser() me: Principal,
    @Param('course') course: string,
    @Param('module') module: string,
    @Param('question') question: string,
    @Res() reply: KarvanReply,
  ) {
    const report = await this.regrades.regrade(me, course, module, question);
    await reply.redirect(
      `/courses/${course}/modules/${module}/questions/${encodeURIComponent(question)}/regrade/reports/${report.id}`,
      303,
    );
  }

  @Get('courses/:course/modules/:module/questions/:question/regrade/reports/:id')
  @Render('pages/learning/regrade-report')
  async report(
    @CurrentUser() me: Principal,
    @Param('course') course: string,
    @Param('module') module: string,
    @Param('question') question: string,
    @Param('id', new ParseUUIDPipe()) id: string,
  ) {
    const [asked, report] = await Promise.all([
      this.regrades.question(me, course, module, question),
      this.regrades.report(me, course, module, id),
    ]);
    return { course, module, question: asked, report };
  }

  @Get('attempts/:id/override')
  async overridePage(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() reply: KarvanReply,
    @Query('done') done?: string,
  ) {
    await this.showForm(reply, me, id, { done: done === '1' });
  }

  /** The first step: checks the form and shows what will change, to be confirmed. */
  @Post('attempts/:id/override')
  async review(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const checked = await this.check(me, id, body);
    if ('errors' in checked) return this.showForm(reply, me, id, checked, 400);
    await renderPage(reply, 'pages/learning/override-confirm', checked);
  }

  @Post('attempts/:id/override/confirm')
  async confirm(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const checked = await this.check(me, id, body);
    if ('errors' in checked) return this.showForm(reply, me, id, checked, 400);
    try {
      await this.regrades.override(me, id, checked.question.key, checked.points, checked.reason);
    } catch (error) {
      if (!(error instanceof LearningError) || error.code !== (LearningErrorCode.InvalidOverride as string))
        throw error;
      return this.showForm(
        reply,
        me,
        id,
        { ...checked.typed, errors: { points: 'error.grade_override_invalid' } },
        400,
      );
    }
    await reply.redirect(`/attempts/${id}/override?done=1`, 303);
  }

  private async check(me: Principal, id: string, body: unknown) {
    const attempt = await this.regrades.attemptGrades(me, id);
    const { value, errors } = await parseForm(OverrideForm, body);
    const typed = { question: value.question, points: value.points, reason: value.reason };
    const problems: FieldErrors = { ...errors };
    const question = attempt.questions.find((q) => q.key === value.question);
    if (!question) problems.question = 'validation.choice';
    const points = typedPoints(value.points);
    if (points === undefined || points === null || (question && points > question.points)) {
      problems.points = 'error.grade_override_invalid';
    }
    if (!value.reason?.trim()) problems.reason = 'validation.required';
    if (Object.keys(problems).length > 0) return { ...typed, errors: problems };
    return { attempt, question: question!, points: points!, reason: value.reason.trim(), typed };
  }

  private async showForm(
    reply: KarvanReply,
    me: Principal,
    id: string,
    form: { done?: boolean; question?: string; points?: string; reason?: string; errors?: FieldErrors },
    status = 200,
  ): Promise<void> {
    const attempt = await this.regrades.attemptGrades(me, id);
    const questions = attempt.questions.map((q) => ({ ...q, selected: q.key === form.question }));
    await renderPage(reply, 'pages/learning/override', { attempt, questions, form }, status);
  }
}
