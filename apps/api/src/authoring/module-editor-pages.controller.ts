import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CoursesError, CoursesErrorCode, CoursesService, ModulesService, type Principal } from '@karvan/domain';
import { CurrentUser, Access, RequestState } from '../common/decorators.js';
import { parseForm } from '../common/forms.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply, RequestState as State } from '../common/request-context.js';
import { DiffQuery, EditorFormDto } from './dto/authoring.dto.js';
import { lineDiff, problemsByLine } from './editor-view.js';

/** The Markdown editor: a textarea and a preview button without JavaScript, live preview with it. */
@ApiExcludeController()
@Access('course.edit')
@Controller('authoring/courses/:course/modules/:module')
export class ModuleEditorPagesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly modules: ModulesService,
  ) {}

  @Get('edit')
  @Render('pages/authoring/editor')
  async edit(
    @CurrentUser() me: Principal,
    @Param('course') courseSlug: string,
    @Param('module') slug: string,
    @RequestState() state: State,
    @Query('saved') saved?: string,
  ) {
    const course = await this.courses.getEditable(me, courseSlug);
    const source = await this.modules.source(me, course, slug);
    const preview = await this.modules.preview(me, course, slug, source.markdown);
    const annotated = problemsByLine(source.markdown, preview.problems, state.locale);
    return {
      course,
      slug,
      markdown: source.markdown,
      revision: source.number,
      baseRevision: source.number,
      draft: source.draft,
      saved: saved === '1',
      ...preview,
      annotated,
    };
  }

  @Post('edit')
  async submit(
    @CurrentUser() me: Principal,
    @Param('course') courseSlug: string,
    @Param('module') slug: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
    @RequestState() state: State,
  ) {
    const course = await this.courses.getEditable(me, courseSlug);
    const { value, errors } = await parseForm(EditorFormDto, body);
    const markdown = value.markdown ?? '';
    let conflict: { base: number; number: number } | undefined;
    if (!errors && value.action === 'save') {
      try {
        const result = await this.modules.save(me, courseSlug, slug, markdown, value.baseRevision);
        if (result.saved) return reply.redirect(`/authoring/courses/${courseSlug}/modules/${slug}/edit?saved=1`, 303);
        if (!result.problems.some((p) => p.severity === 'error')) {
          return reply.redirect(`/authoring/courses/${courseSlug}/modules/${slug}/edit`, 303);
        }
      } catch (error) {
        if (!(error instanceof CoursesError) || error.code !== (CoursesErrorCode.EditConflict as string)) throw error;
        conflict = { base: Number(error.params.base), number: Number(error.params.number) };
      }
    }
    const preview = await this.modules.preview(me, course, slug, markdown);
    const annotated = problemsByLine(markdown, preview.problems, state.locale);
    const current = await this.modules.source(me, course, slug);
    const refusedForErrors = errors || preview.problems.some((p) => p.severity === 'error');
    const status = conflict ? 409 : refusedForErrors ? 422 : 200;
    // After a conflict the text is shown again on the newer revision: saving it once more replaces that one.
    const baseRevision = conflict ? current.number : (value.baseRevision ?? current.number);
    await renderPage(
      reply,
      'pages/authoring/editor',
      {
        course,
        slug,
        markdown,
        revision: current.number,
        baseRevision,
        conflict,
        ...preview,
        annotated,
        refused: value.action === 'save' && !conflict,
      },
      status,
    );
  }

  @Get('history')
  @Render('pages/authoring/history')
  async history(
    @CurrentUser() me: Principal,
    @Param('course') courseSlug: string,
    @Param('module') slug: string,
    @Query('restored') restored?: string,
    @Query('unchanged') unchanged?: string,
  ) {
    const course = await this.courses.getEditable(me, courseSlug);
    const revisions = await this.modules.history(me, course, slug);
    return {
      restored: /^[0-9]{1,9}$/.test(restored ?? '') ? Number(restored) : undefined,
      unchanged: unchanged === '1',
      course,
      slug,
      revisions,
      latest: revisions[0]?.number,
      previous: revisions[1]?.number ?? revisions[0]?.number,
    };
  }

  @Get('diff')
  @Render('pages/authoring/diff')
  async diff(
    @CurrentUser() me: Principal,
    @Param('course') courseSlug: string,
    @Param('module') slug: string,
    @Query() query: DiffQuery,
  ) {
    const course = await this.courses.getEditable(me, courseSlug);
    const [from, to] = await Promise.all([
      this.modules.source(me, course, slug, query.from),
      this.modules.source(me, course, slug, query.to),
    ]);
    const lines = lineDiff(from.markdown, to.markdown);
    return { course, slug, from: from.number, to: to.number, lines, changed: lines.some((l) => l.kind !== 'same') };
  }
}
