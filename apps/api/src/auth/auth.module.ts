import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { DomainModule } from '@karvan/domain';
import { AuthPagesController } from './auth-pages.controller.js';
import { InvitationPagesController } from './invitation-pages.controller.js';
import { LocalStrategy } from './local.strategy.js';
import { PasswordResetPagesController } from './password-reset-pages.controller.js';

@Module({
  imports: [PassportModule, DomainModule],
  controllers: [AuthPagesController, InvitationPagesController, PasswordResetPagesController],
  providers: [LocalStrategy],
})
export class AuthModule {}
