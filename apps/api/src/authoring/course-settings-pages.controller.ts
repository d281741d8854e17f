import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  CourseSettingsService,
  CoursesError,
  CoursesService,
  EnrolmentsService,
  localiseProblems,
  type ContentProblem,
  type Principal,
} from '@karvan/domain';
import { CurrentUser, Access, RequestState } from '../common/decorators.js';
import { parseForm } from '../common/forms.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply, RequestState as State } from '../common/request-context.js';
import { CourseSettingsDto, settingsFromDto, settingsToDto } from './dto/course-settings.dto.js';

/** A course's settings page: title, summary, introduction, enrolment, completion and certificate. */
@ApiExcludeController()
@Access('course.edit')
@Controller('authoring/courses/:slug/settings')
export class CourseSettingsPagesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly settings: CourseSettingsService,
    private readonly enrolments: EnrolmentsService,
  ) {}

  @Get()
  async page(
    @CurrentUser() me: Principal,
    @Param('slug') slug: string,
    @Res() reply: KarvanReply,
    @Query('notice') notice?: string,
  ) {
    const course = await this.courses.getEditable(me, slug);
    const form = { ...settingsToDto(await this.settings.get(me, course)), key: '' };
    await this.show(reply, me, slug, { form, saved: notice === 'saved' }, 200);
  }

  @Post()
  async save(
    @CurrentUser() me: Principal,
    @Param('slug') slug: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
    @RequestState() state: State,
  ) {
    await this.courses.getEditable(me, slug); // who may, before what was sent
    const { value, errors } = await parseForm(CourseSettingsDto, body);
    const form = { ...value, key: '' };
    if (errors) return this.show(reply, me, slug, { form, errors }, 422);
    try {
      await this.settings.update(me, slug, settingsFromDto(value));
    } catch (error) {
      if (!(error instanceof CoursesError) || !Array.isArray(error.details)) throw error;
      const found = localiseProblems(state.locale, error.details as ContentProblem[]);
      const problem = found.map((p) => p.message).join('; ') || undefined;
      return this.show(reply, me, slug, { form, errors: { introduction: `error.${error.code}` }, problem }, 422);
    }
    if (value.key) await this.enrolments.setKey(me, slug, value.key);
    await reply.redirect(`/authoring/courses/${slug}/settings?notice=saved`, 303);
  }

  private async show(reply: KarvanReply, me: Principal, slug: string, extra: object, status: number) {
    const course = await this.courses.getEditable(me, slug);
    await renderPage(reply, 'pages/authoring/settings', { course, ...extra }, status);
  }
}
