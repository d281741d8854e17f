import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { DataSource } from 'typeorm';
import { prepared } from '@karvan/database';
import { emailValues, heldEmailSql, MailDelivery } from '../mail/index.js';
import { canonicalJson } from './canonical-json.js';
import { renderCertificatePdf } from './certificate-pdf.js';
import { claimSubject, type IssueSubject } from './certificate-subject.js';
import { FileStorage } from './file-storage.js';
import { SigningKeysService } from './signing-keys.service.js';

/**
 * Marks the certificate issued and writes its e-mail in one statement, so in one round trip and
 * atomically: the e-mail exists exactly when this run issued it. Its event is held, because this
 * job sends the e-mail itself rather than queueing a second job for it.
 */
const MARK_ISSUED = `WITH issued AS (
     UPDATE certificates SET status = 'issued', payload = $3, signature = $4, key_id = $5, pdf_key = $6,
       pdf_sha256 = $7, last_error = NULL
     WHERE id = $1 AND revision = $2 AND status = 'pending' RETURNING id
   ), ${heldEmailSql('issued', 8)}
   SELECT EXISTS (SELECT 1 FROM issued) AS issued, (SELECT id FROM email) AS email_id,
     (SELECT id FROM email_event) AS event_id`;

export type IssueOutcome = 'issued' | 'already-done';

/** The worker's side: claim a pending certificate, render and store its PDF, sign it, mark it issued. */
@Injectable()
export class CertificateIssuer {
  private readonly logger = new Logger(CertificateIssuer.name);

  constructor(
    private readonly db: DataSource,
    private readonly storage: FileStorage,
    private readonly keys: SigningKeysService,
    private readonly delivery: MailDelivery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Safe to run any number of times for the same certificate, concurrently or after a crash: the
   * PDF is the same bytes at the same key, and only the first run to finish marks it issued and
   * writes the e-mail (whose dedupe key is per certificate and revision).
   */
  async issue(certificateId: string): Promise<IssueOutcome> {
    try {
      const claimed = await claimSubject(this.db.manager, certificateId, this.config);
      if (!claimed) return 'already-done';
      const { subject } = claimed;
      if (this.config.faultCertificatePauseMs > 0) await sleep(this.config.faultCertificatePauseMs);
      const pdf = await renderCertificatePdf({ ...subject.document, issuedAt: claimed.issuedAt });
      const pdfKey = `certificates/${certificateId}.pdf`;
      await this.storage.put(pdfKey, pdf);
      const pdfSha256 = createHash('sha256').update(pdf).digest('hex');
      const payload = canonicalJson({ ...subject.payload, issuedAt: claimed.issuedAt.toISOString(), pdfSha256 });
      const signed = await this.keys.sign(payload);
      return await this.markIssued(certificateId, claimed.revision, subject, { payload, pdfKey, pdfSha256, ...signed });
    } catch (error) {
      await this.db.query(`UPDATE certificates SET last_error = $2 WHERE id = $1`, [
        certificateId,
        String((error as Error).message ?? error).slice(0, 2000),
      ]);
      throw error;
    }
  }

  private async markIssued(
    certificateId: string,
    revision: number,
    subject: IssueSubject,
    signed: { payload: string; pdfKey: string; pdfSha256: string; keyId: string; signature: string },
  ): Promise<IssueOutcome> {
    const email = emailValues({
      dedupeKey: `certificate-ready:${certificateId}:r${revision}`,
      to: subject.email,
      locale: subject.document.locale,
      template: 'certificateReady',
      params: {
        name: subject.document.holder,
        title: subject.document.title,
        verifyUrl: subject.document.verifyUrl,
        certificatesUrl: `${this.config.baseUrl}/certificates`,
      },
    });
    const [row] = await prepared<Array<{ issued: boolean; email_id: string | null; event_id: string | null }>>(
      this.db,
      MARK_ISSUED,
      [
        certificateId,
        revision,
        signed.payload,
        signed.signature,
        signed.keyId,
        signed.pdfKey,
        signed.pdfSha256,
        ...email,
      ],
    );
    if (!row.issued) return 'already-done';
    if (row.email_id && row.event_id) await this.sendReadyMail(certificateId, row.email_id, row.event_id);
    return 'issued';
  }

  /** The certificate is issued whatever happens here: a failed send is retried by the mail queue. */
  private async sendReadyMail(certificateId: string, emailId: string, eventId: string): Promise<void> {
    try {
      await this.delivery.deliver(emailId, eventId);
    } catch (error) {
      this.logger.warn({
        msg: 'certificate e-mail left to the mail queue',
        certificateId,
        error: (error as Error).message,
      });
    }
  }
}
