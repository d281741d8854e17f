import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { Batched, prepared, rowsBy } from '@karvan/database';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { can, cohortScope, courseScope, linkedScopes, type Scope } from '../access/index.js';
import type { Principal } from '../auth/index.js';
import { groupedCode, normaliseCode } from './certificate-code.js';
import { SELECT_CERTIFICATE, type CertificateRow, type TitleTranslations } from './certificate-row.js';
import { DomainEvents } from '../events/index.js';
import { ISSUES_CERTIFICATES, requestMissing, type CertificateTicket } from './certificate-requests.js';
import { CertificateError, CertificateErrorCode } from './certificates.errors.js';
import { CredentialStatusService } from './credential-status.service.js';
import { FileStorage } from './file-storage.js';
import { linkedInAddUrl } from './linkedin.js';
import { SigningKeysService } from './signing-keys.service.js';
import { isUuid } from '../shared/ids.js';

export type CertificateStatus = 'pending' | 'issued' | 'revoked';

export interface CertificateSummary {
  id: string;
  code: string;
  printedCode: string;
  serial: number;
  kind: 'course' | 'cohort';
  title: string;
  /** The title in other languages (`{ az: { title } }`), for a page in the reader's. */
  titleTranslations: TitleTranslations;
  status: CertificateStatus;
  completedAt: Date;
  issuedAt: Date | null;
  revokedAt: Date | null;
  revokeReason: string | null;
  verifyUrl: string;
  /** LinkedIn's "add a certification" form, filled in; null until issued. */
  linkedInUrl: string | null;
}

export interface Verification {
  /** `invalid`: the stored record no longer matches its signature (altered after issue). */
  status: 'valid' | 'revoked' | 'pending' | 'unknown' | 'invalid';
  code: string;
  holder?: string;
  title?: string;
  titleTranslations?: TitleTranslations;
  kind?: 'course' | 'cohort';
  serial?: number;
  completedOn?: string;
  issuedAt?: string | null;
  revokedAt?: string | null;
  revokeReason?: string | null;
  /** The exact bytes that were signed, the Ed25519 signature (base64url) and the key that made it. */
  payload?: string | null;
  signature?: string | null;
  keyId?: string | null;
  pdfSha256?: string | null;
  keysUrl: string;
}

/** A certificate as its credentials describe it. */
export interface CertificateFacts {
  id: string;
  userId: string;
  revision: number;
  serial: number;
  code: string;
  holderEmail: string;
  title: string;
  kind: 'course' | 'cohort';
  subjectUrl: string;
  imageUrl: string;
  issuedAt: Date;
  verifyUrl: string;
}

export interface HolderRow {
  user_id: string;
  name: string;
  email: string;
  completed_at: Date;
  certificate_id: string | null;
  status: CertificateStatus | null;
  code: string | null;
  last_error: string | null;
}

/** What people do with certificates: see their own, download, verify, revoke and re-issue. */
@Injectable()
export class CertificatesService {
  private readonly certificatesOf = new Batched((userIds: string[]) => this.readMine(userIds));
  /** Codes checked at once (employers, registrars, anyone with a link) are read in one statement. */
  private readonly byCode = new Batched((codes: string[]) => this.readByCodes(codes));

