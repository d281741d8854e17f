import type { AppConfig } from '@karvan/config';
import type { EntityManager } from 'typeorm';
import { translate } from '../i18n/translate.js';
import { isLocale, type Locale } from '../users/roles.js';
import type { Canonical } from './canonical-json.js';
import type { CertificateDocument } from './certificate-pdf.js';

/** Everything the worker needs to print and sign one certificate. */
export interface IssueSubject {
  email: string;
  document: Omit<CertificateDocument, 'issuedAt'>;
  /** The signed fields, less the issue time and the PDF's hash, which the worker adds. */
  payload: Record<string, Canonical>;
}

interface SubjectRow {
  code: string;
  serial: string;
  kind: 'course' | 'cohort';
  revision: number;
  completed_at: Date;
  name: string;
  email: string;
  locale: string;
  course_slug: string | null;
  course_title: string | null;
  course_language: string | null;
  translations: Record<string, { title?: string }> | null;
  modules: number;
  minutes: number;
}

/** Claims a pending certificate and reads what it needs to be issued, in one statement; null when not pending. */
export async function claimSubject(
  tx: EntityManager,
  certificateId: string,
  config: AppConfig,
): Promise<{ revision: number; issuedAt: Date; subject: IssueSubject } | null> {
  const [row] = await tx.query<Array<SubjectRow & { issued_at: Date }>>(
    `WITH claimed AS (
       UPDATE certificates SET attempts = attempts + 1, claimed_at = now(),
         issued_at = coalesce(issued_at, date_trunc('second', now()))
       WHERE id = $1 AND status = 'pending'
       RETURNING id, revision, issued_at
     )
     SELECT c.code, c.serial, c.kind, claimed.revision, claimed.issued_at, c.completed_at, u.name, u.email, u.locale,
       co.slug AS course_slug, co.title AS course_title, co.language AS course_language, co.translations,
       (SELECT count(*)::int FROM modules m WHERE m.course_id = co.id AND m.status = 'active') AS modules,
       (SELECT coalesce(sum(r.duration), 0)::int FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id
         WHERE m.course_id = co.id AND m.status = 'active') AS minutes
     FROM claimed JOIN certificates c ON c.id = claimed.id JOIN users u ON u.id = c.user_id
     LEFT JOIN courses co ON co.id = c.course_id`,
    [certificateId],
  );
  if (!row) return null;
  return { revision: row.revision, issuedAt: row.issued_at, subject: toSubject(certificateId, row, config) };
}

function toSubject(certificateId: string, row: SubjectRow, config: AppConfig): IssueSubject {
  if (row.kind !== 'course' || !row.course_slug) throw new Error(`Certificate ${certificateId} has no course`);
  const locale: Locale = isLocale(row.locale) ? row.locale : 'en';
  const title = (locale !== row.course_language && row.translations?.[locale]?.title) || row.course_title!;
  const hours = Math.max(1, Math.round(row.minutes / 60));
  const detail = translate(locale, 'cert.pdf.courseDetail', { count: row.modules, hours });
  const verifyUrl = `${config.baseUrl}/verify/${row.code}`;
  const holder = row.name.trim() || row.email;
  return {
    email: row.email,
    document: {
      locale,
      kind: row.kind,
      holder,
      title,
      completedAt: row.completed_at,
      detail,
      issuer: config.certificateIssuer,
      serial: Number(row.serial),
      code: row.code,
      verifyUrl,
    },
    payload: {
      type: 'KarvanCertificate',
      version: 1,
      serial: Number(row.serial),
      code: row.code,
      revision: row.revision,
      kind: row.kind,
      holder,
      title,
      subject: `${config.baseUrl}/courses/${row.course_slug}`,
      completedOn: row.completed_at.toISOString().slice(0, 10),
      issuer: config.certificateIssuer,
      verifyUrl,
    },
  };
}
