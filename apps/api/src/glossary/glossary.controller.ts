import { Controller, Get, Query, Render } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isGlossaryLanguage, type GlossaryLanguage } from '@karvan/content';
import { GlossaryService, GlossaryUsageService } from '@karvan/domain';
import { Access, RequestState } from '../common/decorators.js';
import { ApiObject } from '../common/openapi.js';
import type { RequestState as State } from '../common/request-context.js';
import { GlossaryQuery } from './glossary.dto.js';
import { GlossaryPages, glossaryResult } from './glossary-view.js';

/** The trilingual glossary: a page that works without JavaScript, and the same data as JSON. */
@ApiTags('glossary')
@Controller()
export class GlossaryController {
  private readonly pages = new GlossaryPages();

  constructor(
    private readonly glossary: GlossaryService,
    private readonly usage: GlossaryUsageService,
  ) {}

  @Access('public')
  @ApiExcludeEndpoint()
  @Get('glossary')
  @Render('pages/glossary/index')
  async page(@Query() query: GlossaryQuery, @RequestState() state: State) {
    const language = languageOf(query, state);
    const [listing, modules] = await Promise.all([
      this.glossary.list(language, query.q ?? ''),
      this.usage.modulesByTerm(language),
    ]);
    return this.pages.page(listing, modules, state.locale);
  }

  @Access('public')
  @ApiOperation({
    summary:
      'Glossary terms in one language (by default the reader’s), sorted in its alphabet, optionally filtered by part of a term in any language.',
  })
  @ApiObject(
    '`language`, `query`, `total` (terms in the glossary), `letters` (the alphabet, each `used` or not) and `terms`: ' +
      'each with `id`, `term`, `definition`, `otherNames`, `source`, `letter`, `see`, `href` and `modules` (the published modules that link it).',
  )
  @Get('api/v1/glossary')
  async list(@Query() query: GlossaryQuery, @RequestState() state: State) {
    const language = languageOf(query, state);
    const [listing, modules] = await Promise.all([
      this.glossary.list(language, query.q ?? ''),
      this.usage.modulesByTerm(language),
    ]);
    return glossaryResult(listing, modules);
  }
}

function languageOf(query: GlossaryQuery, state: State): GlossaryLanguage {
  return isGlossaryLanguage(query.lang) ? query.lang : state.locale;
}
