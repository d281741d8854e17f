import { Inject, Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { MAIL_QUEUE, processorOptions, type SendMailPayload } from '@karvan/jobs';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';

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
@Processor(MAIL_QUEUE, processorOptions())
export class SendMailProcessor extends WorkerHost {
  private readonly logger = new Logger(SendMailProcessor.name);
  private readonly transport: Transporter | null;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    this.transport = config.smtpUrl ? createTransport(config.smtpUrl) : null;
  }

  async process(job: Job<SendMailPayload>): Promise<{ sent: boolean }> {
    const [claimed] = await this.db.query<Claimed[]>(
      `WITH claimed AS (
         UPDATE outbox_emails SET status = 'sending', attempts = attempts + 1, claimed_at = now()
         WHERE id = $1 AND (status IN ('queued', 'failed')
           -- A worker killed while sending left it claimed: after a while, it may be sent again.
           OR (status = 'sending' AND claimed_at < now() - interval '5 minutes'))
         RETURNING to_address, subject, body_text
       ) SELECT * FROM claimed`,
      [job.data.emailId],
    );
    if (!claimed) return { sent: false };
    try {
      if (this.transport) {
        await this.transport.sendMail({
          from: this.config.mailFrom,
          to: claimed.to_address,
          subject: claimed.subject,
          text: claimed.body_text,
        });
      }
    } catch (error) {
      await this.db.query(`UPDATE outbox_emails SET status = 'failed', last_error = $2 WHERE id = $1`, [
        job.data.emailId,
        (error as Error).message.slice(0, 1000),
      ]);
      throw error;
    }
    await this.db.query(`UPDATE outbox_emails SET status = 'sent', sent_at = now(), transport = $2 WHERE id = $1`, [
      job.data.emailId,
      this.transport ? 'smtp' : 'outbox',
    ]);
    this.logger.log({ msg: 'e-mail sent', emailId: job.data.emailId, transport: this.transport ? 'smtp' : 'outbox' });
    return { sent: true };
  }
}
