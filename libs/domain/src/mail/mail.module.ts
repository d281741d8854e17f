import { Module } from '@nestjs/common';
import { JobsModule } from '@karvan/jobs';
import { EventsDomainModule } from '../events/index.js';
import { MailDelivery } from './mail-delivery.service.js';
import { MailService } from './mail.service.js';

/** What other features may use. */
const PUBLIC = [MailService, MailDelivery];

/** The mail feature: its services, with only the public ones exported. */
@Module({
  imports: [JobsModule, EventsDomainModule],
  providers: [...PUBLIC],
  exports: [...PUBLIC, JobsModule],
})
export class MailDomainModule {}
