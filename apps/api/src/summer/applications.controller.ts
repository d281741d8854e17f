import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  ApplicationsService,
  AttendanceService,
  CATEGORIES,
  CohortsService,
  isCohortStaff,
  isOpen,
  SummerError,
  SummerErrorCode,
  UsersService,
  type FormField,
  type Principal,
} from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply, KarvanRequest } from '../common/request-context.js';
import { parseForm, type FieldErrors } from '../common/forms.js';
import { ApplicationDto, ApplicationFormDto } from './dto/application.dto.js';
import { gather, wantsJson } from './form-body.js';
import { submitForm } from './form-submit.js';
import { errorList } from './summer-forms.js';
import { readApplicationForm } from './application-upload.js';
import { ApiFile, ApiList, ApiObject, ApiResult } from '../common/openapi.js';

/** The actions that give something up, which the applicant confirms first. */
const GIVING_UP = ['withdraw', 'decline'];

/** An applicant's own application: fill in, attach, submit, withdraw; confirm or decline a place. */

@ApiTags('summer schools')
@ApiBearerAuth()
@Access('learning.participate')
@Controller()
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly cohorts: CohortsService,
    private readonly users: UsersService,
    private readonly attendance: AttendanceService,
  ) {}

  @ApiExcludeEndpoint()
  @Get('cohorts/:id/apply')
  async form(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Query('notice') notice: string | undefined,
    @Res() reply: KarvanReply,
  ) {
    await this.renderForm(reply, me, id, { notice });
  }

  @ApiExcludeEndpoint()
  @Post('cohorts/:id/apply')
  async save(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: KarvanRequest,
    @Res() reply: KarvanReply,
  ) {
    const { fields, files } = request.isMultipart() ? await readApplicationForm(request) : { fields: body, files: [] };
    const parsed = await parseForm(ApplicationFormDto, gather(fields, 'a-', 'answers'));
    const submit = parsed.value.action === 'submit';
    const errors = await submitForm(parsed, async (v) => {
      // The text first, so that a refused file loses nothing typed; submitting comes last.
      await this.applications.save(me, id, v, false);
      // A refused document (not a PDF, too big) is a field error on its field, as the text's are.
      for (const file of files) await this.applications.attach(me, id, file.field, file);
      if (submit) await this.applications.save(me, id, v, true);
    });
    if (errors) return this.renderForm(reply, me, id, { errors, typed: parsed.value }, 422);
    const notice = submit ? 'submitted' : files.length ? 'attached' : 'saved';
    await reply.redirect(`/cohorts/${id}/apply?notice=${notice}`, 303);
  }

  @ApiExcludeEndpoint()
  @Post('cohorts/:id/apply/files/:field')
  async attach(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Param('field') field: string,
    @Req() request: KarvanRequest,
    @Res() reply: KarvanReply,
  ) {
    const file = await request.file({ limits: { fileSize: 5 * 1024 * 1024, files: 1 } });
    const bytes = file ? await file.toBuffer() : Buffer.alloc(0);
    await this.applications.attach(me, id, field, { filename: file?.filename ?? '', bytes });
    if (wantsJson(request.url) || request.headers.accept === 'application/json') return reply.send({ attached: field });
    await reply.redirect(`/cohorts/${id}/apply?notice=attached`, 303);
  }

  @ApiOperation({ summary: 'My application to a cohort (null before I start one).' })
  @ApiResponse({
    status: 200,
    description: 'My application, or null.',
    schema: { type: 'object', nullable: true, additionalProperties: true },
  })
  @Get('api/v1/cohorts/:id/application')
  own(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.applications.own(me, id);
  }

  @ApiOperation({ summary: 'Save my application as a draft.' })
  @ApiObject('My application.')
  @Put('api/v1/cohorts/:id/application')
  draft(@CurrentUser() me: Principal, @Param('id') id: string, @Body() dto: ApplicationDto) {
    return this.applications.save(me, id, dto, false);
  }

  @ApiOperation({ summary: 'Submit my application (with these answers).' })
  @ApiObject('My application, submitted.')
  @Post('api/v1/cohorts/:id/application/submit')
  @HttpCode(200)
  submit(@CurrentUser() me: Principal, @Param('id') id: string, @Body() dto: ApplicationDto) {
    return this.applications.save(me, id, dto, true);
  }

  @ApiExcludeEndpoint()
  @Get('applications')
  async mine(@CurrentUser() me: Principal, @Query('notice') notice: string | undefined, @Res() reply: KarvanReply) {
    const done = GIVING_UP.includes(notice ?? '') || notice === 'confirm' ? notice : undefined;
    await renderPage(reply, 'pages/summer/my-applications', { applications: await this.applications.mine(me), done });
  }

  /**
   * The question before giving up a place or an application, on a page of its own so that it works
   * without JavaScript; its form posts to the action itself. Only the applicant's own application.
   */
  @ApiExcludeEndpoint()
  @Get('applications/:id/:action')
  async askFirst(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Param('action') action: string,
    @Res() reply: KarvanReply,
  ) {
    const application = (await this.applications.mine(me)).find((a) => a.id === id);
    if (!application || !GIVING_UP.includes(action)) {
      throw new SummerError(SummerErrorCode.ApplicationNotFound, 'There is no such application of yours.');
    }
    await renderPage(reply, 'pages/summer/give-up', { application, action });
  }

  @ApiOperation({ summary: 'My applications and their status.' })
  @ApiList('My applications.')
  @Get('api/v1/me/applications')
  myApplications(@CurrentUser() me: Principal) {
    return this.applications.mine(me);
  }

  @ApiOperation({ summary: 'Withdraw, confirm (take the place) or decline (give it up).' })
  @ApiResult(200, { done: 'string' })
  @Post(['applications/:id/:action', 'api/v1/applications/:id/:action'])
  @HttpCode(200)
  async act(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Param('action') action: string,
    @Req() request: KarvanRequest,
    @Res() reply: KarvanReply,
  ) {
    if (action === 'withdraw') await this.applications.withdraw(me, id);
    else if (action === 'confirm') await this.applications.confirm(me, id);
    else if (action === 'decline') await this.applications.decline(me, id);
    else throw new SummerError(SummerErrorCode.ApplicationNotFound, 'There is no such action on an application.');
    if (wantsJson(request.url)) return reply.send({ done: action });
    await reply.redirect(`/applications?notice=${action}`, 303);
  }

  @Access('signed-in')
  @ApiOperation({ summary: 'A document attached to an application (applicant, reviewers, coordinators).' })
  @ApiFile('application/octet-stream', 'The document, in the type it was uploaded as.')
  @Get(['applications/:id/files/:field', 'api/v1/applications/:id/files/:field'])
  async file(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Param('field') field: string,
    @Res() reply: KarvanReply,
  ) {
    const file = await this.applications.file(me, id, field);
    await reply
      .header('content-type', file.type)
      .header('content-disposition', `attachment; filename="${encodeURIComponent(file.filename)}"`)
      .header('x-content-type-options', 'nosniff')
      .send(file.data);
  }

  @Access('signed-in')
  @ApiExcludeEndpoint()
  @Get('cohorts/:id/attendance/me')
  async myAttendance(@CurrentUser() me: Principal, @Param('id') id: string, @Res() reply: KarvanReply) {
    const cohort = await this.cohorts.cohort(id);
    await renderPage(reply, 'pages/summer/my-attendance', {
      cohort,
      ...(await this.attendance.mine(me, id)),
      timeZone: cohort.time_zone,
    });
  }

  @Access('signed-in')
  @ApiOperation({ summary: 'My attendance in a cohort, session by session, with my percentage.' })
  @ApiObject('My sessions and my percentage.')
  @Get('api/v1/cohorts/:id/attendance/me')
  attendanceJson(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.attendance.mine(me, id);
  }

  private async renderForm(
    reply: KarvanReply,
    me: Principal,
    id: string,
    extra: { errors?: FieldErrors; typed?: ApplicationDto; notice?: string } = {},
    status = 200,
  ) {
    const [cohort, application, user] = await Promise.all([
      this.cohorts.cohort(id),
      this.applications.own(me, id),
      this.users.get(me.userId),
    ]);
    const shown = extra.typed ?? application ?? { organisation: user.organisation, position: user.position };
    const answers: Record<string, unknown> = typeof shown.answers === 'object' ? (shown.answers ?? {}) : {};
    const fieldsView = cohort.form.map((f) => ({
      ...f,
      name: `a-${f.key}`,
      value: answers[f.key] ?? '',
      options: f.options.map((o) => ({ label: o, checked: [answers[f.key]].flat().includes(o) })),
      file: application?.files.find((x) => x.field_key === f.key) ?? null,
      error: extra.errors?.[f.key],
    }));
    // Staff cannot apply (the submission would be refused): they are told so before typing anything.
    const staff = isCohortStaff(me, cohort);
    const editable = !staff && isOpen(cohort) && (!application || application.status === 'draft');
    await renderPage(
      reply,
      'pages/summer/apply',
      {
        cohort,
        application,
        profile: { organisation: shown.organisation, position: shown.position },
        fields: fieldsView,
        categories: CATEGORIES.map((c) => ({ value: c, selected: (shown.category ?? 'other') === c })),
        editable,
        staff,
        open: isOpen(cohort),
        errors: extra.errors && applyErrors(cohort.form, extra.errors),
        notice: ['saved', 'attached', 'submitted'].includes(extra.notice ?? '') ? extra.notice : undefined,
      },
      status,
    );
  }
}

/** Where each kind of field's first control is: choices are linked by their first option. */
const ANCHOR: Record<FormField['type'], (key: string) => string> = {
  short: (key) => `a-${key}`,
  long: (key) => `a-${key}`,
  file: (key) => `file-${key}`,
  yesno: (key) => `a-${key}-yes`,
  single: (key) => `a-${key}-0`,
  multiple: (key) => `a-${key}-0`,
};

/** The form's problems at its top, each named by its field's label and linked to it. */
function applyErrors(form: FormField[], errors: FieldErrors) {
  const labels: Record<string, string> = { organisation: 'register.organisation', position: 'register.position' };
  const anchors: Record<string, string> = {};
  for (const f of form) {
    labels[f.key] = f.label;
    anchors[f.key] = `#${ANCHOR[f.type](f.key)}`;
  }
  return errorList(errors, labels, (field) => anchors[field] ?? `#${field}`);
}
