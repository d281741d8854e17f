import { AccessError, AccessErrorCode, can, SITE_SCOPE, type Grantee } from '../access/index.js';
import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { MAIL_QUEUE, MailJob, type SendMailPayload } from '@karvan/jobs';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { translate, type MessageVars } from '../i18n/translate.js';
import type { Locale } from '../users/roles.js';
import { redactSecretLinks } from './secret-links.js';

export interface NewEmail {
  /** Why this message exists (e.g. `invitation:<user>:<course>`); the same reason is never mailed twice. */
  dedupeKey: string;
  to: string;
  locale: Locale;
  /** Message keys `mail.<template>.subject` and `mail.<template>.body`. */
  template: string;
  params: MessageVars;
}

export interface OutboxEmail {
  id: string;
  to: string;
  subject: string;
  body: string;
  status: string;
  transport: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** E-mail goes through an outbox table: written in the caller's transaction, sent by a job. */
@Injectable()
export class MailService {
  constructor(
    private readonly db: DataSource,
    @InjectQueue(MAIL_QUEUE) private readonly queue: Queue<SendMailPayload>,
  ) {}

  /** Adds the message in the caller's transaction; returns its id, or null when it was already there. */
  async add(tx: EntityManager, email: NewEmail): Promise<string | null> {
    const rows = await tx.query<Array<{ id: string }>>(
      `INSERT INTO outbox_emails (dedupe_key, to_address, subject, body_text) VALUES ($1, $2, $3, $4)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        email.dedupeKey,
        email.to,
        translate(email.locale, `mail.${email.template}.subject`, email.params),
        translate(email.locale, `mail.${email.template}.body`, email.params),
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** After the transaction committed: one job per message, its id the message's, so a repeat is a no-op. */
  async dispatch(ids: Array<string | null>): Promise<void> {
    for (const id of ids) {
      if (id)
        await this.queue.add(
          MailJob.Send,
          { emailId: id },
          { jobId: id, attempts: 5, backoff: { type: 'exponential', delay: 5_000 } },
        );
    }
  }

  /** Queues again what a crash between commit and dispatch left behind. */
  async dispatchStale(): Promise<number> {
    const rows = await this.db.query<Array<{ id: string }>>(
      `SELECT id FROM outbox_emails WHERE status = 'queued' AND created_at < now() - interval '1 minute' LIMIT 500`,
    );
    await this.dispatch(rows.map((r) => r.id));
    return rows.length;
  }

  /** For staff to read: invitation and reset links without their tokens, which only the addressee may use. */
  async outbox(actor: Grantee, limit = 200): Promise<OutboxEmail[]> {
    if (!can(actor, 'mail.read', SITE_SCOPE))
      throw new AccessError(AccessErrorCode.Forbidden, 'Only administrators read the outbox.');
    const rows = await this.db.query<
      Array<{
        id: string;
        to_address: string;
        subject: string;
        body_text: string;
        status: string;
        transport: string | null;
        created_at: Date;
        sent_at: Date | null;
      }>
    >(
      `SELECT id, to_address, subject, body_text, status, transport, created_at, sent_at FROM outbox_emails ORDER BY created_at DESC LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      id: r.id,
      to: r.to_address,
      subject: r.subject,
      body: redactSecretLinks(r.body_text),
      status: r.status,
      transport: r.transport,
      createdAt: r.created_at,
      sentAt: r.sent_at,
    }));
  }
}
