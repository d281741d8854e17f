import { Module } from '@nestjs/common';
import { AccessDomainModule } from '../access/index.js';
import { EventsDomainModule } from '../events/index.js';
import { MailDomainModule } from '../mail/index.js';
import { CohortsService } from './cohorts.service.js';
import { MembershipService } from './membership.service.js';
import { ApplicationsService } from './applications.service.js';
import { SelectionService } from './selection.service.js';
import { TimetableService } from './timetable.service.js';
import { AttendanceService } from './attendance.service.js';
import { CohortDashboardService } from './cohort-dashboard.service.js';
import { CohortDefinitionsService } from './cohort-definitions.service.js';

/** What other features may use. */
const PUBLIC = [
  CohortsService,
  MembershipService,
  ApplicationsService,
  SelectionService,
  TimetableService,
  AttendanceService,
  CohortDashboardService,
  CohortDefinitionsService,
];

/** The summer feature: its services, with only the public ones exported. */
@Module({
  imports: [AccessDomainModule, EventsDomainModule, MailDomainModule],
  providers: [...PUBLIC],
  exports: PUBLIC,
})
export class SummerDomainModule {}
