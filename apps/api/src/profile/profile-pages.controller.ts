import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Render, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  ApiTokensService,
  AuthError,
  AuthErrorCode,
  DEFAULT_TOKEN_LIFETIME,
  PASSWORD_MIN_LENGTH,
  TOKEN_LIFETIMES,
  UsersError,
  UsersErrorCode,
  timeZones,
  type Principal,
} from '@karvan/domain';
import { Access, CurrentUser, RequestState } from '../common/decorators.js';
import { errorSummary, parseForm, type FieldErrors } from '../common/forms.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply, RequestState as State } from '../common/request-context.js';
import { cookieSettings, setLanguageCookie } from '../common/request-hooks.js';
import { THROTTLES } from '../common/throttles.js';
import { CreateTokenDto, EmailChangeDto, PasswordChangeDto, ProfileDto } from './dto/profile.dto.js';
import { ProfileService } from './profile.service.js';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@karvan/config';

const NOTICES: Record<string, string> = {
  saved: 'profile.saved',
  passwordChanged: 'profile.passwordChanged',
  tokenRevoked: 'profile.tokenRevoked',
  emailRequested: 'emailChange.requested',
  emailCancelled: 'emailChange.cancelled',
};

const PROFILE_FIELDS = {
  name: { label: 'register.name', id: 'profile-name' },
  organisation: { label: 'register.organisation', id: 'profile-organisation' },
  position: { label: 'register.position', id: 'profile-position' },
  locale: { label: 'register.locale', id: 'profile-locale' },
  timeZone: { label: 'ux.timeZone', id: 'profile-timeZone' },
};
const EMAIL_FIELDS = {
  newEmail: { label: 'emailChange.newEmail', id: 'new-email' },
  currentPassword: { label: 'profile.currentPassword', id: 'email-password' },
};
const PASSWORD_FIELDS = {
  currentPassword: { label: 'profile.currentPassword', id: 'current-password' },
  newPassword: { label: 'profile.newPassword', id: 'new-password' },
};

@ApiExcludeController()
@Access('signed-in')
@Controller('profile')
export class ProfilePagesController {
  constructor(
    private readonly profiles: ProfileService,
    private readonly tokens: ApiTokensService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Render('pages/profile/profile')
  async show(@CurrentUser() me: Principal, @Query('notice') notice?: string) {
    return { ...(await this.view(me)), notice: notice ? NOTICES[notice] : undefined };
  }

  @Post()
  async save(@CurrentUser() me: Principal, @Body() body: unknown, @Res() reply: KarvanReply) {
    const { value, errors } = await parseForm(ProfileDto, body);
    if (errors) return this.showAgain(reply, me, { profileForm: value, profileErrors: errors });
    await this.profiles.update(me, value);
    setLanguageCookie(reply, value.locale, cookieSettings(this.config));
    await reply.redirect('/profile?notice=saved', 303);
  }

  @Post('password')
  async changePassword(
    @CurrentUser() me: Principal,
    @RequestState() state: State,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const { value, errors } = await parseForm(PasswordChangeDto, body);
    if (errors) return this.showAgain(reply, me, { passwordErrors: errors });
    try {
      await this.profiles.changePassword(me, value, state.sessionToken);
    } catch (error) {
      if (!(error instanceof UsersError) || !error.details) throw error;
      return this.showAgain(reply, me, { passwordErrors: fieldErrorsOf(error) });
    }
    await reply.redirect('/profile?notice=passwordChanged', 303);
  }

  @Post('email')
  @RouteConfig({ rateLimit: THROTTLES.passwordReset })
  async changeEmail(@CurrentUser() me: Principal, @Body() body: unknown, @Res() reply: KarvanReply) {
    const { value, errors } = await parseForm(EmailChangeDto, body);
    if (errors) return this.showAgain(reply, me, { emailErrors: errors, emailForm: value });
    try {
      await this.profiles.requestEmailChange(me, value);
    } catch (error) {
      const field = emailFieldOf(error);
      if (!field) throw error;
      return this.showAgain(reply, me, {
        emailErrors: { [field]: `error.${(error as AuthError).code}` },
        emailForm: value,
      });
    }
    await reply.redirect('/profile?notice=emailRequested', 303);
  }

  @Post('email/cancel')
  async cancelEmailChange(@CurrentUser() me: Principal, @Res() reply: KarvanReply) {
    await this.profiles.cancelEmailChange(me);
    await reply.redirect('/profile?notice=emailCancelled', 303);
  }

  @Post('tokens')
  @RouteConfig({ rateLimit: THROTTLES.tokenCreation })
  async createToken(@CurrentUser() me: Principal, @Body() body: unknown, @Res() reply: KarvanReply) {
    const { value, errors } = await parseForm(CreateTokenDto, body);
    if (errors) return this.showAgain(reply, me, { tokenErrors: errors, tokenForm: value });
    const created = await this.tokens.create(me, value);
    // Shown once, in this response; never stored in a form of its own.
    await renderPage(reply, 'pages/profile/profile', { ...(await this.view(me)), newToken: created.token }, 201);
  }

  @Post('tokens/:id/revoke')
  async revokeToken(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() reply: KarvanReply,
  ) {
    await this.tokens.revoke(me.userId, id);
    await reply.redirect('/profile?notice=tokenRevoked', 303);
  }

  private async view(me: Principal) {
    const { profile, tokens, pendingEmail } = await this.profiles.overview(me);
    return {
      profile,
      pendingEmail,
      profileForm: profile,
      tokens,
      tokenForm: { scope: 'read', expiresInDays: DEFAULT_TOKEN_LIFETIME },
      lifetimes: TOKEN_LIFETIMES,
      minLength: PASSWORD_MIN_LENGTH,
      zones: timeZones(),
      siteZone: this.config.timeZone,
    };
  }

  private async showAgain(
    reply: KarvanReply,
    me: Principal,
    extra: {
      profileErrors?: FieldErrors;
      passwordErrors?: FieldErrors;
      emailErrors?: FieldErrors;
      [more: string]: unknown;
    },
  ) {
    await renderPage(
      reply,
      'pages/profile/profile',
      {
        ...(await this.view(me)),
        ...extra,
        profileSummary: errorSummary(extra.profileErrors, PROFILE_FIELDS),
        passwordSummary: errorSummary(extra.passwordErrors, PASSWORD_FIELDS),
        emailSummary: errorSummary(extra.emailErrors, EMAIL_FIELDS),
      },
      422,
    );
  }
}

/** The password rule names its field `password`; on this form it is the new password. */
function fieldErrorsOf(error: UsersError): FieldErrors {
  return Object.fromEntries(
    Object.keys(error.details ?? {}).map((field) => [
      field === 'password' ? 'newPassword' : field,
      `error.${error.code}`,
    ]),
  );
}

/** A wrong password or the account's own address is the person's to fix on the form. */
function emailFieldOf(error: unknown): 'currentPassword' | 'newEmail' | undefined {
  if (error instanceof UsersError && error.code === (UsersErrorCode.WrongPassword as string)) return 'currentPassword';
  if (error instanceof AuthError && error.code === (AuthErrorCode.EmailUnchanged as string)) return 'newEmail';
  return undefined;
}
