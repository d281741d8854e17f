import { deepFreeze } from '@karvan/content';
import { Batched, prepared } from '@karvan/database';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/index.js';
import { CONTENT_EPOCH_SQL, EpochCache, readContentEpoch } from '../shared/content-epoch.js';
import type { Locale } from '../shared/locale.js';
import { fromUserKeys, userKey } from '../shared/user-keys.js';
import { EnrolmentError, EnrolmentErrorCode } from './enrolment.errors.js';
import type { EnrolmentStatus } from './enrolments.service.js';

export interface CatalogueEntry {
  slug: string;
  title: string;
  summary: string;
  /** The language its texts are written in. */
  language: string;
  /** That language, then those its title and summary are translated into. */
  languages: string[];
  modules: number;
  minutes: number;
  enrolmentMode: 'open' | 'key' | 'approval';
}

export interface CourseOutline extends CatalogueEntry {
  introHtml: string;
  /** Shown in the reader's language when the course has that translation. */
  translated: boolean;
  syllabus: Array<{
    slug: string;
    title: string;
    summary: string;
    minutes: number | null;
    objectives: string[];
    hasQuiz: boolean;
  }>;
  enrolment: EnrolmentStatus | null;
  /** The person's own progress in the course, when they are enrolled (see `courseProgress`). */
  progress: ReaderProgress | null;
  /** Names the course's texts (intro, syllabus) as they are now, for the page's kept blocks. */
  textKey: string;
}

/** Which live modules of a course the person has read and whose quiz they passed, by slug. */
export interface ReaderProgress {
  read: Set<string>;
  passed: Set<string>;
  completed: boolean;
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

/**
 * A course page's per-person part, read with the content epoch on every request, for each (user
 * or nobody, course slug) of a batch in one statement: the enrolment and, when there is one, the
 * live modules read and those whose quiz was passed.
 */
const OUTLINE_STATES = `SELECT k.i::int AS i, ${CONTENT_EPOCH_SQL} AS epoch, e.status AS enrolment,
     ARRAY(SELECT m.slug FROM modules m JOIN module_progress p ON p.module_id = m.id AND p.user_id = e.user_id
           WHERE m.course_id = e.course_id AND m.status = 'active') AS read,
     ARRAY(SELECT m.slug FROM modules m WHERE m.course_id = e.course_id AND m.status = 'active'
             AND EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.module_id = m.id AND a.user_id = e.user_id AND a.passed)) AS passed,
     EXISTS (SELECT 1 FROM course_completions cc WHERE cc.course_id = e.course_id AND cc.user_id = e.user_id) AS completed
   FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS k(user_id, slug, i)
   LEFT JOIN (enrolments e JOIN courses c ON c.id = e.course_id) ON c.slug = k.slug AND e.user_id = k.user_id`;

interface OutlineState {
  epoch: string;
  enrolment: EnrolmentStatus | null;
  read: string[];
  passed: string[];
  completed: boolean;
}

type SharedOutline = Omit<CourseOutline, 'enrolment' | 'progress' | 'textKey'>;

/**
 * Published courses as trainees find them, in their language where a translation exists. The
 * catalogue and the outlines are the same for everyone, so they are kept in memory for the current
 * content epoch (read with each request: a publish shows on the next one); enrolment is per person
 * and always read.
 */
@Injectable()
export class CatalogueService {
  private readonly lists = new EpochCache<CatalogueEntry[]>(20);
  private readonly outlines = new EpochCache<SharedOutline | null>(1_000);

  /** Outline states asked for at once (by `userKey`), read in one statement. */
  private readonly states = new Batched((keys: string[]) => this.readStates(keys));

  constructor(private readonly db: DataSource) {}

  async list(locale: Locale, language?: string): Promise<CatalogueEntry[]> {
    return (await this.listing(locale, language)).courses;
  }

  /** The catalogue, and a key naming it as it is now for a page that keeps it rendered. */
  async listing(locale: Locale, language?: string): Promise<{ courses: CatalogueEntry[]; textKey: string }> {
    const epoch = await readContentEpoch(this.db);
    const courses = await this.lists.through(`${locale}\n${language ?? ''}`, epoch, async () => {
      const rows = await this.db.query<Row[]>(
        // A course is in a language when it is written in it or translated into it.
        `SELECT ${COURSE_COLUMNS} FROM courses c WHERE c.status = 'published'
           AND ($1::text IS NULL OR c.language = $1 OR c.translations -> $1 IS NOT NULL)
         ORDER BY c.title`,
        [language ?? null],
      );
      return rows.map((row) => entry(row, locale));
    });
    return { courses, textKey: `catalogue ${language ?? ''} ${epoch}` };
  }

  async outline(principal: Principal | undefined, slug: string, locale: Locale): Promise<CourseOutline> {
    const state = (await this.states.load(userKey(principal?.userId, slug)))!;
    // Frozen: shared by every reader until the epoch moves, and named once by kept pages.
    const shared = await this.outlines.through(`${slug}\n${locale}`, state.epoch, async () =>
      deepFreeze(await this.sharedOutline(slug, locale)),
    );
    if (!shared)
      throw new EnrolmentError(EnrolmentErrorCode.CourseNotFound, 'There is no such course in the catalogue.');
    const enrolment = principal ? state.enrolment : null;
    const progress = enrolment
      ? { read: new Set(state.read), passed: new Set(state.passed), completed: state.completed }
      : null;
    return { ...shared, enrolment, progress, textKey: `course ${slug} ${state.epoch}` };
  }

  private async readStates(keys: string[]): Promise<Map<string, OutlineState>> {
    const { userIds, values: slugs } = fromUserKeys(keys);
    const rows = await prepared<Array<OutlineState & { i: number }>>(this.db, OUTLINE_STATES, [userIds, slugs]);
    return new Map(rows.map(({ i, ...state }) => [keys[i - 1], state]));
  }

  private async sharedOutline(slug: string, locale: Locale): Promise<SharedOutline | null> {
    const [row] = await this.db.query<Row[]>(
      `SELECT ${COURSE_COLUMNS} FROM courses c WHERE c.slug = $1 AND c.status = 'published'`,
      [slug],
    );
    if (!row) return null;
    const modules = await this.db.query<
      Array<{
        slug: string;
        title: string;
        summary: string;
        duration: number | null;
        objectives: string[];
        has_quiz: boolean;
        t: { title: string; summary: string; objectives: string[] } | null;
      }>
    >(
      `SELECT m.slug, r.title, r.summary, r.duration, r.objectives, r.quiz IS NOT NULL AS has_quiz,
         (SELECT json_build_object('title', t.title, 'summary', t.summary, 'objectives', t.objectives)
          FROM module_translations t
          WHERE t.module_id = m.id AND t.language = $2) AS t
       FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id
       WHERE m.course_id = $1 AND m.status = 'active' ORDER BY m.position`,
      [row.id, locale],
    );
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
        objectives: m.t?.objectives ?? m.objectives,
        hasQuiz: m.has_quiz,
      })),
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
    languages: [
      row.language,
      ...Object.keys(row.translations)
        .filter((l) => l !== row.language)
        .sort(),
    ],
    modules: row.modules,
    minutes: row.minutes,
    enrolmentMode: row.enrolment_mode,
  };
}
