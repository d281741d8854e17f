import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  CatalogueService,
  courseProgress,
  EnrolmentError,
  EnrolmentErrorCode,
  EnrolmentsService,
  ReaderService,
  type Principal,
} from '@karvan/domain';
import { Access, CurrentUser, Public, RequestState } from '../common/decorators.js';
import { parseForm } from '../common/forms.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply, RequestState as State } from '../common/request-context.js';
import { CatalogueQuery, DecisionDto, EnrolDto } from './learning.dto.js';
import { placedSyllabus } from './placed-syllabus.js';

const NOTICES = new Set(['enrolled', 'requested', 'left', 'completed', 'decided']);

/** Trainees' side: the catalogue, enrolment, and the textbook reader. */
@ApiExcludeController()
@Access('learning.participate')
@Controller('courses')
export class LearningPagesController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly enrolments: EnrolmentsService,
    private readonly reader: ReaderService,
  ) {}

  @Public()
  @Get()
  @Render('pages/learning/catalogue')
  async list(@RequestState() state: State, @Query() query: CatalogueQuery) {
    return { ...(await this.catalogue.listing(state.locale, query.language)), language: query.language ?? '' };
  }

  @Public()
  @Get(':course')
  @Render('pages/learning/course')
  async course(@RequestState() state: State, @Param('course') slug: string, @Query() query: CatalogueQuery) {
    const outline = await this.catalogue.outline(state.principal, slug, state.locale);
    const notice = query.notice && NOTICES.has(query.notice) ? `learning.notice.${query.notice}` : undefined;
    const active = outline.enrolment === 'active';
    // The page shows where the person is (below), not the sets it is worked out from: without
    // them, its data names the page it is kept as (common/kept-pages.ts).
    const shown = { ...outline, progress: null };
    if (!active || !state.principal)
      return { outline: shown, notice, active, syllabusKey: `${outline.textKey} outline` };
    // Where the person is: progress, the module to continue with, completion.
    const { course: progress, statuses } = courseProgress(outline);
    const { syllabus, where } = placedSyllabus(outline.syllabus, statuses, progress?.next?.slug);
    // The syllabus is kept rendered by everything it shows: the texts, and each module's status.
    return { outline: { ...shown, syllabus }, notice, active, progress, syllabusKey: `${outline.textKey} ${where}` };
  }

  @Post(':course/enrol')
  async enrol(
    @CurrentUser() me: Principal,
    @RequestState() state: State,
    @Param('course') slug: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const { value } = await parseForm(EnrolDto, body);
    try {
      const status = await this.enrolments.enrol(me, slug, value.key);
      await reply.redirect(`/courses/${slug}?notice=${status === 'active' ? 'enrolled' : 'requested'}`, 303);
    } catch (error) {
      if (!(error instanceof EnrolmentError) || !error.details) throw error;
      const outline = await this.catalogue.outline(me, slug, state.locale);
      await renderPage(reply, 'pages/learning/course', { outline, keyError: `error.${error.code}` }, 422);
    }
  }

  @Post(':course/unenrol')
  async unenrol(@CurrentUser() me: Principal, @Param('course') slug: string, @Res() reply: KarvanReply) {
    await this.enrolments.unenrol(me, slug);
    await reply.redirect(`/courses/${slug}?notice=left`, 303);
  }

  @Access('course.enrolments.manage')
  @Get(':course/requests')
  @Render('pages/learning/requests')
  async requests(@CurrentUser() me: Principal, @Param('course') slug: string, @Query() query: CatalogueQuery) {
    return {
      slug,
      requests: await this.enrolments.pending(me, slug),
      notice: query.notice === 'decided' ? 'learning.notice.decided' : undefined,
    };
  }

  @Access('course.enrolments.manage')
  @Post(':course/requests')
  async decide(
    @CurrentUser() me: Principal,
    @Param('course') slug: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    await this.enrolments.pending(me, slug); // who may, before what was sent
    const { value, errors } = await parseForm(DecisionDto, body);
    if (errors) return reply.redirect(`/courses/${slug}/requests`, 303);
    await this.enrolments.decide(me, slug, value.userId, value.decision === 'approve');
    await reply.redirect(`/courses/${slug}/requests?notice=decided`, 303);
  }

  /** A module; before enrolling, the course page says so and offers to enrol, instead of an error. */
  @Get(':course/modules/:module')
  async module(
    @CurrentUser() me: Principal,
    @RequestState() state: State,
    @Param('course') slug: string,
    @Param('module') module: string,
    @Res() reply: KarvanReply,
  ) {
    try {
      const page = await this.reader.read(me, slug, module, state.locale);
      await renderPage(reply, 'pages/learning/module', { page });
    } catch (error) {
      if (!(error instanceof EnrolmentError) || error.code !== (EnrolmentErrorCode.NotEnrolled as string)) throw error;
      // A course the person may not see at all (unpublished) keeps the plain refusal.
      const outline = await this.catalogue.outline(me, slug, state.locale).catch(() => {
        throw error;
      });
      await renderPage(reply, 'pages/learning/course', { outline, notice: 'course.enrolFirst' }, 403);
    }
  }

  @Post(':course/modules/:module/read')
  async markRead(
    @CurrentUser() me: Principal,
    @Param('course') slug: string,
    @Param('module') module: string,
    @Res() reply: KarvanReply,
  ) {
    const outcome = await this.reader.markRead(me, slug, module);
    const target = outcome.newlyRecorded
      ? `/courses/${slug}?notice=completed`
      : `/courses/${slug}/modules/${module}#read`;
    await reply.redirect(target, 303);
  }
}
