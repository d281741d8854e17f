import { Module } from '@nestjs/common';
import { JobsModule } from '@karvan/jobs';
import { MaintenanceService } from './maintenance.service.js';
import { QueueDashboardService } from './queue-dashboard.service.js';

/** The maintenance feature: its services, with only the public ones exported. */
@Module({
  imports: [JobsModule],
  providers: [MaintenanceService, QueueDashboardService],
  exports: [MaintenanceService, QueueDashboardService, JobsModule],
})
export class MaintenanceDomainModule {}
