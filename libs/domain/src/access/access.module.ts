import { Module } from '@nestjs/common';
import { GrantsService } from './grants.service.js';
import { OrganisationsService } from './organisations.service.js';

/** The access feature: its services, with only the public ones exported. */
@Module({
  providers: [GrantsService, OrganisationsService],
  exports: [GrantsService, OrganisationsService],
})
export class AccessDomainModule {}
