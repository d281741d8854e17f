import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CourseSettingsService,
  CoursesService,
  EnrolmentsService,
  ModuleLifecycleService,
  type Principal,
} from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import { ApiList, ApiResult } from '../common/openapi.js';
import { CourseSettingsDto, settingsFromDto, settingsToDto } from './dto/course-settings.dto.js';

const SETTINGS_FIELDS = {
  title: 'string',
  summary: 'string',
  introduction: 'string',
  enrolmentMode: 'string',
  completionModules: 'string',
  completionQuizzes: 'string',
  certificate: 'boolean',
} as const;

/**
 * What a course's settings page and its module removal do, for programs: the same DTO and the
 * same domain methods as the pages (`course-settings-pages`, `module-lifecycle-pages`).
 */
@ApiTags('authoring')
@ApiBearerAuth()
@Access('course.edit')
@Controller('api/v1/authoring/courses/:course')
export class CourseSettingsApiController {
  constructor(
    private readonly courses: CoursesService,
    private readonly settings: CourseSettingsService,
    private readonly enrolments: EnrolmentsService,
    private readonly lifecycle: ModuleLifecycleService,
  ) {}

  /** The settings course.md holds; the enrolment key is never shown (it is stored hashed). */
  @ApiResult(200, SETTINGS_FIELDS)
  @Get('settings')
  async get(@CurrentUser() me: Principal, @Param('course') slug: string) {
    return this.read(me, slug);
  }

  /**
   * Replaces the settings (a new course.md, checked like any content: 422 with the checker's
   * problems when it does not pass). `key`, when given, sets a new enrolment key.
   */
  @ApiResult(200, SETTINGS_FIELDS)
  @Put('settings')
  async update(@CurrentUser() me: Principal, @Param('course') slug: string, @Body() body: CourseSettingsDto) {
    await this.settings.update(me, slug, settingsFromDto(body));
    if (body.key) await this.enrolments.setKey(me, slug, body.key);
    return this.read(me, slug);
  }

  @ApiList('The removed (archived) modules, which can be restored.')
  @Get('archived-modules')
  async archived(@CurrentUser() me: Principal, @Param('course') slug: string) {
    const course = await this.courses.getEditable(me, slug);
    return this.lifecycle.archived(me, course);
  }

  /** Removes a module: trainees no longer see it; its revisions, progress and attempts are kept. */
  @Post('modules/:module/archive')
  @HttpCode(204)
  async archive(@CurrentUser() me: Principal, @Param('course') slug: string, @Param('module') module: string) {
    await this.lifecycle.archive(me, slug, module);
  }

  /** Publishes a draft module (one added in the editor): trainees see it from now on. */
  @Post('modules/:module/publish')
  @HttpCode(204)
  async publish(@CurrentUser() me: Principal, @Param('course') slug: string, @Param('module') module: string) {
    await this.lifecycle.publish(me, slug, module);
  }

  @Post('modules/:module/restore')
  @HttpCode(204)
  async restore(@CurrentUser() me: Principal, @Param('course') slug: string, @Param('module') module: string) {
    await this.lifecycle.restore(me, slug, module);
  }

  private async read(me: Principal, slug: string) {
    const course = await this.courses.getEditable(me, slug);
    const settings = settingsToDto(await this.settings.get(me, course));
    return { ...settings, certificate: settings.certificate === 'true' };
  }
}
