import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { DataSource } from 'typeorm';
import { prepared } from '@karvan/database';
import { emailValues, heldEmailsSql, MailDelivery } from '../mail/index.js';
import { canonicalJson } from './canonical-json.js';
import { renderCertificatePdf } from './certificate-pdf.js';
import { claimSubjects, subjectOf, type ClaimedRow } from './certificate-subject.js';
import { isUuid } from '../shared/ids.js';
import { FileStorage } from './file-storage.js';
import { SigningKeysService } from './signing-keys.service.js';

/**
 * Marks the certificates issued and writes their e-mails in one statement, so in one round trip
 * and atomically: an e-mail exists exactly when this run issued its certificate. Their events are
 * held, because this job sends the e-mails itself rather than queueing a job for each.
 */
const MARK_ISSUED = `WITH signed AS (
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, revision int, payload text, signature text,
       key_id text, pdf_key text, pdf_sha256 text, dedupe_key text, to_address text, subject text, body_text text)
   ), issued AS (
     UPDATE certificates c SET status = 'issued', payload = s.payload, signature = s.signature, key_id = s.key_id,
       pdf_key = s.pdf_key, pdf_sha256 = s.pdf_sha256, last_error = NULL
     FROM signed s WHERE c.id = s.id AND c.revision = s.revision AND c.status = 'pending' RETURNING c.id
   ), mail AS (
     SELECT s.* FROM signed s JOIN issued USING (id)
   ), ${heldEmailsSql('mail')}
   SELECT mail.id, email.id AS email_id, email_event.id AS event_id
   FROM mail LEFT JOIN email USING (dedupe_key) LEFT JOIN email_event ON email_event.payload->>'emailId' = email.id::text`;

export type IssueOutcome = 'issued' | 'already-done';

/** A certificate ready to be marked issued: its signed record, its PDF's key and its e-mail's columns. */
interface Signed {
  id: string;
  revision: number;
  payload: string;
  signature: string;
  key_id: string;
  pdf_key: string;
  pdf_sha256: string;
  dedupe_key: string;
  to_address: string;
  subject: string;
  body_text: string;
}

/** The worker's side: claim pending certificates, render and store their PDFs, sign them, mark them issued. */
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

  /** One certificate: see `issueAll`. */
  async issue(certificateId: string): Promise<IssueOutcome> {
    return (await this.issueAll([certificateId]))[certificateId];
  }

  /**
   * Safe to run any number of times for the same certificates, concurrently or after a crash: a
   * PDF is the same bytes at the same key, and only the first run to finish marks a certificate
   * issued and writes its e-mail (whose dedupe key is per certificate and revision). Claiming and
   * marking take one statement each for the whole group. A certificate that fails keeps its error
   * on its row and the others are issued; then this throws, so that the job is tried again.
   */
  async issueAll(certificateIds: string[]): Promise<Record<string, IssueOutcome>> {
    const outcomes: Record<string, IssueOutcome> = Object.fromEntries(certificateIds.map((id) => [id, 'already-done']));
    const failed = new Map<string, Error>();
    try {
      const claimed = await claimSubjects(this.db.manager, certificateIds);
      if (this.config.faultCertificatePauseMs > 0 && claimed.length > 0)
        await sleep(this.config.faultCertificatePauseMs);
      const signed: Signed[] = [];
      for (const row of claimed) {
        try {
          signed.push(await this.prepare(row));
        } catch (error) {
          failed.set(row.id, error as Error);
        }
      }
      if (signed.length > 0) {
        for (const id of await this.markIssued(signed)) outcomes[id] = 'issued';
      }
    } catch (error) {
      for (const id of certificateIds) failed.set(id, error as Error);
    }
    if (failed.size > 0) {
      await this.recordErrors(failed);
      throw [...failed.values()][0];
    }
    return outcomes;
  }

  /** Renders, stores and signs one claimed certificate. */
  private async prepare(row: ClaimedRow): Promise<Signed> {
    const subject = subjectOf(row, this.config);
    const pdf = await renderCertificatePdf({ ...subject.document, issuedAt: row.issued_at });
    const pdfKey = `certificates/${row.id}.pdf`;
    await this.storage.put(pdfKey, pdf);
    const pdfSha256 = createHash('sha256').update(pdf).digest('hex');
    const payload = canonicalJson({ ...subject.payload, issuedAt: row.issued_at.toISOString(), pdfSha256 });
    const { keyId, signature } = await this.keys.sign(payload);
    const [dedupeKey, to, mailSubject, body] = emailValues({
      dedupeKey: `certificate-ready:${row.id}:r${row.revision}`,
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
    return {
      id: row.id,
      revision: row.revision,
      payload,
      signature,
      key_id: keyId,
      pdf_key: pdfKey,
      pdf_sha256: pdfSha256,
      dedupe_key: dedupeKey,
      to_address: to,
      subject: mailSubject,
      body_text: body,
    };
  }

  /** Marks them issued, then sends the e-mails this run wrote; returns the certificates it issued. */
  private async markIssued(signed: Signed[]): Promise<string[]> {
    const rows = await prepared<Array<{ id: string; email_id: string | null; event_id: string | null }>>(
      this.db,
      MARK_ISSUED,
      [JSON.stringify(signed)],
    );
    const certificateOf = new Map(rows.map((row) => [row.email_id, row.id]));
    const mails = rows.flatMap((row) =>
      row.email_id && row.event_id ? [{ emailId: row.email_id, heldEventId: row.event_id }] : [],
    );
    // The certificates are issued whatever happens to their e-mails: a failed send is retried by the mail queue.
    const leftToQueue = (emailId: string | null, error: Error) =>
      this.logger.warn({
        msg: 'certificate e-mail left to the mail queue',
        certificateId: certificateOf.get(emailId),
        emailId,
        error: error.message,
      });
    await this.delivery.deliverHeld(mails, leftToQueue).catch((error: Error) => leftToQueue(null, error));
    return rows.map((row) => row.id);
  }

  /** On each row that exists: a job for an id that is not one fails with its own error. */
  private async recordErrors(failed: Map<string, Error>): Promise<void> {
    const errors = [...failed]
      .filter(([id]) => isUuid(id))
      .map(([id, error]) => ({ id, error: String(error.message ?? error).slice(0, 2000) }));
    if (errors.length === 0) return;
    await this.db.query(
      `UPDATE certificates c SET last_error = x.error
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, error text) WHERE c.id = x.id`,
      [JSON.stringify(errors)],
    );
  }
}
