import { Accounts1764300000000 } from './1764300000000-accounts.js';
import { Courses1764400000000 } from './1764400000000-courses.js';
import { Learning1764500000000 } from './1764500000000-learning.js';
import { MailAndInvitations1764600000000 } from './1764600000000-mail-and-invitations.js';
import { Certificates1764700000000 } from './1764700000000-certificates.js';
import { SummerSchools1764800000000 } from './1764800000000-summer-schools.js';
import { TokenScopes1764860000000 } from './1764860000000-token-scopes.js';
import { Access1764900000000 } from './1764900000000-access.js';
import { CertificateApproval1764950000000 } from './1764950000000-certificate-approval.js';
import { DomainEvents1764960000000 } from './1764960000000-domain-events.js';
import { SessionSequence1765000000000 } from './1765000000000-session-sequence.js';
import { Books1766000000000 } from './1766000000000-books.js';
import { Assessment1766100000000 } from './1766100000000-assessment.js';
import { Glossary1766200000000 } from './1766200000000-glossary.js';
import { CredentialStatus1766300000000 } from './1766300000000-credential-status.js';
import { UserTimeZone1766400000000 } from './1766400000000-user-time-zone.js';
import { SummerTranslations1766400001000 } from './1766400001000-summer-translations.js';
import { PasswordResets1766500000000 } from './1766500000000-password-resets.js';
import { Essays1766600000000 } from './1766600000000-essays.js';
import { EmailChanges1766700000000 } from './1766700000000-email-changes.js';
import { CohortTimeZone1766700001000 } from './1766700001000-cohort-time-zone.js';
import { ContentEpoch1766800000000 } from './1766800000000-content-epoch.js';
import { RevisionWarnings1766900000000 } from './1766900000000-revision-warnings.js';
import { SyncFingerprints1767000000000 } from './1767000000000-sync-fingerprints.js';
import { GlossaryEpoch1767100000000 } from './1767100000000-glossary-epoch.js';
import { EventJobs1767200000000 } from './1767200000000-event-jobs.js';
import { TranslationSources1767300000000 } from './1767300000000-translation-sources.js';
import { TranslationFeedback1767400000000 } from './1767400000000-translation-feedback.js';
import { ModuleDrafts1767500000000 } from './1767500000000-module-drafts.js';
import { SessionTranslations1767600000000 } from './1767600000000-session-translations.js';
import { CourseTitleTranslations1767700000000 } from './1767700000000-course-title-translations.js';

/** Every migration, oldest first. A new migration is added here and nowhere else. */
export const MIGRATIONS = [
  Accounts1764300000000,
  Courses1764400000000,
  Learning1764500000000,
  MailAndInvitations1764600000000,
  Certificates1764700000000,
  SummerSchools1764800000000,
  TokenScopes1764860000000,
  Access1764900000000,
  CertificateApproval1764950000000,
  DomainEvents1764960000000,
  SessionSequence1765000000000,
  Books1766000000000,
  Assessment1766100000000,
  Glossary1766200000000,
  CredentialStatus1766300000000,
  UserTimeZone1766400000000,
  SummerTranslations1766400001000,
  PasswordResets1766500000000,
  Essays1766600000000,
  EmailChanges1766700000000,
  CohortTimeZone1766700001000,
  ContentEpoch1766800000000,
  RevisionWarnings1766900000000,
  SyncFingerprints1767000000000,
  GlossaryEpoch1767100000000,
  EventJobs1767200000000,
  TranslationSources1767300000000,
  TranslationFeedback1767400000000,
  ModuleDrafts1767500000000,
  SessionTranslations1767600000000,
  CourseTitleTranslations1767700000000,
];
