import { Module } from '@nestjs/common';
import { AccessDomainModule } from '../access/index.js';
import { UsersDomainModule } from '../users/index.js';
import { PrincipalsService } from './principals.service.js';
import { SessionsService } from './sessions.service.js';
import { ApiTokensService } from './api-tokens.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { AuthService } from './auth.service.js';

/** The auth feature: its services, with only the public ones exported. */
@Module({
  imports: [AccessDomainModule, UsersDomainModule],
  providers: [PrincipalsService, SessionsService, ApiTokensService, LoginThrottleService, AuthService],
  exports: [PrincipalsService, SessionsService, ApiTokensService, LoginThrottleService, AuthService],
})
export class AuthDomainModule {}
