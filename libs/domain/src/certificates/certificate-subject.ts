import type { AppConfig } from '@karvan/config';
import { prepared } from '@karvan/database';
import type { EntityManager } from 'typeorm';
import { translate } from '../i18n/translate.js';
import { isLocale, translatedText, type Locale } from '../shared/locale.js';
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
  /** The course's or the cohort's: a title in the holder's language is printed when there is one. */
  translations: Record<string, { title?: string }> | null;
  modules: number;
  minutes: number;
  cohort_id: string | null;
  cohort_title: string | null;
  starts_on: string | null;
  ends_on: string | null;
  attendance: number | null;
}

/** A claimed certificate, with what it prints. */
export interface ClaimedRow extends SubjectRow {
  id: string;
  issued_at: Date;
}

/**
 * Claims those of the certificates that are pending and reads what each needs to be issued, in one
 * statement; the others (issued already, or not there) are left out.
 */
export function claimSubjects(tx: EntityManager, certificateIds: string[]): Promise<ClaimedRow[]> {
  return prepared<ClaimedRow[]>(
    tx,
    `WITH claimed AS (
       UPDATE certificates SET attempts = attempts + 1, claimed_at = now(),
         issued_at = coalesce(issued_at, date_trunc('second', now()))
       WHERE id = ANY($1::uuid[]) AND status = 'pending'
       RETURNING id, revision, issued_at
     )
     SELECT c.id, c.code, c.serial, c.kind, claimed.revision, claimed.issued_at, c.completed_at, u.name, u.email,
       u.locale, co.slug AS course_slug, co.title AS course_title, co.language AS course_language,
       coalesce(co.translations, ch.translations) AS translations,
       (SELECT count(*)::int FROM modules m WHERE m.course_id = co.id AND m.status = 'active') AS modules,
       (SELECT coalesce(sum(r.duration), 0)::int FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id
         WHERE m.course_id = co.id AND m.status = 'active') AS minutes,
       ch.id AS cohort_id, ch.title AS cohort_title, ch.starts_on::text AS starts_on, ch.ends_on::text AS ends_on,
       (SELECT round(100.0 * count(*) FILTER (WHERE a.status IN ('present', 'late'))
                / nullif(count(*) FILTER (WHERE a.status <> 'excused'), 0))::int
        FROM cohort_sessions s JOIN attendance a ON a.session_id = s.id AND a.user_id = c.user_id
        WHERE s.cohort_id = ch.id AND s.cancelled_at IS NULL) AS attendance
     FROM claimed JOIN certificates c ON c.id = claimed.id JOIN users u ON u.id = c.user_id
     LEFT JOIN courses co ON co.id = c.course_id LEFT JOIN cohorts ch ON ch.id = c.cohort_id
     ORDER BY c.serial`,
    [certificateIds],
  );
}

/** Claims one pending certificate (see `claimSubjects`); null when it is not pending. */
export async function claimSubject(
  tx: EntityManager,
  certificateId: string,
  config: AppConfig,
): Promise<{ revision: number; issuedAt: Date; subject: IssueSubject } | null> {
  const [row] = await claimSubjects(tx, [certificateId]);
  return row ? { revision: row.revision, issuedAt: row.issued_at, subject: subjectOf(row, config) } : null;
}

/** What a claimed certificate prints and signs; throws when its row makes no sense (neither course nor cohort). */
export function subjectOf(row: ClaimedRow, config: AppConfig): IssueSubject {
  const locale: Locale = isLocale(row.locale) ? row.locale : 'en';
  const { title, detail, subject } = describe(row, locale, config);
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
      subject,
      completedOn: row.completed_at.toISOString().slice(0, 10),
      issuer: config.certificateIssuer,
      verifyUrl,
    },
  };
}

/** What was completed, as printed: a course's title and size, or a summer school's dates and attendance. */
function describe(row: ClaimedRow, locale: Locale, config: AppConfig) {
  if (row.kind === 'cohort' && row.cohort_id) {
    return {
      title: translatedText(row.cohort_title!, row.translations, locale),
      detail: translate(locale, 'cert.pdf.cohortDetail', {
        from: row.starts_on!,
        to: row.ends_on!,
        percent: row.attendance ?? 0,
      }),
      subject: `${config.baseUrl}/cohorts/${row.cohort_id}`,
    };
  }
  if (!row.course_slug) throw new Error(`Certificate ${row.id} has neither course nor cohort`);
  const hours = Math.max(1, Math.round(row.minutes / 60));
  return {
    title:
      locale === row.course_language ? row.course_title! : translatedText(row.course_title!, row.translations, locale),
    detail: translate(locale, 'cert.pdf.courseDetail', { count: row.modules, hours }),
    subject: `${config.baseUrl}/courses/${row.course_slug}`,
  };
}
