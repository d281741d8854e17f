import { Body, Controller, Get, Inject, Post, Query, Render, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import {
  AuthError,
  AuthErrorCode,
  PASSWORD_MIN_LENGTH,
  RegistrationService,
  SessionsService,
  UsersError,
} from '@karvan/domain';
import { Access, Public, RequestState } from '../common/decorators.js';
import { parseForm } from '../common/forms.js';
import { renderPage } from '../common/render.js';
import { safeRedirectPath } from '../common/safe-redirect.js';
import type { KarvanReply, KarvanRequest, RequestState as State } from '../common/request-context.js';
import { clearSessionCookie, cookieSettings, setSessionCookie } from '../common/request-hooks.js';
import { THROTTLES } from '../common/throttles.js';
import { RegisterForm } from './dto/register.form.js';
import { LocalAuthGuard } from './local-auth.guard.js';
import { LoginFailureFilter } from './login-failure.filter.js';

@ApiExcludeController()
@Controller()
export class AuthPagesController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly registration: RegistrationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('login')
  @Render('pages/auth/login')
  loginPage(@Query('next') next?: string, @Query('reset') reset?: string) {
    return { next: safeRedirectPath(next, this.config.baseUrl), email: '', resetDone: reset === '1' };
  }

  @Public()
  @Post('login')
  @RouteConfig({ rateLimit: THROTTLES.signIn })
  @UseGuards(LocalAuthGuard)
  @UseFilters(LoginFailureFilter)
  async login(@Req() request: KarvanRequest & { user: { userId: string } }, @Res() reply: KarvanReply) {
    await this.startSession(request, reply, request.user.userId);
    const next = (request.body as { next?: unknown } | undefined)?.next;
    await reply.redirect(safeRedirectPath(next, this.config.baseUrl), 303);
  }

  @Public()
  @Get('register')
  @Render('pages/auth/register')
  registerPage(@RequestState() state: State) {
    return { open: this.config.registrationOpen, minLength: PASSWORD_MIN_LENGTH, form: { locale: state.locale } };
  }

  @Public()
  @Post('register')
  @RouteConfig({ rateLimit: THROTTLES.registration })
  async register(@Req() request: KarvanRequest, @Res() reply: KarvanReply, @Body() body: unknown) {
    if (!this.config.registrationOpen) {
      throw new AuthError(
        AuthErrorCode.RegistrationClosed,
        'Registration is closed. Ask a coordinator for an account.',
      );
    }
    const { value, errors } = await parseForm(RegisterForm, body);
    if (errors) return this.showRegisterForm(reply, value, errors);
    let userId: string | null;
    try {
      userId = await this.registration.register(value);
    } catch (error) {
      if (!(error instanceof UsersError) || !error.details) throw error;
      const fieldErrors = Object.fromEntries(Object.keys(error.details).map((field) => [field, `error.${error.code}`]));
      return this.showRegisterForm(reply, value, fieldErrors);
    }
    // The same answer whether the address was new or taken (then its owner got an e-mail); only a
    // new account is signed in, which is the one difference left without confirming addresses by e-mail.
    if (userId) await this.startSession(request, reply, userId);
    return reply.redirect('/', 303);
  }

  @Access('signed-in')
  @Post('logout')
  async logout(@RequestState() state: State, @Res() reply: KarvanReply) {
    if (state.sessionToken) await this.sessions.revoke(state.sessionToken);
    clearSessionCookie(reply, cookieSettings(this.config));
    await reply.redirect('/', 303);
  }

  private async startSession(request: KarvanRequest, reply: KarvanReply, userId: string): Promise<void> {
    // Always a fresh session id at login; whatever session the browser had before ends here.
    if (request.karvan.sessionToken) await this.sessions.revoke(request.karvan.sessionToken);
    const token = await this.sessions.create(userId, {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? '',
    });
    setSessionCookie(reply, token, cookieSettings(this.config));
  }

  private showRegisterForm(reply: KarvanReply, form: RegisterForm, errors: Record<string, string>) {
    const data = { open: true, minLength: PASSWORD_MIN_LENGTH, form: { ...form, password: '' }, errors };
    return renderPage(reply, 'pages/auth/register', data, 422);
  }
}
