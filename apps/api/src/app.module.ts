import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { ConfigModule, type AppConfig } from '@karvan/config';
import { DatabaseModule } from '@karvan/database';
import { DemoModule } from '@karvan/demo';
import { DomainModule, DomainProcessorsModule, ENTITIES } from '@karvan/domain';
import { AccessModule } from './access/access.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AuthoringModule } from './authoring/authoring.module.js';
import { AccessGuard } from './common/access.guard.js';
import { CsrfGuard } from './common/csrf.guard.js';
import { ErrorFilter } from './common/error.filter.js';
import { ContentSyncOnStart } from './content-sync-on-start.js';
import { HealthController } from './health/health.controller.js';
import { GlossaryModule } from './glossary/glossary.module.js';
import { HelpModule } from './help/help.module.js';
import { HomeController } from './home/home.controller.js';
import { HomeService } from './home/home.service.js';
import { LearningModule } from './learning/learning.module.js';
import { BooksModule } from './books/books.module.js';
import { CertificatesModule } from './certificates/certificates.module.js';
import { SummerModule } from './summer/summer.module.js';
import { ProfileModule } from './profile/profile.module.js';
import { UsersModule } from './users/users.module.js';

export interface AppOptions {
  /** Embedded mode: the api process also runs the job processors. */
  inProcessWorker: boolean;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DiscoveryModule,
        DatabaseModule.forRoot(ENTITIES),
        DomainModule,
        DemoModule,
        AuthModule,
        AccessModule,
        ProfileModule,
        UsersModule,
        AuthoringModule,
        LearningModule,
        BooksModule,
        CertificatesModule,
        SummerModule,
        HelpModule,
        GlossaryModule,
        ...(options.inProcessWorker ? [DomainProcessorsModule] : []),
      ],
      controllers: [HomeController, HealthController],
      providers: [
        ContentSyncOnStart,
        HomeService,
        // Order matters: who may call comes before whether the form is genuine.
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: CsrfGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
