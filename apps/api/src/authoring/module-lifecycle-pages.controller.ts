import { Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  CoursesError,
  CoursesErrorCode,
  CoursesService,
  ModuleLifecycleService,
  ModulesService,
  type Principal,
} from '@karvan/domain';
import { CurrentUser, Access, RequestState } from '../common/decorators.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply, RequestState as State } from '../common/request-context.js';
import { problemsByLine } from './editor-view.js';

/** Removing (archiving) and restoring a module, and viewing or restoring one of its revisions. */
@ApiExcludeController()
@Access('course.edit')
@Controller('authoring/courses/:course/modules/:module')
export class ModuleLifecyclePagesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly modules: ModulesService,
    private readonly lifecycle: ModuleLifecycleService,
  ) {}

  /** The confirmation step: a page of its own, so it works without JavaScript. */
  @Get('archive')
  async confirmArchive(
    @CurrentUser() me: Principal,
    @Param('course') courseSlug: string,
    @Param('module') slug: string,
    @Res() reply: KarvanReply,
  ) {
    const course = await this.courses.getEditable(me, courseSlug);
    const module = (await this.modules.list(me, course)).find((m) => m.slug === slug);
    if (!module)
      throw new CoursesError(CoursesErrorCode.ModuleNotFound, `There is no module "${slug}" in this course.`);
    await renderPage(reply, 'pages/authoring/archive-module', { course, module });
  }

  @Post('archive')
  async archive(
    @CurrentUser() me: Principal,
    @Param('course') courseSlug: string,
    @Param('module') slug: string,
    @Res() reply: KarvanReply,
  ) {
    await this.lifecycle.archive(me, courseSlug, slug);
    await reply.redirect(`/authoring/courses/${courseSlug}?notice=moduleArchived#archived`, 303);
  }

  /** A draft module becomes part of the course that trainees read. */
  @Post('publish')
  async publish(
    @CurrentUser() me: Principal,
    @Param('course') courseSlug: string,
    @Param('module') slug: string,
    @Res() reply: KarvanReply,
  ) {
    await this.lifecycle.publish(me, courseSlug, slug);
    await reply.redirect(`/authoring/courses/${courseSlug}?notice=modulePublished#modules`, 303);
  }

  @Post('restore')
  async restore(
    @CurrentUser() me: Principal,
    @Param('course') courseSlug: string,
    @Param('module') slug: string,
    @Res() reply: KarvanReply,
  ) {
    await this.lifecycle.restore(me, courseSlug, slug);
    await reply.redirect(`/authoring/courses/${courseSlug}?notice=moduleRestored#modules`, 303);
  }

  @Get('revisions/:number')
  async revision(
    @CurrentUser() me: Principal,
    @Param('course') courseSlug: string,
    @Param('module') slug: string,
    @Param('number') number: string,
    @Res() reply: KarvanReply,
  ) {
    const course = await this.courses.getEditable(me, courseSlug);
    const revision = await this.lifecycle.revision(me, course, slug, revisionNumber(slug, number));
    await renderPage(reply, 'pages/authoring/revision', { course, slug, revision });
  }

  @Post('revisions/:number/restore')
  async restoreRevision(
    @CurrentUser() me: Principal,
    @Param('course') courseSlug: string,
    @Param('module') slug: string,
    @Param('number') number: string,
    @Res() reply: KarvanReply,
    @RequestState() state: State,
  ) {
    const wanted = revisionNumber(slug, number);
    const result = await this.lifecycle.restoreRevision(me, courseSlug, slug, wanted);
    if (result.saved || result.revision !== null) {
      const base = `/authoring/courses/${courseSlug}/modules/${slug}/history`;
      return reply.redirect(`${base}?restored=${wanted}${result.saved ? '' : '&unchanged=1'}`, 303);
    }
    // The old text no longer passes the checker in today's course (a link to a removed module…).
    const course = await this.courses.getEditable(me, courseSlug);
    const revision = await this.lifecycle.revision(me, course, slug, wanted);
    const annotated = problemsByLine(revision.markdown, result.problems, state.locale);
    await renderPage(reply, 'pages/authoring/revision', { course, slug, revision, annotated, refused: true }, 422);
  }
}

function revisionNumber(slug: string, value: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(value)) {
    throw new CoursesError(CoursesErrorCode.RevisionNotFound, `Revision ${value} of "${slug}" does not exist.`);
  }
  return Number(value);
}
