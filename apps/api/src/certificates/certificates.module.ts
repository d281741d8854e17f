import { Module } from '@nestjs/common';
import { DomainModule } from '@karvan/domain';
import { CertificatesController } from './certificates.controller.js';
import { CredentialsController } from './credentials.controller.js';
import { CourseCertificatesController } from './course-certificates.controller.js';
import { QueuesController } from './queues.controller.js';
import { VerifyController } from './verify.controller.js';

@Module({
  imports: [DomainModule],
  controllers: [
    VerifyController,
    CredentialsController,
    CertificatesController,
    CourseCertificatesController,
    QueuesController,
  ],
})
export class CertificatesModule {}
