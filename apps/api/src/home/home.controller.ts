import { Body, Controller, Get, Inject, Post, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { DomainError, LOCALES, siteRoles, translate, UsersService, type Locale } from '@karvan/domain';
import { Public, RequestState } from '../common/decorators.js';
import { parseForm } from '../common/forms.js';
import type { KarvanReply, RequestState as State } from '../common/request-context.js';
import { cookieSettings, setLanguageCookie } from '../common/request-hooks.js';
import { safeRedirectPath } from '../common/safe-redirect.js';
import { HomeService } from './home.service.js';

class LanguageForm {
  @IsIn(LOCALES) locale: Locale;
  // No length limit here: safeRedirectPath refuses a long target and still switches the language.
  @IsOptional() @IsString() next?: string;
}

@ApiExcludeController()
@Controller()
export class HomeController {
  constructor(
    private readonly users: UsersService,
    private readonly homePage: HomeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @Render('pages/home')
  async home(@RequestState() state: State) {
    if (!state.principal) return { registrationOpen: this.config.registrationOpen };
    const roles = siteRoles(state.principal)
      .map((role) => translate(state.locale, `role.${role}`))
      .join(', ');
    return { roles, ...(await this.homePage.sections(state.principal, state.locale)) };
  }

  /** The language switcher: remembered in a cookie, and in the profile of a signed-in user. */
  @Public()
  @Post('language')
  async switchLanguage(@RequestState() state: State, @Body() body: unknown, @Res() reply: KarvanReply) {
    const { value, errors } = await parseForm(LanguageForm, body);
    if (errors) throw new DomainError('invalid', 'invalid_language', `Choose one of: ${LOCALES.join(', ')}.`);
    setLanguageCookie(reply, value.locale, cookieSettings(this.config));
    if (state.principal) {
      await this.users.setLocale(state.principal.userId, value.locale);
    }
    await reply.redirect(safeRedirectPath(value.next, this.config.baseUrl), 303);
  }
}
