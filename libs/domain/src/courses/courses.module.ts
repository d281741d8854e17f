import { Module } from '@nestjs/common';
import { AccessDomainModule } from '../access/index.js';
import { GlossaryDomainModule } from '../glossary/index.js';
import { CoursesService } from './courses.service.js';
import { ModulesService } from './modules.service.js';
import { MediaService } from './media.service.js';
import { CertificateApprovalService } from './certificate-approval.service.js';
import { CourseSyncService } from './course-sync.service.js';
import { CourseArchiveService } from './course-archive.service.js';
import { QuizTransferService } from './quiz-transfer.service.js';
import { GlossaryUsageService } from './glossary-usage.service.js';
import { ModuleLifecycleService } from './module-lifecycle.service.js';
import { CourseSettingsService } from './course-settings.service.js';

/** What other features may use. */
const PUBLIC = [
  CoursesService,
  ModulesService,
  MediaService,
  CertificateApprovalService,
  CourseSyncService,
  CourseArchiveService,
  QuizTransferService,
  GlossaryUsageService,
  ModuleLifecycleService,
  CourseSettingsService,
];

/** The courses feature: its services, with only the public ones exported. */
@Module({
  imports: [AccessDomainModule, GlossaryDomainModule],
  providers: [...PUBLIC],
  exports: PUBLIC,
})
export class CoursesDomainModule {}
