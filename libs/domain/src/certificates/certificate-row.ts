import type { CertificateStatus } from './certificates.service.js';

export type TitleTranslations = Record<string, { title?: string | null }>;

/** A certificate as the people-facing queries read it: its row, its course or cohort, its holder. */
export interface CertificateRow {
  id: string;
  user_id: string;
  code: string;
  serial: string;
  kind: 'course' | 'cohort';
  status: CertificateStatus;
  revision: number;
  completed_at: Date;
  issued_at: Date | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
  payload: string | null;
  signature: string | null;
  key_id: string | null;
  pdf_key: string | null;
  pdf_sha256: string | null;
  cohort_id: string | null;
  course_id: string | null;
  programme_id: string | null;
  organisation_id: string | null;
  title: string;
  /** The course's or cohort's title in other languages, by language: `{ az: { title } }`. */
  title_translations: TitleTranslations | null;
  slug: string | null;
  holder: string;
  email: string;
}

// Columns named, not `c.*`, so the queries can be prepared statements (see prepared()).
export const SELECT_CERTIFICATE = `SELECT c.id, c.user_id, c.code, c.serial, c.kind, c.status, c.revision, c.completed_at,
    c.issued_at, c.revoked_at, c.revoke_reason, c.payload, c.signature, c.key_id, c.pdf_key, c.pdf_sha256,
    c.cohort_id, c.course_id, coalesce(co.title, ch.title) AS title,
    coalesce(co.title_translations, (SELECT jsonb_object_agg(t.key, jsonb_build_object('title', t.value->>'title'))
      FROM jsonb_each(ch.translations) t)) AS title_translations,
    co.slug, u.name AS holder, u.email,
    coalesce(co.organisation_id, pr.organisation_id) AS organisation_id, ch.programme_id
  FROM certificates c JOIN users u ON u.id = c.user_id LEFT JOIN courses co ON co.id = c.course_id
  LEFT JOIN cohorts ch ON ch.id = c.cohort_id LEFT JOIN programmes pr ON pr.id = ch.programme_id`;
