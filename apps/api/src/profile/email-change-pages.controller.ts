import { Controller, Get, Param, Post, Render, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { EmailChangesService } from '@karvan/domain';
import { Public } from '../common/decorators.js';
import type { KarvanReply } from '../common/request-context.js';
import { THROTTLES } from '../common/throttles.js';

/**
 * The link mailed to a new address. Opening it only shows what would change, so a mail scanner
 * that follows links changes nothing; the button confirms. It works signed in or not: whoever can
 * read the new mailbox, after the owner gave their password, is who the change waits for.
 */
@ApiExcludeController()
@Controller('email-change')
export class EmailChangePagesController {
  constructor(private readonly changes: EmailChangesService) {}

  @Public()
  @Get('done')
  @Render('pages/profile/email-changed')
  done() {
    return {};
  }

  @Public()
  @Get(':token')
  @Render('pages/profile/email-change')
  async confirmPage(@Param('token') token: string) {
    return { token, change: await this.changes.check(token) };
  }

  @Public()
  @Post(':token')
  @RouteConfig({ rateLimit: THROTTLES.passwordReset })
  async confirm(@Param('token') token: string, @Res() reply: KarvanReply) {
    await this.changes.confirm(token);
    await reply.redirect('/email-change/done', 303);
  }
}
