import { requireCapability, SITE_SCOPE, type Grantee } from '../access/index.js';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { DomainEvents } from '../events/index.js';
import { recordEvent } from '../events/index.js';
import { translate, type MessageVars } from '../i18n/translate.js';
import type { Locale } from '../shared/locale.js';
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
    private readonly events: DomainEvents,
  ) {}

  /**
   * Adds the message and its EmailQueued event in the caller's transaction; returns its id, or
   * null when it was already there.
   */
  async add(tx: EntityManager, email: NewEmail): Promise<string | null> {
    return (await this.insert(tx, email, false))?.emailId ?? null;
  }

  /**
   * As `add`, for a caller that sends the message itself after commit with MailDelivery.deliver,
   * instead of having a second job queued for it. Its event is held: if the caller dies before
   * sending, the sweep queues the usual job a minute later.
   */
  addHeld(tx: EntityManager, email: NewEmail): Promise<{ emailId: string; eventId: string } | null> {
    return this.insert(tx, email, true);
  }

  private async insert(tx: EntityManager, email: NewEmail, held: boolean) {
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
    const emailId = rows[0]?.id;
    if (!emailId) return null;
    const eventId = await recordEvent(tx, { type: 'EmailQueued', payload: { emailId } }, held);
    return { emailId, eventId };
  }

  /** Messages still unsent a minute after their event was dispatched: the queue lost their job. */
  async requeueStale(): Promise<number> {
    const rows = await this.db.query<Array<{ id: string }>>(
      `SELECT id FROM outbox_emails WHERE status = 'queued' AND created_at < now() - interval '1 minute' LIMIT 500`,
    );
    return this.events.redispatch(
      'EmailQueued',
      rows.map((r) => ({ emailId: r.id })),
      60,
    );
  }

  /** For staff to read: invitation and reset links without their tokens, which only the addressee may use. */
  async outbox(actor: Grantee, limit = 200): Promise<OutboxEmail[]> {
    requireCapability(actor, 'mail.read', SITE_SCOPE, 'Only administrators read the outbox.');
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
