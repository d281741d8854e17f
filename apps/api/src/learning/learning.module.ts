import { Module } from '@nestjs/common';
import { DomainModule } from '@karvan/domain';
import { LearningPagesController } from './learning-pages.controller.js';

@Module({
  imports: [DomainModule],
  controllers: [LearningPagesController],
})
export class LearningModule {}
