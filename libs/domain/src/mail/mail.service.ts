import { requireCapability, SITE_SCOPE, type Grantee } from '../access/index.js';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { DomainEvents } from '../events/index.js';
import { heldEventSql, recordEvent } from '../events/index.js';
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

/**
 * SQL for the CTE `email`: a message for each row of the CTE `source`, unless its dedupe key was
 * mailed already; it returns the message's id and dedupe key. `values` are the SQL of its dedupe
 * key, address, subject and body: parameters (`emailValues`) or the source's columns.
 */
function emailSql(source: string, values: readonly string[]): string {
  const [key, to, subject, body] = values;
  return `email AS (
       INSERT INTO outbox_emails (dedupe_key, to_address, subject, body_text)
       SELECT ${key}, ${to}, ${subject}, ${body} FROM ${source}
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, dedupe_key
     )`;
}

/** The SQL of `emailValues` as parameters from `$first`. */
const valueParams = (first: number) => [0, 1, 2, 3].map((i) => `$${first + i}::text`);

function heldSql(source: string, values: readonly string[]): string {
  return `${emailSql(source, values)},
     ${heldEventSql.record('email_event', 'EmailQueued', `jsonb_build_object('emailId', email.id)`, 'email')}`;
}

/**
 * SQL for the CTEs `email` and `email_event`: the message of `emailSql` and its held EmailQueued
 * event. For a caller that writes its own change and the message in one statement; see
 * `MailService.addHeld` for what a held message asks of the caller.
 */
export function heldEmailSql(source: string, first: number): string {
  return heldSql(source, valueParams(first));
}

/**
 * As `heldEmailSql`, for a message per row of `source`, held in its columns `dedupe_key`,
 * `to_address`, `subject` and `body_text`. `email_event` returns each event's id with its payload,
 * whose `emailId` ties it to its message.
 */
export function heldEmailsSql(source: string): string {
  return heldSql(source, ['dedupe_key', 'to_address', 'subject', 'body_text']);
}

/** A message's columns, as `heldEmailSql` and `add` take them: its dedupe key, address, and subject and body in the addressee's language. */
export function emailValues(email: NewEmail): string[] {
  return [
    email.dedupeKey,
    email.to,
    translate(email.locale, `mail.${email.template}.subject`, email.params),
    translate(email.locale, `mail.${email.template}.body`, email.params),
  ];
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
    const rows = await tx.query<Array<{ id: string }>>(
      `WITH one AS (SELECT 1), ${emailSql('one', valueParams(1))} SELECT id FROM email`,
      emailValues(email),
    );
    const emailId = rows[0]?.id;
    if (!emailId) return null;
    await recordEvent(tx, { type: 'EmailQueued', payload: { emailId } });
    return emailId;
  }

  /**
   * As `add`, for a caller that sends the message itself after commit with MailDelivery.deliver,
   * instead of having a second job queued for it. Its event is held: if the caller dies before
   * sending, the sweep queues the usual job a minute later.
   */
  async addHeld(tx: EntityManager, email: NewEmail): Promise<{ emailId: string; eventId: string } | null> {
    const [row] = await tx.query<Array<{ email_id: string | null; event_id: string | null }>>(
      `WITH one AS (SELECT 1), ${heldEmailSql('one', 1)}
       SELECT (SELECT id FROM email) AS email_id, (SELECT id FROM email_event) AS event_id`,
      emailValues(email),
    );
    return row.email_id && row.event_id ? { emailId: row.email_id, eventId: row.event_id } : null;
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
