import { Injectable, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AccessDomainModule } from './access/index.js';
import { EventsDomainModule, EventSweep, QueueCoverageCheck } from './events/index.js';
import { MailDomainModule, SendMailProcessor } from './mail/index.js';
import { User, UsersDomainModule } from './users/index.js';
import { AuthDomainModule } from './auth/index.js';
import { GlossaryDomainModule } from './glossary/index.js';
import { CoursesDomainModule } from './courses/index.js';
import { LearningDomainModule } from './learning/index.js';
import { CertificatesDomainModule, IssueCertificateProcessor } from './certificates/index.js';
import { SummerDomainModule } from './summer/index.js';
import { MaintenanceDomainModule, MaintenanceService, PurgeExpiredProcessor } from './maintenance/index.js';
import { BooksDomainModule, BuildBookProcessor } from './books/index.js';

/** Every entity of the domain, for the DataSource of each app and the migration command. */
export const ENTITIES = [User];

const FEATURES = [
  AccessDomainModule,
  EventsDomainModule,
  MailDomainModule,
  UsersDomainModule,
  AuthDomainModule,
  GlossaryDomainModule,
  CoursesDomainModule,
  LearningDomainModule,
  CertificatesDomainModule,
  SummerDomainModule,
  MaintenanceDomainModule,
  BooksDomainModule,
];

/** All features, for an app that serves them all; each app module may import just the features it needs. */
@Module({ imports: FEATURES, exports: FEATURES })
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
    private readonly books: BuildBookProcessor,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(
      [this.purge, this.mail, this.certificates, this.books].map((processor) => processor.worker?.close()),
    );
  }
}

/** The processors, hosted by the worker, and by the api in embedded mode. */
@Module({
  imports: [DomainModule, DiscoveryModule],
  providers: [
    PurgeExpiredProcessor,
    SendMailProcessor,
    IssueCertificateProcessor,
    BuildBookProcessor,
    RecurringJobs,
    StopWorkersFirst,
    EventSweep,
    QueueCoverageCheck,
  ],
})
export class DomainProcessorsModule {}
