import { Module } from '@nestjs/common';
import { JobsModule } from '@karvan/jobs';
import { EventsDomainModule } from '../events/index.js';
import { MailService } from './mail.service.js';

/** The mail feature: its services, with only the public ones exported. */
@Module({
  imports: [JobsModule, EventsDomainModule],
  providers: [MailService],
  exports: [MailService, JobsModule],
})
export class MailDomainModule {}
