import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  CohortDefinitionsService,
  DomainError,
  parseForm as parseFormText,
  parseRubric,
  SummerError,
  FIELD_TYPES,
  type Principal,
} from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply } from '../common/request-context.js';
import {
  applyStep,
  BuilderInputError,
  decodeDraft,
  encodeDraft,
  rowsFromBody,
  rowsFromDefinition,
  rowsToText,
  type BuilderKind,
  type BuilderRow,
  type RowProblem,
} from './definition-builder.js';

const MAX_TEXT = 20_000;

/** Builders for a cohort's application form and review rubric, with the text format as import/export. */
@ApiExcludeController()
@Access('cohort.manage')
@Controller('cohorts/:id/builder/:kind')
export class DefinitionBuilderController {
  constructor(private readonly definitions: CohortDefinitionsService) {}

  @Get()
  async page(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Param('kind') kindText: string,
    @Res() reply: KarvanReply,
    @Query('draft') draft?: string,
    @Query('notice') notice?: string,
  ) {
    const kind = builderKind(kindText);
    const saved = await this.definitions.get(me, id);
    const rows = decodeDraft(draft) ?? rowsFromDefinition(kind, kind === 'form' ? saved.form : saved.rubric);
    await this.show(reply, me, id, kind, rows, { saved: notice === 'saved', unsaved: draft !== undefined }, 200);
  }

  @Post()
  async step(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Param('kind') kindText: string,
    @Body() body: Record<string, unknown> | undefined,
    @Res() reply: KarvanReply,
  ) {
    const kind = builderKind(kindText);
    await this.definitions.get(me, id); // who may, before what was sent
    const input = body ?? {};
    const step = typeof input.step === 'string' ? input.step : '';
    if (step === 'import') return this.importText(reply, me, id, kind, input.text);
    const rows = withInputErrors(() => rowsFromBody(input));
    if (step !== 'save') {
      const draft = encodeDraft(applyStep(rows, step));
      return reply.redirect(`/cohorts/${id}/builder/${kind}?draft=${draft}`, 303);
    }
    const { text, problems } = rowsToText(kind, rows);
    if (problems.length) return this.show(reply, me, id, kind, rows, { problems, unsaved: true }, 422);
    try {
      if (kind === 'form') await this.definitions.setForm(me, id, text);
      else await this.definitions.setRubric(me, id, text);
    } catch (error) {
      if (!(error instanceof SummerError) || !error.details) throw error;
      const details = error.details as Record<string, string>;
      const byRow = Object.entries(details).map(([line, message]) => ({ row: Number(line), message }));
      return this.show(reply, me, id, kind, rows, { problems: byRow, unsaved: true }, 422);
    }
    await reply.redirect(`/cohorts/${id}/builder/${kind}?notice=saved`, 303);
  }

  /** Text pasted in replaces the rows (not saved yet), when it reads without problems. */
  private async importText(
    reply: KarvanReply,
    me: Principal,
    id: string,
    kind: BuilderKind,
    text: unknown,
  ): Promise<void> {
    if (typeof text !== 'string' || text.length > MAX_TEXT)
      throw new DomainError('invalid', 'builder_invalid', 'The text to import is missing or too long.');
    const parsed = kind === 'form' ? parseFormText(text) : parseRubric(text);
    if (parsed.problems.length) {
      const saved = await this.definitions.get(me, id);
      const rows = rowsFromDefinition(kind, kind === 'form' ? saved.form : saved.rubric);
      const importProblems = parsed.problems.map((p) => ({ row: p.line, message: p.key }));
      return this.show(reply, me, id, kind, rows, { importProblems, importText: text }, 422);
    }
    const items = 'fields' in parsed ? parsed.fields : parsed.criteria;
    const draft = encodeDraft(rowsFromDefinition(kind, items));
    await reply.redirect(`/cohorts/${id}/builder/${kind}?draft=${draft}`, 303);
  }

  private async show(
    reply: KarvanReply,
    me: Principal,
    id: string,
    kind: BuilderKind,
    rows: BuilderRow[],
    extra: {
      saved?: boolean;
      unsaved?: boolean;
      problems?: RowProblem[];
      importProblems?: RowProblem[];
      importText?: string;
    },
    status: number,
  ): Promise<void> {
    const cohort = await this.definitions.get(me, id);
    const problems = extra.problems ?? [];
    const view = rows.map((row, index) => ({
      ...row,
      index,
      number: index + 1,
      optionsText: row.options.join('\n'),
      first: index === 0,
      last: index === rows.length - 1,
      problems: problems.filter((p) => p.row === index + 1).map((p) => p.message),
    }));
    const exported = rowsToText(kind, rows).text;
    await renderPage(
      reply,
      'pages/summer/builder',
      {
        cohort,
        kind,
        isForm: kind === 'form',
        rows: view,
        rowCount: rows.length,
        types: FIELD_TYPES,
        exported: extra.importText ?? exported,
        ...extra,
      },
      status,
    );
  }
}

function builderKind(value: string): BuilderKind {
  if (value === 'form' || value === 'rubric') return value;
  throw new DomainError('not_found', 'not_found', 'There is no such builder.');
}

function withInputErrors<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof BuilderInputError) {
      throw new DomainError('invalid', 'builder_invalid', error.message, { [error.field]: 'validation.invalid' });
    }
    throw error;
  }
}
