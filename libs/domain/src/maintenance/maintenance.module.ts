import { Module } from '@nestjs/common';
import { JobsModule } from '@karvan/jobs';
import { MaintenanceService } from './maintenance.service.js';
import { QueueDashboardService } from './queue-dashboard.service.js';

/** What other features may use. */
const PUBLIC = [MaintenanceService, QueueDashboardService];

/** The maintenance feature: its services, with only the public ones exported. */
@Module({
  imports: [JobsModule],
  providers: [...PUBLIC],
  exports: [...PUBLIC, JobsModule],
})
export class MaintenanceDomainModule {}
