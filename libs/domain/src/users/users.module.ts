import { Module } from '@nestjs/common';
import { EventsDomainModule } from '../events/index.js';
import { MailDomainModule } from '../mail/index.js';
import { UsersService } from './users.service.js';
import { InvitationsService } from './invitations.service.js';
import { RegistrationService } from './registration.service.js';

/** What other features may use. */
const PUBLIC = [UsersService, InvitationsService, RegistrationService];

/** The users feature: its services, with only the public ones exported. */
@Module({
  imports: [EventsDomainModule, MailDomainModule],
  providers: [...PUBLIC],
  exports: PUBLIC,
})
export class UsersDomainModule {}
