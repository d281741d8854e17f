import { Injectable, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobsModule } from '@karvan/jobs';
import { ApiTokensService } from './auth/api-tokens.service.js';
import { AuthService } from './auth/auth.service.js';
import { LoginThrottleService } from './auth/login-throttle.service.js';
import { SessionsService } from './auth/sessions.service.js';
import { CourseArchiveService } from './courses/course-archive.service.js';
import { CourseSyncService } from './courses/course-sync.service.js';
import { QuizTransferService } from './courses/quiz-transfer.service.js';
import { CoursesService } from './courses/courses.service.js';
import { MediaService } from './courses/media.service.js';
import { CertificateApprovalService } from './courses/certificate-approval.service.js';
import { ModulesService } from './courses/modules.service.js';
import { DomainEvents } from './events/domain-events.service.js';
import { EventDispatcher } from './events/event-dispatcher.service.js';
import { EventSweep } from './events/event-sweep.service.js';
import { QueueCoverageCheck } from './events/queue-coverage.js';
import { BulkEnrolmentService } from './learning/bulk-enrolment.service.js';
import { MailService } from './mail/mail.service.js';
import { SendMailProcessor } from './mail/send-mail.processor.js';
import { InvitationsService } from './users/invitations.service.js';
import { RegistrationService } from './users/registration.service.js';
import { CatalogueService } from './learning/catalogue.service.js';
import { EnrolmentsService } from './learning/enrolments.service.js';
import { GradebookService } from './learning/gradebook.service.js';
import { MyLearningService } from './learning/my-learning.service.js';
import { ReaderStateCache } from './learning/reader-state.cache.js';
import { QuizAttemptsService } from './learning/quiz-attempts.service.js';
import { ReaderService } from './learning/reader.service.js';
import { MaintenanceService } from './maintenance/maintenance.service.js';
import { PurgeExpiredProcessor } from './maintenance/purge-expired.processor.js';
import { QueueDashboardService } from './maintenance/queue-dashboard.service.js';
import { CertificateIssuer } from './certificates/certificate-issuer.service.js';
import { CertificateQueue } from './certificates/certificate-queue.service.js';
import { CertificatesService } from './certificates/certificates.service.js';
import { FileStorage } from './certificates/file-storage.js';
import { IssueCertificateProcessor } from './certificates/issue-certificate.processor.js';
import { SigningKeysService } from './certificates/signing-keys.service.js';
import { ApplicationsService } from './summer/applications.service.js';
import { AttendanceService } from './summer/attendance.service.js';
import { CohortDashboardService } from './summer/cohort-dashboard.service.js';
import { CohortsService } from './summer/cohorts.service.js';
import { MembershipService } from './summer/membership.service.js';
import { SelectionService } from './summer/selection.service.js';
import { TimetableService } from './summer/timetable.service.js';
import { User } from './users/user.entity.js';
import { GrantsService } from './access/grants.service.js';
import { OrganisationsService } from './access/organisations.service.js';
import { PrincipalsService } from './auth/principals.service.js';
import { UsersService } from './users/users.service.js';

/** Every entity of the domain, for the DataSource of each app and the migration command. */
export const ENTITIES = [User];

const SERVICES = [
  GrantsService,
  OrganisationsService,
  PrincipalsService,
  UsersService,
  SessionsService,
  ApiTokensService,
  LoginThrottleService,
  AuthService,
  MaintenanceService,
  CoursesService,
  ModulesService,
  MediaService,
  CertificateApprovalService,
  CourseSyncService,
  CourseArchiveService,
  QuizTransferService,
  EventDispatcher,
  DomainEvents,
  EnrolmentsService,
  CatalogueService,
  ReaderService,
  ReaderStateCache,
  QuizAttemptsService,
  MailService,
  BulkEnrolmentService,
  InvitationsService,
  RegistrationService,
  GradebookService,
  MyLearningService,
  QueueDashboardService,
  FileStorage,
  SigningKeysService,
  CertificateQueue,
  CertificatesService,
  CertificateIssuer,
  CohortsService,
  MembershipService,
  ApplicationsService,
  SelectionService,
  TimetableService,
  AttendanceService,
  CohortDashboardService,
];

@Module({
  imports: [JobsModule],
  providers: SERVICES,
  exports: [...SERVICES, JobsModule],
})
export class DomainModule {}

@Injectable()
class RecurringJobs implements OnApplicationBootstrap {
  constructor(private readonly maintenance: MaintenanceService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.schedulePurge();
  }
}

/**
 * On stop, the workers finish their jobs before anything else closes. Left to the default order,
 * the database could close under a running job, and in embedded mode the stop then never ended.
 */
@Injectable()
class StopWorkersFirst implements BeforeApplicationShutdown {
  constructor(
    private readonly purge: PurgeExpiredProcessor,
    private readonly mail: SendMailProcessor,
    private readonly certificates: IssueCertificateProcessor,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.purge, this.mail, this.certificates].map((processor) => processor.worker?.close()));
  }
}

/** The processors, hosted by the worker, and by the api in embedded mode. */
@Module({
  imports: [DomainModule, DiscoveryModule],
  providers: [
    PurgeExpiredProcessor,
    SendMailProcessor,
    IssueCertificateProcessor,
    RecurringJobs,
    StopWorkersFirst,
    EventSweep,
    QueueCoverageCheck,
  ],
})
export class DomainProcessorsModule {}
