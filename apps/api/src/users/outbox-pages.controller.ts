import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MailService } from '@karvan/domain';
import { Roles } from '../common/decorators.js';

/** The e-mails Karvan has queued and sent, for admins only; secret links are shown without their tokens. */
@ApiExcludeController()
@Roles('admin')
@Controller('admin/outbox')
export class OutboxPagesController {
  constructor(private readonly mail: MailService) {}

  @Get()
  @Render('pages/users/outbox')
  async list() {
    return { emails: await this.mail.outbox() };
  }
}
