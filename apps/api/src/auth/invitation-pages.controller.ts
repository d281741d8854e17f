import { Body, Controller, Get, Inject, Param, Post, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { InvitationsService, PASSWORD_MIN_LENGTH, SessionsService, UsersError } from '@karvan/domain';
import { Public } from '../common/decorators.js';
import { parseForm } from '../common/forms.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply, KarvanRequest } from '../common/request-context.js';
import { cookieSettings, setSessionCookie } from '../common/request-hooks.js';

class AcceptInvitationForm {
  @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @IsString() @MaxLength(200) password: string;
}

/** The page an invitation e-mail links to: the invited person sets a name and a password, and is in. */
@ApiExcludeController()
@Controller('invitations')
export class InvitationPagesController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get(':token')
  @Render('pages/auth/invitation')
  async show(@Param('token') token: string) {
    return { token, invitation: await this.invitations.find(token), minLength: PASSWORD_MIN_LENGTH };
  }

  @Public()
  @Post(':token')
  async accept(
    @Param('token') token: string,
    @Body() body: unknown,
    @Req() request: KarvanRequest,
    @Res() reply: KarvanReply,
  ) {
    const invitation = await this.invitations.find(token);
    const { value, errors } = await parseForm(AcceptInvitationForm, body);
    const again = (fieldErrors: Record<string, string>) =>
      renderPage(
        reply,
        'pages/auth/invitation',
        { token, invitation, minLength: PASSWORD_MIN_LENGTH, errors: fieldErrors },
        422,
      );
    if (errors) return again(errors);
    let userId: string;
    try {
      userId = await this.invitations.accept(token, value.name, value.password);
    } catch (error) {
      if (error instanceof UsersError && error.details) return again({ password: `error.${error.code}` });
      throw error;
    }
    const session = await this.sessions.create(userId, {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? '',
    });
    setSessionCookie(reply, session, cookieSettings(this.config));
    await reply.redirect('/learning', 303);
  }
}
