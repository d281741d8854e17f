import { Module } from '@nestjs/common';
import { DomainModule } from '@karvan/domain';
import { BulkEnrolmentController } from './bulk-enrolment.controller.js';
import { EnrolmentApiController } from './enrolment-api.controller.js';
import { GradebookController } from './gradebook.controller.js';
import { LearningPagesController } from './learning-pages.controller.js';
import { QuizApiController } from './quiz-api.controller.js';
import { QuizPagesController } from './quiz-pages.controller.js';
import { RegradeController } from './regrade.controller.js';
import { EssayGradingController } from './essay-grading.controller.js';
import { GradeChangesPagesController } from './grade-changes-pages.controller.js';

@Module({
  imports: [DomainModule],
  controllers: [
    BulkEnrolmentController,
    EnrolmentApiController,
    GradebookController,
    LearningPagesController,
    QuizPagesController,
    QuizApiController,
    RegradeController,
    EssayGradingController,
    GradeChangesPagesController,
  ],
})
export class LearningModule {}
