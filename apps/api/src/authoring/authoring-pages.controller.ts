import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  CertificateApprovalService,
  CoursesError,
  CoursesService,
  can,
  SITE_SCOPE,
  EnrolmentsService,
  MediaService,
  ModuleLifecycleService,
  ModulesService,
  type Principal,
} from '@karvan/domain';
import { CurrentUser, Access } from '../common/decorators.js';
import { parseForm, type FieldErrors } from '../common/forms.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply } from '../common/request-context.js';
import {
  AddModuleDto,
  CertificateApprovalDto,
  CoAuthorDto,
  CreateCourseDto,
  EnrolmentKeyDto,
  MoveModuleDto,
  StatusDto,
} from './dto/authoring.dto.js';

const NOTICES = new Set([
  'published',
  'draft',
  'authorAdded',
  'uploaded',
  'imported',
  'keySet',
  'certificatesApproved',
  'certificatesWithdrawn',
  'moduleArchived',
  'moduleRestored',
  'modulePublished',
]);

/** Trainers' courses: create, order modules, co-authors, publishing. Admins see every course. */
@ApiExcludeController()
@Access('course.edit')
@Controller('authoring')
export class AuthoringPagesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly modules: ModulesService,
    private readonly media: MediaService,
    private readonly enrolments: EnrolmentsService,
    private readonly certificateApproval: CertificateApprovalService,
    private readonly lifecycle: ModuleLifecycleService,
  ) {}

  @Post('courses/:slug/key')
  async setKey(
    @CurrentUser() me: Principal,
    @Param('slug') slug: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    await this.courses.getEditable(me, slug); // who may, before what was sent
    const { value, errors } = await parseForm(EnrolmentKeyDto, body);
    if (errors) return this.showCourse(reply, me, slug, { keyErrors: errors }, 422);
    await this.enrolments.setKey(me, slug, value.key);
    await reply.redirect(`/authoring/courses/${slug}?notice=keySet`, 303);
  }

  @Access('course.create')
  @Get()
  @Render('pages/authoring/index')
  async index(@CurrentUser() me: Principal) {
    return { courses: await this.courses.listEditable(me), form: { language: 'en', enrolmentMode: 'open' } };
  }

  @Access('course.create')
  @Post('courses')
  async create(@CurrentUser() me: Principal, @Body() body: unknown, @Res() reply: KarvanReply) {
    const { value, errors } = await parseForm(CreateCourseDto, body);
    if (!errors) {
      try {
        const course = await this.courses.create(me, value);
        return reply.redirect(`/authoring/courses/${course.slug}`, 303);
      } catch (error) {
        if (!(error instanceof CoursesError) || !error.details) throw error;
        return this.showIndex(reply, me, value, { slug: `error.${error.code}` }, 409);
      }
    }
    return this.showIndex(reply, me, value, errors, 422);
  }

  @Get('courses/:slug')
  @Render('pages/authoring/course')
  async course(@CurrentUser() me: Principal, @Param('slug') slug: string, @Query('notice') notice?: string) {
    const known = notice && NOTICES.has(notice) ? `authoring.notice.${notice}` : undefined;
    return { ...(await this.courseView(me, slug)), notice: known };
  }

  @Post('courses/:slug/modules')
  async addModule(
    @CurrentUser() me: Principal,
    @Param('slug') slug: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    await this.courses.getEditable(me, slug); // who may, before what was sent
    const { value, errors } = await parseForm(AddModuleDto, body);
    if (errors) return this.showCourse(reply, me, slug, { moduleErrors: errors, moduleForm: value }, 422);
    try {
      await this.modules.add(me, slug, value.slug, value.title);
    } catch (error) {
      if (!(error instanceof CoursesError) || !error.details) throw error;
      return this.showCourse(
        reply,
        me,
        slug,
        { moduleErrors: { slug: `error.${error.code}` }, moduleForm: value },
        409,
      );
    }
    await reply.redirect(`/authoring/courses/${slug}/modules/${value.slug}/edit`, 303);
  }

  @Post('courses/:slug/move')
  async move(
    @CurrentUser() me: Principal,
    @Param('slug') slug: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const course = await this.courses.getEditable(me, slug);
    const { value, errors } = await parseForm(MoveModuleDto, body);
    if (errors) return this.showCourse(reply, me, slug, {}, 422);
    const order = (await this.modules.list(me, course)).map((m) => m.slug);
    const from = order.indexOf(value.slug);
    const to = value.direction === 'up' ? from - 1 : from + 1;
    if (from >= 0 && to >= 0 && to < order.length) {
      [order[from], order[to]] = [order[to], order[from]];
      await this.modules.reorder(me, slug, order);
    }
    await reply.redirect(`/authoring/courses/${slug}#modules`, 303);
  }

  @Post('courses/:slug/status')
  async status(
    @CurrentUser() me: Principal,
    @Param('slug') slug: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    await this.courses.getEditable(me, slug); // who may, before what was sent
    const { value, errors } = await parseForm(StatusDto, body);
    if (errors) return this.showCourse(reply, me, slug, {}, 422);
    await this.courses.setStatus(me, slug, value.status);
    await reply.redirect(`/authoring/courses/${slug}?notice=${value.status}`, 303);
  }

  @Access('certificate.approve')
  @Post('courses/:slug/certificate-approval')
  async approveCertificates(
    @CurrentUser() me: Principal,
    @Param('slug') slug: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const { value, errors } = await parseForm(CertificateApprovalDto, body);
    if (errors) return this.showCourse(reply, me, slug, {}, 422);
    await this.certificateApproval.setApproved(me, slug, value.action === 'approve');
    const notice = value.action === 'approve' ? 'certificatesApproved' : 'certificatesWithdrawn';
    await reply.redirect(`/authoring/courses/${slug}?notice=${notice}`, 303);
  }

  @Post('courses/:slug/authors')
  async addAuthor(
    @CurrentUser() me: Principal,
    @Param('slug') slug: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    await this.courses.getEditable(me, slug); // who may, before what was sent
    const { value, errors } = await parseForm(CoAuthorDto, body);
    if (errors) return this.showCourse(reply, me, slug, { authorErrors: errors, authorForm: value }, 422);
    try {
      await this.courses.addAuthor(me, slug, value.email);
    } catch (error) {
      if (!(error instanceof CoursesError) || !error.details) throw error;
      return this.showCourse(
        reply,
        me,
        slug,
        { authorErrors: { email: `error.${error.code}` }, authorForm: value },
        422,
      );
    }
    await reply.redirect(`/authoring/courses/${slug}?notice=authorAdded`, 303);
  }

  private async courseView(me: Principal, slug: string) {
    const course = await this.courses.getEditable(me, slug);
    const [modules, archived, authors, media, certificates] = await Promise.all([
      this.modules.list(me, course),
      this.lifecycle.archived(me, course),
      this.courses.authors(me, course),
      this.media.list(me, course),
      this.certificateApproval.state(me, course),
    ]);
    const published = course.status === 'published';
    return {
      course,
      modules,
      archived,
      authors,
      media,
      published,
      certificates,
      isAdmin: can(me, 'certificate.approve', SITE_SCOPE),
    };
  }

  private async showCourse(reply: KarvanReply, me: Principal, slug: string, extra: object, status: number) {
    await renderPage(reply, 'pages/authoring/course', { ...(await this.courseView(me, slug)), ...extra }, status);
  }

  private async showIndex(reply: KarvanReply, me: Principal, form: object, errors: FieldErrors, status: number) {
    await renderPage(
      reply,
      'pages/authoring/index',
      { courses: await this.courses.listEditable(me), form, errors },
      status,
    );
  }
}
