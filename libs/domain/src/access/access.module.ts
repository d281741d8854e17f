import { Module } from '@nestjs/common';
import { GrantsService } from './grants.service.js';
import { OrganisationsService } from './organisations.service.js';

/** What other features may use. */
const PUBLIC = [GrantsService, OrganisationsService];

/** The access feature: its services, with only the public ones exported. */
@Module({
  providers: [...PUBLIC],
  exports: PUBLIC,
})
export class AccessDomainModule {}
