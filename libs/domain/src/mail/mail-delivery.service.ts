import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { prepared } from '@karvan/database';
import { heldEventSql } from '../events/index.js';

/** SQL: the message may be taken; one a worker was killed while sending may be sent again after a while. */
const CLAIMABLE = `(status IN ('queued', 'failed') OR (status = 'sending' AND claimed_at < now() - interval '5 minutes'))`;

interface Claimed {
  to_address: string;
  subject: string;
  body_text: string;
}

/**
 * Sends one outbox message. The row is claimed before sending and marked after, so a retried or
 * duplicated job never sends a message that was sent. Without SMTP_URL the message stays in the
 * outbox, readable in the browser.
 */
@Injectable()
export class MailDelivery {
  private readonly logger = new Logger(MailDelivery.name);
  private readonly transport: Transporter | null;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.transport = config.smtpUrl ? createTransport(config.smtpUrl) : null;
  }

  /**
   * Sends the message unless another sender has it or sent it; true when this call sent it. With
   * `heldEventId` (see MailService.addHeld) the caller sends it in place of a mail job: success
   * marks that event dispatched, failure hands it back to the sweep, whose job retries it.
   * Throws when sending failed.
   */
  async deliver(emailId: string, heldEventId?: string): Promise<boolean> {
    if (!this.transport) return (await this.keepInOutbox([emailId], heldEventId ? [heldEventId] : [])) > 0;
    const claimed = await this.claim(emailId);
    if (!claimed) return false;
    try {
      await this.transport.sendMail({
        from: this.config.mailFrom,
        to: claimed.to_address,
        subject: claimed.subject,
        text: claimed.body_text,
      });
    } catch (error) {
      await this.markFailed(emailId, (error as Error).message.slice(0, 1000), heldEventId);
      throw error;
    }
    await this.markSent(emailId, heldEventId);
    this.logger.log({ msg: 'e-mail sent', emailId, transport: 'smtp' });
    return true;
  }

  /**
   * `deliver` for messages one caller held, one after another: a message that fails is handed back
   * to its event and reported to `failed`, and the others go on. Without SMTP, keeping them all in
   * the outbox is one statement (a certificate job keeps ten e-mails in one round trip, not ten).
   */
  async deliverHeld(
    messages: Array<{ emailId: string; heldEventId: string }>,
    failed: (emailId: string, error: Error) => void,
  ): Promise<void> {
    if (messages.length === 0) return;
    if (!this.transport) {
      await this.keepInOutbox(
        messages.map((m) => m.emailId),
        messages.map((m) => m.heldEventId),
      );
      return;
    }
    for (const { emailId, heldEventId } of messages) {
      await this.deliver(emailId, heldEventId).catch((error: Error) => failed(emailId, error));
    }
  }

  /**
   * Without SMTP nothing leaves, so taking the messages and marking them done are one statement,
   * not a claim and a mark around a send. Returns how many it kept.
   */
  private async keepInOutbox(emailIds: string[], heldEventIds: string[]): Promise<number> {
    const kept = await prepared<Array<{ id: string }>>(
      this.db,
      `WITH kept AS (
         UPDATE outbox_emails SET status = 'sent', sent_at = now(), transport = 'outbox', attempts = attempts + 1,
           claimed_at = now()
         WHERE id = ANY($1::uuid[]) AND ${CLAIMABLE} RETURNING id
       ), done AS (${heldEventSql.done('ANY($2::uuid[])')})
       SELECT id FROM kept`,
      [emailIds, heldEventIds],
    );
    for (const { id } of kept) this.logger.log({ msg: 'e-mail sent', emailId: id, transport: 'outbox' });
    return kept.length;
  }

  private async claim(emailId: string): Promise<Claimed | undefined> {
    const [claimed] = await this.db.query<Claimed[]>(
      `WITH claimed AS (
         UPDATE outbox_emails SET status = 'sending', attempts = attempts + 1, claimed_at = now()
         WHERE id = $1 AND ${CLAIMABLE}
         RETURNING to_address, subject, body_text
       ) SELECT * FROM claimed`,
      [emailId],
    );
    return claimed;
  }

  private async markSent(emailId: string, heldEventId: string | undefined): Promise<void> {
    await this.db.query(
      `WITH sent AS (
         UPDATE outbox_emails SET status = 'sent', sent_at = now(), transport = 'smtp' WHERE id = $1
       )
       ${heldEventSql.done('$2')}`,
      [emailId, heldEventId ?? null],
    );
  }

  private async markFailed(emailId: string, message: string, heldEventId: string | undefined): Promise<void> {
    await this.db.query(
      `WITH failed AS (
         UPDATE outbox_emails SET status = 'failed', last_error = $2 WHERE id = $1
       )
       ${heldEventSql.released('$3')}`,
      [emailId, message, heldEventId ?? null],
    );
  }
}
