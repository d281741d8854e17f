import { DefinitionBuilderController } from './definition-builder.controller.js';
import { Module } from '@nestjs/common';
import { DomainModule } from '@karvan/domain';
import { ApplicationsController } from './applications.controller.js';
import { CohortDashboardController } from './cohort-dashboard.controller.js';
import { SummerPages } from './page-views.js';
import { ProgrammesController } from './programmes.controller.js';
import { SelectionController } from './selection.controller.js';
import { SummerPublicController } from './summer-public.controller.js';
import { TimetableController } from './timetable.controller.js';

@Module({
  imports: [DomainModule],
  providers: [SummerPages],
  controllers: [
    SummerPublicController,
    ApplicationsController,
    ProgrammesController,
    SelectionController,
    TimetableController,
    CohortDashboardController,
    DefinitionBuilderController,
  ],
})
export class SummerModule {}
