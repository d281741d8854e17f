import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { hasRole, type Principal } from '../auth/principal.js';
import type { Locale } from '../users/roles.js';
import { evaluateCompletion, type CompletionOutcome } from './completion.js';
import { EnrolmentError, EnrolmentErrorCode } from './enrolment.errors.js';

export interface ModulePage {
  course: { slug: string; title: string; language: string };
  slug: string;
  title: string;
  summary: string;
  objectives: string[];
  sources: string[];
  minutes: number | null;
  html: string;
  toc: Array<{ level: number; id: string; text: string }>;
  /** The reader's language was asked for but this module has no translation in it. */
  untranslated: boolean;
  language: string;
  hasQuiz: boolean;
  read: boolean;
  previous?: { slug: string; title: string };
  next?: { slug: string; title: string };
  progress: { read: number; total: number };
}

interface ModuleRow {
  module_id: string;
  course_id: string;
  course_slug: string;
  course_title: string;
  course_language: string;
  course_status: string;
  slug: string;
  title: string;
  summary: string;
  objectives: string[];
  sources: string[];
  duration: number | null;
  html: string;
  toc: ModulePage['toc'];
  has_quiz: boolean;
  t: { title: string; summary: string; objectives: string[]; html: string; toc: ModulePage['toc'] } | null;
  enrolled: boolean;
  authored: boolean;
}

/** The textbook reader: stored HTML, in the reader's language when translated, and reading progress. */
@Injectable()
export class ReaderService {
  constructor(private readonly db: DataSource) {}

  async read(principal: Principal, courseSlug: string, moduleSlug: string, locale: Locale): Promise<ModulePage> {
    const row = await findReadable(this.db.manager, principal, courseSlug, moduleSlug, locale);
    const outline = await this.db.query<Array<{ slug: string; title: string; read: boolean }>>(
      `SELECT m.slug, r.title, EXISTS (SELECT 1 FROM module_progress p WHERE p.module_id = m.id AND p.user_id = $2) AS read
       FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id
       WHERE m.course_id = $1 AND m.status = 'active' ORDER BY m.position`,
      [row.course_id, principal.userId],
    );
    const index = outline.findIndex((m) => m.slug === row.slug);
    const translated = row.t && locale !== row.course_language ? row.t : null;
    return {
      course: { slug: row.course_slug, title: row.course_title, language: row.course_language },
      slug: row.slug,
      title: translated?.title ?? row.title,
      summary: translated?.summary ?? row.summary,
      objectives: translated?.objectives ?? row.objectives,
      sources: row.sources,
      minutes: row.duration,
      html: translated?.html ?? row.html,
      toc: translated?.toc ?? row.toc,
      untranslated: locale !== row.course_language && !translated,
      language: translated ? locale : row.course_language,
      hasQuiz: row.has_quiz,
      read: outline[index]?.read ?? false,
      previous: outline[index - 1],
      next: outline[index + 1],
      progress: { read: outline.filter((m) => m.read).length, total: outline.length },
    };
  }

  /** Marks a module read and, in the same transaction, re-evaluates the course's completion. */
  async markRead(principal: Principal, courseSlug: string, moduleSlug: string): Promise<CompletionOutcome> {
    return this.db.transaction(async (tx) => {
      const row = await findReadable(tx, principal, courseSlug, moduleSlug, 'en');
      await tx.query('INSERT INTO module_progress (user_id, module_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        principal.userId,
        row.module_id,
      ]);
      return evaluateCompletion(tx, principal.userId, row.course_id);
    });
  }
}

/** The module, if this person may read it: enrolled in the published course, or its author, or an admin. */
async function findReadable(
  tx: EntityManager,
  principal: Principal,
  courseSlug: string,
  moduleSlug: string,
  locale: Locale,
): Promise<ModuleRow> {
  const [row] = await tx.query<ModuleRow[]>(
    `SELECT m.id AS module_id, c.id AS course_id, c.slug AS course_slug, c.title AS course_title,
       c.language AS course_language, c.status AS course_status, m.slug, r.title, r.summary, r.objectives, r.sources,
       r.duration, r.html, r.toc, r.quiz IS NOT NULL AS has_quiz,
       (SELECT json_build_object('title', t.title, 'summary', t.summary, 'objectives', t.objectives, 'html', t.html,
                                 'toc', t.toc)
        FROM module_translations t WHERE t.module_id = m.id AND t.language = $4) AS t,
       EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = c.id AND e.user_id = $3 AND e.status = 'active') AS enrolled,
       EXISTS (SELECT 1 FROM course_authors a WHERE a.course_id = c.id AND a.user_id = $3) AS authored
     FROM courses c JOIN modules m ON m.course_id = c.id AND m.slug = $2 AND m.status = 'active'
     JOIN module_revisions r ON r.id = m.current_revision_id
     WHERE c.slug = $1`,
    [courseSlug, moduleSlug, principal.userId, locale],
  );
  if (!row) throw new EnrolmentError(EnrolmentErrorCode.CourseNotFound, 'There is no such module.');
  const staff = hasRole(principal, 'admin') || (hasRole(principal, 'trainer') && row.authored);
  if (!staff && !(row.enrolled && row.course_status === 'published')) {
    throw new EnrolmentError(EnrolmentErrorCode.NotEnrolled, 'Enrol in this course to read its modules.');
  }
  return row;
}
