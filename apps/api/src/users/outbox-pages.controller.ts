import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MailService } from '@karvan/domain';
import { Access } from '../common/decorators.js';

/** The e-mails Karvan has queued and sent; without SMTP this is where they can be read. */
@ApiExcludeController()
@Access('mail.read')
@Controller('admin/outbox')
export class OutboxPagesController {
  constructor(private readonly mail: MailService) {}

  @Get()
  @Render('pages/users/outbox')
  async list() {
    return { emails: await this.mail.outbox() };
  }
}
