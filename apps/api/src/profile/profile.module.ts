import { Module } from '@nestjs/common';
import { DomainModule } from '@karvan/domain';
import { EmailChangePagesController } from './email-change-pages.controller.js';
import { ProfileApiController } from './profile-api.controller.js';
import { ProfilePagesController } from './profile-pages.controller.js';
import { ProfileService } from './profile.service.js';

@Module({
  imports: [DomainModule],
  controllers: [ProfilePagesController, ProfileApiController, EmailChangePagesController],
  providers: [ProfileService],
})
export class ProfileModule {}
