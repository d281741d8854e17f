import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Locale } from '../shared/locale.js';
import { EpochCache, readContentEpoch } from '../shared/content-epoch.js';

/** A module that links a glossary term, as the glossary page lists it. */
export interface LinkingModule {
  courseSlug: string;
  courseTitle: string;
  moduleSlug: string;
  moduleTitle: string;
  href: string;
}

interface Row {
  course_slug: string;
  course_title: string;
  translations: Record<string, { title?: string }>;
  module_slug: string;
  module_title: string;
  translated_title: string | null;
  html: string;
}

const TERM_LINK = /<a [^>]*data-term="([^"]+)"/g;

/**
 * Which published modules link which glossary terms, found in their stored HTML (the renderer
 * marks each glossary link with data-term), so the glossary page's "related modules" stay true.
 * Published courses and their module titles are public, as in the catalogue: no capability.
 */
@Injectable()
export class GlossaryUsageService {
  private readonly cache = new EpochCache<Map<string, LinkingModule[]>>(3);

  constructor(private readonly db: DataSource) {}

  async modulesByTerm(locale: Locale): Promise<Map<string, LinkingModule[]>> {
    const epoch = await readContentEpoch(this.db);
    return this.cache.through(locale, epoch, () => this.load(locale));
  }

  private async load(locale: Locale): Promise<Map<string, LinkingModule[]>> {
    const rows = await this.db.query<Row[]>(
      `SELECT c.slug AS course_slug, c.title AS course_title, c.translations, m.slug AS module_slug,
         r.title AS module_title, t.title AS translated_title, coalesce(t.html, r.html) AS html
       FROM courses c
       JOIN modules m ON m.course_id = c.id AND m.status = 'active'
       JOIN module_revisions r ON r.id = m.current_revision_id
       LEFT JOIN module_translations t ON t.module_id = m.id AND t.language = $1 AND t.language <> c.language
       WHERE c.status = 'published' AND (r.html LIKE '%data-term=%' OR t.html LIKE '%data-term=%')
       ORDER BY c.title, m.position`,
      [locale],
    );
    const byTerm = new Map<string, LinkingModule[]>();
    for (const row of rows) {
      const module: LinkingModule = {
        courseSlug: row.course_slug,
        courseTitle: row.translations[locale]?.title ?? row.course_title,
        moduleSlug: row.module_slug,
        moduleTitle: row.translated_title ?? row.module_title,
        href: `/courses/${encodeURIComponent(row.course_slug)}/modules/${encodeURIComponent(row.module_slug)}`,
      };
      for (const id of new Set([...row.html.matchAll(TERM_LINK)].map((m) => m[1]))) {
        byTerm.set(id, [...(byTerm.get(id) ?? []), module]);
      }
    }
    return byTerm;
  }
}

/** The glossary term ids a stored module HTML links, in order of first link. */
export function linkedTermIds(html: string): string[] {
  return [...new Set([...html.matchAll(TERM_LINK)].map((m) => m[1]))];
}
