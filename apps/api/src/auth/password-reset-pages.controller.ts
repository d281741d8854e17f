import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { PASSWORD_MIN_LENGTH, PasswordResetsService, RESET_LINK_HOURS, UsersError } from '@karvan/domain';
import { Public } from '../common/decorators.js';
import { parseForm } from '../common/forms.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply } from '../common/request-context.js';
import { THROTTLES } from '../common/throttles.js';

class ForgotForm {
  @IsEmail() @MaxLength(254) email: string;
}

class ResetForm {
  // Length and the rest of the password rule are checked by the domain, the same for every form.
  @IsString() @MaxLength(200) password: string;
}

/**
 * "Forgot your password?": ask for a link by address, then choose a new password from it. Every
 * POST ends in a redirect, so reloading the result page sends nothing again.
 */
@ApiExcludeController()
@Controller()
export class PasswordResetPagesController {
  constructor(private readonly resets: PasswordResetsService) {}

  @Public()
  @Get('forgot-password')
  @Render('pages/auth/forgot')
  forgotPage(@Query('sent') sent?: string) {
    return { sent: sent === '1', hours: RESET_LINK_HOURS, email: '' };
  }

  @Public()
  @Post('forgot-password')
  @RouteConfig({ rateLimit: THROTTLES.passwordReset })
  async forgot(@Body() body: unknown, @Res() reply: KarvanReply) {
    const { value, errors } = await parseForm(ForgotForm, body);
    if (errors) {
      return renderPage(reply, 'pages/auth/forgot', { hours: RESET_LINK_HOURS, email: value.email, errors }, 422);
    }
    await this.resets.request(value.email);
    await reply.redirect('/forgot-password?sent=1', 303);
  }

  @Public()
  @Get('reset/:token')
  @Render('pages/auth/reset')
  async resetPage(@Param('token') token: string) {
    return { token, account: await this.resets.check(token), minLength: PASSWORD_MIN_LENGTH };
  }

  @Public()
  @Post('reset/:token')
  @RouteConfig({ rateLimit: THROTTLES.passwordReset })
  async reset(@Param('token') token: string, @Body() body: unknown, @Res() reply: KarvanReply) {
    const account = await this.resets.check(token);
    const again = (fieldErrors: Record<string, string>) =>
      renderPage(
        reply,
        'pages/auth/reset',
        { token, account, minLength: PASSWORD_MIN_LENGTH, errors: fieldErrors },
        422,
      );
    const { value, errors } = await parseForm(ResetForm, body);
    if (errors) return again(errors);
    try {
      await this.resets.complete(token, value.password);
    } catch (error) {
      if (error instanceof UsersError && error.details) return again({ password: `error.${error.code}` });
      throw error;
    }
    await reply.redirect('/login?reset=1', 303);
  }
}
