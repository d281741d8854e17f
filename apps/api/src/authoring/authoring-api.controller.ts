import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CertificateApprovalService,
  CoursesError,
  CoursesErrorCode,
  CoursesService,
  localiseProblems,
  ModulesService,
  type ContentProblem,
  type Locale,
  type Principal,
} from '@karvan/domain';
import { Access, CurrentUser, RequestState } from '../common/decorators.js';
import type { RequestState as State } from '../common/request-context.js';
import {
  AddModuleDto,
  CoAuthorDto,
  CreateCourseDto,
  ModuleSourceDto,
  ReorderDto,
  StatusDto,
} from './dto/authoring.dto.js';
import { ApiList, ApiObject, ApiResult } from '../common/openapi.js';

@ApiTags('authoring')
@ApiBearerAuth()
@Access('course.edit')
@Controller('api/v1/authoring/courses')
export class AuthoringApiController {
  constructor(
    private readonly courses: CoursesService,
    private readonly modules: ModulesService,
    private readonly certificateApproval: CertificateApprovalService,
  ) {}

  /** Courses the caller may edit. */
  @Access('course.create')
  @ApiList('Courses the caller may edit.')
  @Get()
  list(@CurrentUser() me: Principal) {
    return this.courses.listEditable(me);
  }

  /** Creates a draft course; the caller becomes its author. */
  @Access('course.create')
  @ApiObject('The course made.', 201)
  @Post()
  create(@CurrentUser() me: Principal, @Body() body: CreateCourseDto) {
    return this.courses.create(me, body);
  }

  @ApiObject('The course with its modules and authors.')
  @Get(':course')
  async get(@CurrentUser() me: Principal, @Param('course') slug: string) {
    const course = await this.courses.getEditable(me, slug);
    const [modules, authors] = await Promise.all([this.modules.list(me, course), this.courses.authors(me, course)]);
    return { ...course, modules, authors };
  }

  @ApiObject('The course.')
  @Put(':course/status')
  setStatus(@CurrentUser() me: Principal, @Param('course') slug: string, @Body() body: StatusDto) {
    return this.courses.setStatus(me, slug, body.status);
  }

  /** Whether the course issues signed certificates, and an admin's approval when its completion takes no graded quiz. */
  @ApiObject('Whether the course issues certificates, and why.')
  @Get(':course/certificate-approval')
  async certificateState(@CurrentUser() me: Principal, @Param('course') slug: string) {
    const course = await this.courses.getEditable(me, slug);
    return this.certificateApproval.state(me, course);
  }

  /** Approves the course's certificates (admins). */
  @Access('certificate.approve')
  @ApiObject('Whether the course issues certificates, and why.')
  @Put(':course/certificate-approval')
  approveCertificates(@CurrentUser() me: Principal, @Param('course') slug: string) {
    return this.certificateApproval.setApproved(me, slug, true);
  }

  /** Withdraws the approval: later completions get no certificate unless a graded quiz is required. */
  @Access('certificate.approve')
  @ApiObject('Whether the course issues certificates, and why.')
  @Delete(':course/certificate-approval')
  withdrawCertificates(@CurrentUser() me: Principal, @Param('course') slug: string) {
    return this.certificateApproval.setApproved(me, slug, false);
  }

  @Post(':course/authors')
  @HttpCode(204)
  async addAuthor(@CurrentUser() me: Principal, @Param('course') slug: string, @Body() body: CoAuthorDto) {
    await this.courses.addAuthor(me, slug, body.email);
  }

  @Put(':course/order')
  @HttpCode(204)
  async reorder(@CurrentUser() me: Principal, @Param('course') slug: string, @Body() body: ReorderDto) {
    await this.modules.reorder(me, slug, body.slugs);
  }

  /** Renders Markdown with the checker's messages, saving nothing. */
  @ApiObject("The rendered HTML and the checker's problems.")
  @Post(':course/modules/:module/preview')
  @HttpCode(200)
  async preview(
    @CurrentUser() me: Principal,
    @Param('course') slug: string,
    @Param('module') module: string,
    @Body() body: ModuleSourceDto,
    @RequestState() state: State,
  ) {
    const course = await this.courses.getEditable(me, slug);
    return inLocale(state.locale, await this.modules.preview(me, course, module, body.markdown));
  }

  @ApiObject("The module made and the checker's problems.", 201)
  @Post(':course/modules')
  async addModule(
    @CurrentUser() me: Principal,
    @Param('course') slug: string,
    @Body() body: AddModuleDto,
    @RequestState() state: State,
  ) {
    return inLocale(state.locale, refuseProblems(await this.modules.add(me, slug, body.slug, body.title)));
  }

  @ApiResult(200, { slug: 'string', revision: 'integer', markdown: 'string' })
  @Get(':course/modules/:module')
  async source(@CurrentUser() me: Principal, @Param('course') slug: string, @Param('module') module: string) {
    const course = await this.courses.getEditable(me, slug);
    const { number, markdown } = await this.modules.source(me, course, module);
    return { slug: module, revision: number, markdown };
  }

  /** Saves a new revision when the text changed; a text with errors is refused with 422 and its problems. */
  @ApiObject("The saved revision and the checker's problems.")
  @Put(':course/modules/:module')
  async save(
    @CurrentUser() me: Principal,
    @Param('course') slug: string,
    @Param('module') module: string,
    @Body() body: ModuleSourceDto,
    @RequestState() state: State,
  ) {
    return inLocale(
      state.locale,
      refuseProblems(await this.modules.save(me, slug, module, body.markdown, body.baseRevision)),
    );
  }

  @ApiList("The module's revisions, newest first.")
  @Get(':course/modules/:module/revisions')
  async history(@CurrentUser() me: Principal, @Param('course') slug: string, @Param('module') module: string) {
    const course = await this.courses.getEditable(me, slug);
    return this.modules.history(me, course, module);
  }
}

/** The checker's problems keep their code and parameters; their message is in the caller's language. */
function inLocale<T extends { problems: ContentProblem[] }>(locale: Locale, result: T): T {
  return { ...result, problems: localiseProblems(locale, result.problems) };
}

function refuseProblems<T extends { problems: Array<{ severity: string }> }>(result: T): T {
  if (result.problems.some((p) => p.severity === 'error')) {
    throw new CoursesError(
      CoursesErrorCode.ContentInvalid,
      'The module has errors; nothing was saved.',
      result.problems,
    );
  }
  return result;
}
