import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Render, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { EssayGradingService, LearningError, LearningErrorCode, type Principal } from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import { parseForm } from '../common/forms.js';
import { ApiFile, ApiObject } from '../common/openapi.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply } from '../common/request-context.js';
import { EssayGradeDto, EssayGradeForm, typedPoints } from './essay-grading.dto.js';

/** Essays graded by the course's trainers: the list to grade, an attempt's grading page, and the API. */
@ApiTags('quizzes')
@ApiBearerAuth()
@Access('attempt.grade')
@Controller()
export class EssayGradingController {
  constructor(private readonly essays: EssayGradingService) {}

  @ApiExcludeEndpoint()
  @Get('courses/:course/grading')
  @Render('pages/learning/grading-list')
  async listPage(@CurrentUser() me: Principal, @Param('course') course: string) {
    return { list: await this.essays.toGrade(me, course) };
  }

  /** The course's attempts whose essays wait for a grade, oldest first. */
  @ApiObject('The course and its attempts waiting for a grade.')
  @Get('api/v1/courses/:course/grading')
  list(@CurrentUser() me: Principal, @Param('course') course: string) {
    return this.essays.toGrade(me, course);
  }

  @ApiExcludeEndpoint()
  @Get('attempts/:id/grading')
  async page(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() reply: KarvanReply,
    @Query('saved') saved?: string,
  ) {
    await renderGrading(reply, await this.essays.get(me, id), {
      saved: saved === 'final' || saved === '1',
      final: saved === 'final',
    });
  }

  /** One attempt's essays: the question, the trainee's text and file, the rubric and any grade. */
  @ApiObject('The attempt’s essays with their rubric and grade.')
  @Get('api/v1/attempts/:id/grading')
  get(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.essays.get(me, id);
  }

  @ApiExcludeEndpoint()
  @Post('attempts/:id/grading/:question')
  async gradeForm(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('question') question: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const criteriaFields = Object.entries(fields).filter(([name]) => name.startsWith('criterion-'));
    const { value, errors } = await parseForm(EssayGradeForm, { points: fields.points, feedback: fields.feedback });
    const points = typedPoints(value.points);
    const criteria: Record<string, number> = {};
    const problems: Record<string, string> = { ...errors };
    if (points === undefined) problems.points = 'grading.invalidPoints';
    for (const [name, text] of criteriaFields) {
      const awarded = typedPoints(typeof text === 'string' ? text : '');
      if (awarded === undefined) problems[name] = 'grading.invalidPoints';
      else if (awarded !== null) criteria[name.slice('criterion-'.length)] = awarded;
    }
    const again = (fieldErrors: Record<string, string>) =>
      this.essays
        .get(me, id)
        .then((grading) => renderGrading(reply, grading, { errors: fieldErrors, question, typed: fields }, 400));
    if (Object.keys(problems).length > 0) return again(problems);
    try {
      const outcome = await this.essays.grade(me, id, question, {
        points: points ?? null,
        criteria,
        feedback: value.feedback ?? '',
      });
      await reply.redirect(`/attempts/${id}/grading?saved=${outcome.attemptGraded ? 'final' : '1'}`, 303);
    } catch (error) {
      if (!(error instanceof LearningError) || error.code !== (LearningErrorCode.InvalidEssayGrade as string))
        throw error;
      const fieldErrors = Object.fromEntries(
        Object.keys((error.details as Record<string, string>) ?? {}).map((key) => [
          key.replace(/^criteria\./, 'criterion-'),
          'error.essay_grade_invalid',
        ]),
      );
      return again(fieldErrors);
    }
  }

  /**
   * Grades one essay: points (0 to its maximum, or the sum of the criteria), criteria, feedback.
   * Grading again replaces the grade and is audited; the trainee is e-mailed once the attempt is graded.
   */
  @ApiObject('The attempt’s grading after the change, and whether the attempt is now graded.')
  @Post('api/v1/attempts/:id/essays/:question/grade')
  @HttpCode(200)
  grade(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('question') question: string,
    @Body() body: EssayGradeDto,
  ) {
    return this.essays.grade(me, id, question, {
      points: body.points ?? null,
      criteria: body.criteria,
      feedback: body.feedback,
    });
  }

  @ApiFile('application/octet-stream', 'The file the trainee attached to the essay.')
  @Get(['attempts/:id/grading/files/:question', 'api/v1/attempts/:id/essays/:question/file'])
  async file(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('question') question: string,
    @Res() reply: KarvanReply,
  ) {
    const file = await this.essays.file(me, id, question);
    await reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${encodeURIComponent(file.filename)}"`)
      .send(file.bytes);
  }
}

async function renderGrading(
  reply: KarvanReply,
  grading: Awaited<ReturnType<EssayGradingService['get']>>,
  extra: {
    saved?: boolean;
    final?: boolean;
    errors?: Record<string, string>;
    question?: string;
    typed?: Record<string, unknown>;
  },
  status = 200,
): Promise<void> {
  const essays = grading.essays.map((essay) => {
    const mine = extra.question === essay.questionKey;
    const typed = (name: string, fallback: string) =>
      mine && typeof extra.typed?.[name] === 'string' ? extra.typed[name] : fallback;
    const errors = mine ? (extra.errors ?? {}) : {};
    const field = (name: string) => `${essay.questionKey}-${name}`;
    return {
      ...essay,
      pointsField: field('points'),
      feedbackField: field('feedback'),
      points: typed('points', essay.grade ? String(essay.grade.points) : ''),
      pointsError: errors.points,
      feedback: typed('feedback', essay.grade?.feedback ?? ''),
      feedbackError: errors.feedback,
      criteria: essay.rubric.map((c) => ({
        ...c,
        field: field(`criterion-${c.id}`),
        name: `criterion-${c.id}`,
        value: typed(
          `criterion-${c.id}`,
          essay.grade?.criteria[c.id] !== undefined ? String(essay.grade.criteria[c.id]) : '',
        ),
        error: errors[`criterion-${c.id}`],
      })),
      problems: Object.entries(errors).map(([name, message]) => ({ message, href: `#${field(name)}` })),
    };
  });
  await renderPage(
    reply,
    'pages/learning/grading',
    { grading, essays, saved: extra.saved, final: extra.final },
    status,
  );
}
