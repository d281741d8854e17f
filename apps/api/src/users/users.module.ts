import { Module } from '@nestjs/common';
import { DomainModule } from '@karvan/domain';
import { OutboxPagesController } from './outbox-pages.controller.js';
import { UsersAdminService } from './users-admin.service.js';
import { UsersApiController } from './users-api.controller.js';
import { UsersPagesController } from './users-pages.controller.js';

@Module({
  imports: [DomainModule],
  controllers: [UsersPagesController, UsersApiController, OutboxPagesController],
  providers: [UsersAdminService],
})
export class UsersModule {}
