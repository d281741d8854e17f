import { Module } from '@nestjs/common';
import { JobsModule } from '@karvan/jobs';
import { EventsDomainModule } from '../events/index.js';
import { MailDomainModule } from '../mail/index.js';
import { FileStorage } from './file-storage.js';
import { SigningKeysService } from './signing-keys.service.js';
import { CertificateQueue } from './certificate-queue.service.js';
import { CertificatesService } from './certificates.service.js';
import { CertificateIssuer } from './certificate-issuer.service.js';
import { CredentialStatusService } from './credential-status.service.js';
import { OpenBadgesService } from './open-badges.service.js';

/** What other features may use. */
const PUBLIC = [
  FileStorage,
  SigningKeysService,
  CertificateQueue,
  CertificatesService,
  CertificateIssuer,
  CredentialStatusService,
  OpenBadgesService,
];

/** The certificates feature: its services, with only the public ones exported. */
@Module({
  imports: [JobsModule, EventsDomainModule, MailDomainModule],
  providers: [...PUBLIC],
  exports: [...PUBLIC, JobsModule],
})
export class CertificatesDomainModule {}
