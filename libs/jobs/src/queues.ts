/** Queue and job names: one place, so producers and processors cannot drift apart. */
export const MAINTENANCE_QUEUE = 'maintenance';

export const MaintenanceJob = {
  PurgeExpired: 'purge-expired',
} as const;

export type PurgeExpiredPayload = Record<string, never>;

export interface PurgeExpiredResult {
  sessions: number;
  loginThrottles: number;
  /** Outbox messages queued again because the queue lost their job. */
  mailRequeued: number;
}

export const MAIL_QUEUE = 'mail';

export const MailJob = {
  Send: 'send',
} as const;

/** The outbox row to send; the job's id is its EmailQueued event's id (see EventDispatcher). */
export interface SendMailPayload {
  emailId: string;
}

export const CERTIFICATES_QUEUE = 'certificates';

export const CertificateJob = {
  Issue: 'issue',
} as const;

/**
 * The certificate rows to render and sign, up to CERTIFICATES_PER_JOB; the job's id is its first
 * CertificateRequested event's id. `certificateId` is a job queued by a version before grouping.
 */
export interface IssueCertificatePayload {
  certificateIds?: string[];
  certificateId?: string;
}

/**
 * Certificates requested together (a course's or cohort's "issue missing certificates") go ten to
 * a job: the claim and the mark are then one statement for ten, and the queue takes one job.
 */
export const CERTIFICATES_PER_JOB = 10;

export const BOOKS_QUEUE = 'books';

export const BookJob = {
  Build: 'build',
} as const;

/** The book row to build; the job's id is its BookRequested event's id. */
export interface BuildBookPayload {
  bookId: string;
}

export const ALL_QUEUES = [MAINTENANCE_QUEUE, MAIL_QUEUE, CERTIFICATES_QUEUE, BOOKS_QUEUE] as const;
