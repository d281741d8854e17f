import { Module } from '@nestjs/common';
import { DomainModule } from '@karvan/domain';
import { GradebookController } from './gradebook.controller.js';
import { LearningPagesController } from './learning-pages.controller.js';

@Module({
  imports: [DomainModule],
  controllers: [GradebookController, LearningPagesController],
})
export class LearningModule {}
