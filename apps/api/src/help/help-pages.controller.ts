import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { translate } from '@karvan/domain';
import { Access, RequestState } from '../common/decorators.js';
import type { RequestState as State } from '../common/request-context.js';
import { readHelpDocument } from './help-documents.js';

/** Guides kept in docs/ and served from the same files, so the site and the repository agree. */
@ApiExcludeController()
@Controller('help')
export class HelpPagesController {
  @Access('public')
  @Get('authoring')
  @Render('pages/help/authoring')
  async authoring(@RequestState() state: State) {
    const document = await readHelpDocument('authoring', state.locale);
    return { ...document, title: translate(state.locale, 'help.authoring.title') };
  }
}
