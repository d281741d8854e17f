/** Facts the domain records in the transaction that made them; each type has its own payload. */
export type DomainEvent =
  /** A certificate (or a new revision of it) is pending and must be rendered and signed. */
  | { type: 'CertificateRequested'; payload: { certificateId: string; revision: number } }
  /** An outbox e-mail was written and must be sent. */
  | { type: 'EmailQueued'; payload: { emailId: string } }
  /** A course book (one revision, language, edition and format) must be built. */
  | { type: 'BookRequested'; payload: { bookId: string } }
  | { type: 'CourseCompleted'; payload: { userId: string; courseId: string } }
  /** A trainer graded the last essay of an attempt: its score and pass are final. */
  | { type: 'AttemptGraded'; payload: { attemptId: string; userId: string } }
  | { type: 'CohortCompleted'; payload: { userId: string; cohortId: string } }
  | { type: 'CertificateRevoked'; payload: { certificateId: string; revokedBy: string } }
  | { type: 'ApplicationStatusChanged'; payload: { applicationId: string; from: string; to: string } };

export type DomainEventType = DomainEvent['type'];

export type EventPayload<T extends DomainEventType> = Extract<DomainEvent, { type: T }>['payload'];
