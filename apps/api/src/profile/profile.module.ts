import { Module } from '@nestjs/common';
import { DomainModule } from '@karvan/domain';
import { ProfileApiController } from './profile-api.controller.js';
import { ProfilePagesController } from './profile-pages.controller.js';
import { ProfileService } from './profile.service.js';

@Module({
  imports: [DomainModule],
  controllers: [ProfilePagesController, ProfileApiController],
  providers: [ProfileService],
})
export class ProfileModule {}
