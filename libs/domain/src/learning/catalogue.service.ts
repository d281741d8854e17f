import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/index.js';
import type { Locale } from '../shared/locale.js';
import { EnrolmentError, EnrolmentErrorCode } from './enrolment.errors.js';
import type { EnrolmentStatus } from './enrolments.service.js';

export interface CatalogueEntry {
  slug: string;
  title: string;
  summary: string;
  language: string;
  modules: number;
  minutes: number;
  enrolmentMode: 'open' | 'key' | 'approval';
}

export interface CourseOutline extends CatalogueEntry {
  introHtml: string;
  /** Shown in the reader's language when the course has that translation. */
  translated: boolean;
  syllabus: Array<{ slug: string; title: string; summary: string; minutes: number | null; objectives: string[] }>;
  enrolment: EnrolmentStatus | null;
}

interface Row {
  id: string;
  slug: string;
  title: string;
  summary: string;
  language: string;
  enrolment_mode: CatalogueEntry['enrolmentMode'];
  intro_html: string;
  translations: Record<string, { title: string; summary: string; html: string }>;
  modules: number;
  minutes: number;
}

const COURSE_COLUMNS = `c.id, c.slug, c.title, c.summary, c.language, c.enrolment_mode, c.intro_html, c.translations,
  (SELECT count(*)::int FROM modules m WHERE m.course_id = c.id AND m.status = 'active') AS modules,
  (SELECT coalesce(sum(r.duration), 0)::int FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id
   WHERE m.course_id = c.id AND m.status = 'active') AS minutes`;

/** Published courses as trainees find them, in their language where a translation exists. */
@Injectable()
export class CatalogueService {
  constructor(private readonly db: DataSource) {}

  async list(locale: Locale, language?: string): Promise<CatalogueEntry[]> {
    const rows = await this.db.query<Row[]>(
      `SELECT ${COURSE_COLUMNS} FROM courses c WHERE c.status = 'published' AND ($1::text IS NULL OR c.language = $1)
       ORDER BY c.title`,
      [language ?? null],
    );
    return rows.map((row) => entry(row, locale));
  }

  async outline(principal: Principal | undefined, slug: string, locale: Locale): Promise<CourseOutline> {
    const [row] = await this.db.query<Row[]>(
      `SELECT ${COURSE_COLUMNS} FROM courses c WHERE c.slug = $1 AND c.status = 'published'`,
      [slug],
    );
    if (!row) throw new EnrolmentError(EnrolmentErrorCode.CourseNotFound, 'There is no such course in the catalogue.');
    const modules = await this.db.query<
      Array<{
        slug: string;
        title: string;
        summary: string;
        duration: number | null;
        objectives: string[];
        t: { title: string; summary: string } | null;
      }>
    >(
      `SELECT m.slug, r.title, r.summary, r.duration, r.objectives,
         (SELECT json_build_object('title', t.title, 'summary', t.summary) FROM module_translations t
          WHERE t.module_id = m.id AND t.language = $2) AS t
       FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id
       WHERE m.course_id = $1 AND m.status = 'active' ORDER BY m.position`,
      [row.id, locale],
    );
    const [enrolment] = principal
      ? await this.db.query<Array<{ status: EnrolmentStatus }>>(
          'SELECT status FROM enrolments WHERE user_id = $1 AND course_id = $2',
          [principal.userId, row.id],
        )
      : [];
    const translation = locale !== row.language ? row.translations[locale] : undefined;
    return {
      ...entry(row, locale),
      introHtml: translation?.html ?? row.intro_html,
      translated: !!translation,
      syllabus: modules.map((m) => ({
        slug: m.slug,
        title: m.t?.title ?? m.title,
        summary: m.t?.summary ?? m.summary,
        minutes: m.duration,
        objectives: m.objectives,
      })),
      enrolment: enrolment?.status ?? null,
    };
  }
}

function entry(row: Row, locale: Locale): CatalogueEntry {
  const translation = locale !== row.language ? row.translations[locale] : undefined;
  return {
    slug: row.slug,
    title: translation?.title ?? row.title,
    summary: translation?.summary ?? row.summary,
    language: row.language,
    modules: row.modules,
    minutes: row.minutes,
    enrolmentMode: row.enrolment_mode,
  };
}