  constructor(
    private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly storage: FileStorage,
    private readonly keys: SigningKeysService,
    private readonly status: CredentialStatusService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async mine(principal: Principal): Promise<CertificateSummary[]> {
    return (await this.certificatesOf.load(principal.userId)) ?? [];
  }

  /** Several holders' certificates in one statement: the home page of everyone asks at once. */
  private async readMine(userIds: string[]): Promise<Map<string, CertificateSummary[]>> {
    const rows = await prepared<CertificateRow[]>(
      this.db,
      `${SELECT_CERTIFICATE} WHERE c.user_id = ANY($1::uuid[]) ORDER BY c.completed_at DESC`,
      [userIds],
    );
    return rowsBy(
      rows,
      (row) => row.user_id,
      (row) => this.summary(row),
    );
  }

  /** The PDF for its holder or the staff; a revoked or not yet issued certificate is not served. */
  async pdf(principal: Principal, id: string): Promise<{ filename: string; data: Buffer }> {
    const row = await this.visible(principal, id);
    assertServable(row);
    const data = await this.storage.get(row.pdf_key!);
    if (!data) throw new CertificateError(CertificateErrorCode.NotIssued, 'The certificate file is being prepared.');
    return { filename: `certificate-${String(row.serial).padStart(6, '0')}.pdf`, data };
  }

  /** What an Open Badges credential says about a certificate its holder or staff may download. */
  async badgeFacts(principal: Principal, id: string): Promise<CertificateFacts> {
    const row = await this.visible(principal, id);
    assertServable(row);
    const base = this.config.baseUrl;
    return {
      id: row.id,
      userId: row.user_id,
      revision: row.revision,
      serial: Number(row.serial),
      code: row.code,
      holderEmail: row.email,
      title: row.title,
      kind: row.kind,
      subjectUrl: row.cohort_id ? `${base}/cohorts/${row.cohort_id}` : `${base}/courses/${row.slug ?? ''}`,
      imageUrl: row.cohort_id ? `${base}/badges/cohort/${row.cohort_id}.svg` : `${base}/badges/course/${row.slug}.svg`,
      issuedAt: row.issued_at!,
      verifyUrl: this.verifyUrl(row.code),
    };
  }

  /** The title an achievement badge shows, for a course that issues certificates or a cohort; null if none. */
  async badgeTitle(kind: 'course' | 'cohort', key: string): Promise<string | null> {
    if (kind === 'cohort' && !isUuid(key)) return null;
    const [row] = await this.db.query<Array<{ title: string }>>(
      kind === 'course'
        ? `SELECT c.title FROM courses c WHERE c.slug = $1 AND ${ISSUES_CERTIFICATES}`
        : `SELECT title FROM cohorts WHERE id = $1`,
      [key],
    );
    return row?.title ?? null;
  }

  /** Public: what anyone holding the code may learn. An unknown or malformed code says unknown. */
  async verify(input: string): Promise<Verification> {
    const keysUrl = `${this.config.baseUrl}/.well-known/karvan-keys.json`;
    const code = normaliseCode(input);
    const row = code ? await this.byCode.load(code) : undefined;
    if (!row) return { status: 'unknown', code: input.slice(0, 64), keysUrl };
    const status = row.status === 'issued' ? ((await this.intact(row)) ? 'valid' : 'invalid') : row.status;
    return {
      status,
      code: row.code,
      holder: row.holder,
      title: row.title,
      titleTranslations: row.title_translations ?? {},
      kind: row.kind,
      serial: Number(row.serial),
      completedOn: row.completed_at.toISOString().slice(0, 10),
      issuedAt: row.issued_at?.toISOString() ?? null,
      revokedAt: row.revoked_at?.toISOString() ?? null,
      revokeReason: row.revoke_reason,
      payload: row.payload,
      signature: row.signature,
      keyId: row.key_id,
      pdfSha256: row.pdf_sha256,
      keysUrl,
    };
  }

  /** The rows are shared by every check of the same code in the batch: read, never changed. */
  private async readByCodes(codes: string[]): Promise<Map<string, CertificateRow>> {
    const rows = await prepared<CertificateRow[]>(this.db, `${SELECT_CERTIFICATE} WHERE c.code = ANY($1::varchar[])`, [
      codes,
    ]);
    return new Map(rows.map((row) => [row.code, row]));
  }

  /** The signature still covers what the record says: its code and holder are those signed. */
  private async intact(row: CertificateRow): Promise<boolean> {
    if (!row.payload || !row.signature || !row.key_id) return false;
    if (!(await this.keys.verifies(row.key_id, row.payload, row.signature))) return false;
    try {
      const signed = JSON.parse(row.payload) as { code?: unknown };
      return signed.code === row.code;
    } catch {
      return false;
    }
  }

  async revoke(principal: Principal, id: string, reason: string): Promise<CertificateSummary> {
    const text = reason.trim();
    if (text.length < 3 || text.length > 500)
      throw new CertificateError(
        CertificateErrorCode.ReasonRequired,
        'Give a reason for the revocation (3 to 500 characters).',
      );
    await this.managed(principal, id);
    await this.events.transaction(async (tx) => {
      const updated = await tx.query<unknown[]>(
        `WITH revoked AS (
           UPDATE certificates SET status = 'revoked', revoked_at = now(), revoked_by = $2, revoke_reason = $3
           WHERE id = $1 AND status <> 'revoked' RETURNING id
         ) SELECT * FROM revoked`,
        [id, principal.userId, text],
      );
      if (updated.length === 0)
        throw new CertificateError(CertificateErrorCode.AlreadyRevoked, 'This certificate is already revoked.');
      await this.status.revokeAll(tx, id);
      await this.events.record(tx, {
        type: 'CertificateRevoked',
        payload: { certificateId: id, revokedBy: principal.userId },
      });
    });
    return this.summary(await this.managed(principal, id));
  }

  /** Renders and signs again (e.g. after the holder's name was corrected); a revoked one is reinstated. */
  async reissue(principal: Principal, id: string): Promise<CertificateSummary> {
    await this.managed(principal, id);
    await this.events.transaction(async (tx) => {
      const [ticket] = await tx.query<CertificateTicket[]>(
        `WITH again AS (
           UPDATE certificates SET status = 'pending', revision = revision + 1, issued_at = NULL, claimed_at = NULL,
             revoked_at = NULL, revoked_by = NULL, revoke_reason = NULL, last_error = NULL
           WHERE id = $1 AND status <> 'pending' RETURNING id, revision
         ) SELECT * FROM again`,
        [id],
      );
      // The credentials of earlier revisions no longer stand: the new revision gets its own bit.
      if (ticket) await this.status.revokeAll(tx, id);
      if (ticket)
        await this.events.record(tx, {
          type: 'CertificateRequested',
          payload: { certificateId: ticket.id, revision: ticket.revision },
        });
    });
    return this.summary(await this.managed(principal, id));
  }

  /** Everyone who completed the course, with their certificate's state: the staff's issuing view. */
  async courseHolders(
    principal: Principal,
    courseSlug: string,
  ): Promise<{ title: string; issuesCertificates: boolean; holders: HolderRow[] }> {
    const course = await this.managedCourse(principal, courseSlug);
    const holders = await this.db.query<HolderRow[]>(
      `SELECT u.id AS user_id, u.name, u.email, cc.completed_at, c.id AS certificate_id, c.status, c.code, c.last_error
       FROM course_completions cc JOIN users u ON u.id = cc.user_id
       LEFT JOIN certificates c ON c.user_id = cc.user_id AND c.course_id = cc.course_id
       WHERE cc.course_id = $1 ORDER BY cc.completed_at, u.name`,
      [course.id],
    );
    return { title: course.title, issuesCertificates: course.issues, holders };
  }

  /** Issues for every completion that has no certificate yet (e.g. completed before certificates existed). */
  async issueForCourse(principal: Principal, courseSlug: string): Promise<number> {
    const course = await this.managedCourse(principal, courseSlug);
    const tickets = await this.events.transaction((tx) => requestMissing(tx, { kind: 'course', courseId: course.id }));
    return tickets.length;
  }

  /** The certificate's id when this person may revoke and re-issue it, else null. */
  async manageableId(principal: Principal | undefined, code: string): Promise<string | null> {
    if (!principal) return null;
    const [row] = await this.db.query<CertificateRow[]>(`${SELECT_CERTIFICATE} WHERE c.code = $1`, [code]);
    return row && (await this.canManage(principal, row)) ? row.id : null;
  }

  verifyUrl(code: string): string {
    return `${this.config.baseUrl}/verify/${code}`;
  }

  private summary(row: CertificateRow): CertificateSummary {
    return {
      id: row.id,
      code: row.code,
      printedCode: groupedCode(row.code),
      serial: Number(row.serial),
      kind: row.kind,
      title: row.title,
      titleTranslations: row.title_translations ?? {},
      status: row.status,
      completedAt: row.completed_at,
      issuedAt: row.issued_at,
      revokedAt: row.revoked_at,
      revokeReason: row.revoke_reason,
      verifyUrl: this.verifyUrl(row.code),
      linkedInUrl:
        row.status === 'issued' && row.issued_at
          ? linkedInAddUrl({
              title: row.title,
              issuer: this.config.certificateIssuer,
              issuedAt: row.issued_at,
              verifyUrl: this.verifyUrl(row.code),
              certId: groupedCode(row.code),
            })
          : null,
    };
  }

  /** The holder or the certificate's staff; anyone else is told it does not exist (no probing ids). */
  private async visible(principal: Principal, id: string): Promise<CertificateRow> {
    const row = await this.find(this.db.manager, id);
    if (!row || (row.user_id !== principal.userId && !(await this.canManage(principal, row)))) throw notFound();
    return row;
  }

  private async managed(principal: Principal, id: string): Promise<CertificateRow> {
    const row = await this.find(this.db.manager, id);
    if (!row) throw notFound();
    if (!(await this.canManage(principal, row))) throw forbidden();
    return row;
  }

  /** Those granted certificate.manage on the certificate's course or cohort (or above it). */
  private async canManage(principal: Principal, row: CertificateRow): Promise<boolean> {
    if (can(principal, 'certificate.manage', scopeOf(row))) return true;
    if (!row.course_id) return false;
    // A course certificate of a member of a linked cohort: that cohort's staff manage it too.
    const linked = await linkedScopes(this.db.manager, row.course_id, [row.user_id]);
    return (linked.get(row.user_id) ?? []).some((scope) => can(principal, 'certificate.manage', scope));
  }

  private async managedCourse(
    principal: Principal,
    slug: string,
  ): Promise<{ id: string; title: string; issues: boolean }> {
    const [course] = await this.db.query<
      Array<{ id: string; title: string; issues: boolean; organisation_id: string | null }>
    >(`SELECT c.id, c.title, c.organisation_id, ${ISSUES_CERTIFICATES} AS issues FROM courses c WHERE c.slug = $1`, [
      slug,
    ]);
    if (!course) throw new CertificateError(CertificateErrorCode.CourseNotFound, `There is no course "${slug}".`);
    if (!can(principal, 'certificate.manage', courseScope({ id: course.id, organisationId: course.organisation_id })))
      throw forbidden();
    return course;
  }

  private async find(tx: EntityManager, id: string): Promise<CertificateRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await tx.query<CertificateRow[]>(`${SELECT_CERTIFICATE} WHERE c.id = $1`, [id]);
    return row;
  }
}

function scopeOf(row: CertificateRow): Scope {
  return row.cohort_id
    ? cohortScope({ id: row.cohort_id, programmeId: row.programme_id!, organisationId: row.organisation_id })
    : courseScope({ id: row.course_id!, organisationId: row.organisation_id });
}

function assertServable(row: CertificateRow): void {
  if (row.status === 'revoked')
    throw new CertificateError(
      CertificateErrorCode.Revoked,
      `This certificate was revoked on ${row.revoked_at!.toISOString().slice(0, 10)}: ${row.revoke_reason}`,
      { date: row.revoked_at!.toISOString().slice(0, 10), reason: row.revoke_reason ?? '' },
    );
  if (row.status !== 'issued' || !row.pdf_key)
    throw new CertificateError(
      CertificateErrorCode.NotIssued,
      'The certificate is being prepared; try again in a minute.',
    );
}

function notFound(): CertificateError {
  return new CertificateError(CertificateErrorCode.NotFound, 'There is no such certificate.');
}

function forbidden(): CertificateError {
  return new CertificateError(
    CertificateErrorCode.Forbidden,
    'Only the staff of this course or cohort manage its certificates.',
  );
}
