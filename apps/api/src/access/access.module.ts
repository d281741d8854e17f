import { Module } from '@nestjs/common';
import { DomainModule } from '@karvan/domain';
import { AccessAdminService } from './access-admin.service.js';
import { AccessApiController } from './access-api.controller.js';
import { AccessPagesController } from './access-pages.controller.js';

@Module({
  imports: [DomainModule],
  controllers: [AccessPagesController, AccessApiController],
  providers: [AccessAdminService],
})
export class AccessModule {}
