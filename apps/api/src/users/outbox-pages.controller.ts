import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MailService, type Principal } from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';

/** The e-mails Karvan has queued and sent, for admins only; secret links are shown without their tokens. */
@ApiExcludeController()
@Access('mail.read')
@Controller('admin/outbox')
export class OutboxPagesController {
  constructor(private readonly mail: MailService) {}

  @Get()
  @Render('pages/users/outbox')
  async list(@CurrentUser() me: Principal) {
    return { emails: await this.mail.outbox(me) };
  }
}
