import { Module } from '@nestjs/common';
import { AccessDomainModule } from '../access/index.js';
import { UsersDomainModule } from '../users/index.js';
import { PrincipalsService } from './principals.service.js';
import { SessionsService } from './sessions.service.js';
import { ApiTokensService } from './api-tokens.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { AuthService } from './auth.service.js';
import { PasswordResetsService } from './password-resets.service.js';
import { AccountsService } from './accounts.service.js';
import { EmailChangesService } from './email-changes.service.js';
import { EventsDomainModule } from '../events/index.js';
import { MailDomainModule } from '../mail/index.js';

/** What other features may use. */
const PUBLIC = [
  PrincipalsService,
  SessionsService,
  ApiTokensService,
  LoginThrottleService,
  AuthService,
  PasswordResetsService,
  AccountsService,
  EmailChangesService,
];

/** The auth feature: its services, with only the public ones exported. */
@Module({
  imports: [AccessDomainModule, EventsDomainModule, MailDomainModule, UsersDomainModule],
  providers: [...PUBLIC],
  exports: PUBLIC,
})
export class AuthDomainModule {}
