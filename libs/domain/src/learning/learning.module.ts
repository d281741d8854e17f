import { Module } from '@nestjs/common';
import { EventsDomainModule } from '../events/index.js';
import { MailDomainModule } from '../mail/index.js';
import { GlossaryDomainModule } from '../glossary/index.js';
import { EnrolmentsService } from './enrolments.service.js';
import { CatalogueService } from './catalogue.service.js';
import { ReaderService } from './reader.service.js';
import { QuizAttemptsService } from './quiz-attempts.service.js';
import { BulkEnrolmentService } from './bulk-enrolment.service.js';
import { GradebookService } from './gradebook.service.js';
import { ItemAnalysisService } from './item-analysis.service.js';
import { RegradeService } from './regrade.service.js';
import { EssayGradingService } from './essay-grading.service.js';
import { CertificatesDomainModule } from '../certificates/index.js';
import { MyLearningService } from './my-learning.service.js';

/** What other features may use. */
const PUBLIC = [
  EnrolmentsService,
  CatalogueService,
  ReaderService,
  QuizAttemptsService,
  BulkEnrolmentService,
  GradebookService,
  ItemAnalysisService,
  RegradeService,
  EssayGradingService,
  MyLearningService,
];

/** The learning feature: its services, with only the public ones exported. */
@Module({
  imports: [EventsDomainModule, MailDomainModule, GlossaryDomainModule, CertificatesDomainModule],
  providers: [...PUBLIC],
  exports: PUBLIC,
})
export class LearningDomainModule {}
