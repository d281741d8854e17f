import { Module } from '@nestjs/common';
import { DomainModule } from '@karvan/domain';
import { ApplicationsController } from './applications.controller.js';
import { CohortStaffController } from './cohort-staff.controller.js';
import { SummerPublicController } from './summer-public.controller.js';

@Module({
  imports: [DomainModule],
  controllers: [SummerPublicController, ApplicationsController, CohortStaffController],
})
export class SummerModule {}
