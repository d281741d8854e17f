import { Injectable } from '@nestjs/common';
import { Batched, prepared } from '@karvan/database';
import { deepFreeze, glossaryLanguage, titleGlossaryLinks } from '@karvan/content';
import { localiseCallouts } from './callout-labels.js';
import { DataSource, type EntityManager } from 'typeorm';
import { can, courseScope } from '../access/index.js';
import type { Principal } from '../auth/index.js';
import { CONTENT_EPOCH_SQL, EpochCache } from '../shared/content-epoch.js';
import type { Locale } from '../shared/locale.js';
import { fromUserKeys, userKey } from '../shared/user-keys.js';
import { DomainEvents } from '../events/index.js';
import { linkedTermIds } from '../courses/index.js';
import { GlossaryService, type GlossaryEntry } from '../glossary/index.js';
import { evaluateCompletion, type CompletionOutcome } from './completion.js';
import { EnrolmentError, EnrolmentErrorCode } from './enrolment.errors.js';

type Toc = Array<{ level: number; id: string; text: string }>;

export interface ModulePage {
  course: { slug: string; title: string; language: string };
  slug: string;
  title: string;
  summary: string;
  objectives: string[];
  sources: string[];
  minutes: number | null;
  html: string;
  toc: Toc;
  /** The reader's language was asked for but this module has no translation in it. */
  untranslated: boolean;
  language: string;
  hasQuiz: boolean;
  read: boolean;
  previous?: { slug: string; title: string };
  next?: { slug: string; title: string };
  progress: { read: number; total: number };
  /** The glossary terms the text links, with their definitions in the text's language. */
  terms: GlossaryEntry[];
  /**
   * Names this module's text as every reader in this language sees it now: the module, the
   * text's language and the content epoch, which any change to a course, a module or the glossary
   * raises. The page renders that text once per key (and page language).
   */
  textKey: string;
}

interface ModuleContent {
  id: string;
  slug: string;
  title: string;
  summary: string;
  objectives: string[];
  sources: string[];
  minutes: number | null;
  html: string;
  toc: Toc;
  translated: boolean;
  hasQuiz: boolean;
}

/** What every reader of a course in one language shares; the same for everyone, so it is cached. */
interface CourseContent {
  id: string;
  slug: string;
  title: string;
  language: string;
  published: boolean;
  organisationId: string | null;
  modules: ModuleContent[];
}

/** A module's text as served: glossary links titled with their definitions, and those terms. */
interface PreparedText {
  html: string;
  terms: GlossaryEntry[];
}

/**
 * The textbook reader: stored HTML, in the reader's language when translated, and reading progress.
 * What every reader shares (the course's text, the glossary tooltips) is kept in memory for the
 * current content epoch; the reader's own state is read on every page, in the same single query
 * that reads the epoch, so an enrolment, a read mark or a publish shows on the next request.
 */
@Injectable()
export class ReaderService {
  private readonly contents = new EpochCache<CourseContent | null>(500);
  private readonly texts = new EpochCache<PreparedText>(5_000);
  /** Readers' states asked for at once (by `userKey`), read in one statement. */
  private readonly states = new Batched((keys: string[]) => loadStates(this.db.manager, keys));

  constructor(
    private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly glossary: GlossaryService,
  ) {}

  async read(principal: Principal, courseSlug: string, moduleSlug: string, locale: Locale): Promise<ModulePage> {
    const state = (await this.states.load(userKey(principal.userId, courseSlug)))!;
    // Frozen: shared by every reader until the epoch moves, and named once by kept pages.
    const course = await this.contents.through(`${courseSlug}\n${locale}`, state.epoch, async () =>
      deepFreeze(await loadContent(this.db.manager, courseSlug, locale)),
    );
    const index = course?.modules.findIndex((m) => m.slug === moduleSlug) ?? -1;
    if (!course || index < 0) throw new EnrolmentError(EnrolmentErrorCode.CourseNotFound, 'There is no such module.');
    const readIds = assertCanRead(principal, course, state);
    const module = course.modules[index];
    const neighbour = (m: ModuleContent | undefined) => (m ? { slug: m.slug, title: m.title } : undefined);
    const language = module.translated ? locale : course.language;
    const text = await this.texts.through(`${module.id}\n${language}`, state.epoch, async () =>
      deepFreeze(await this.prepare(module, language)),
    );
    return {
      course: { slug: course.slug, title: course.title, language: course.language },
      slug: module.slug,
      title: module.title,
      summary: module.summary,
      objectives: module.objectives,
      sources: module.sources,
      minutes: module.minutes,
      html: text.html,
      toc: module.toc,
      untranslated: locale !== course.language && !module.translated,
      language,
      hasQuiz: module.hasQuiz,
      read: readIds.has(module.id),
      previous: neighbour(course.modules[index - 1]),
      next: neighbour(course.modules[index + 1]),
      progress: { read: course.modules.filter((m) => readIds.has(m.id)).length, total: course.modules.length },
      terms: text.terms,
      textKey: `module ${module.id} ${language} ${state.epoch}`,
    };
  }

  /** Marks a module read and, in the same transaction, re-evaluates the course's completion. */
  async markRead(principal: Principal, courseSlug: string, moduleSlug: string): Promise<CompletionOutcome> {
    const result = await this.events.transaction(async (tx) => {
      const course = await loadContent(tx, courseSlug, 'en');
      const module = course?.modules.find((m) => m.slug === moduleSlug);
      if (!course || !module) throw new EnrolmentError(EnrolmentErrorCode.CourseNotFound, 'There is no such module.');
      const [state] = (await loadStates(tx, [userKey(principal.userId, courseSlug)])).values();
      assertCanRead(principal, course, state);
      await tx.query('INSERT INTO module_progress (user_id, module_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        principal.userId,
        module.id,
      ]);
      return { courseId: course.id, outcome: await evaluateCompletion(tx, principal.userId, course.id) };
    });
    return result.outcome;
  }

  private async prepare(module: ModuleContent, language: string): Promise<PreparedText> {
    const terms = await this.glossary.entries(linkedTermIds(module.html), glossaryLanguage(language));
    const definitions = new Map(terms.map((t) => [t.id, t.definition]));
    return { html: titleGlossaryLinks(module.html, (id) => definitions.get(id)), terms };
  }
}

async function loadContent(tx: EntityManager, courseSlug: string, locale: Locale): Promise<CourseContent | null> {
  const rows = await tx.query<
    Array<{
      course_id: string;
      course_title: string;
      course_title_translated: string | null;
      language: string;
      status: string;
      organisation_id: string | null;
      id: string | null;
      slug: string;
      title: string;
      summary: string;
      objectives: string[];
      sources: string[];
      duration: number | null;
      html: string;
      toc: Toc;
      has_quiz: boolean;
      t: {
        title: string;
        summary: string;
        objectives: string[];
        sources: string[] | null;
        html: string;
        toc: Toc;
      } | null;
    }>
  >(
    `SELECT c.id AS course_id, c.title AS course_title, c.language,
       CASE WHEN $2 <> c.language THEN c.title_translations -> $2 ->> 'title' END AS course_title_translated, c.status, c.organisation_id, m.id, m.slug, r.title, r.summary,
       r.objectives, r.sources, r.duration, r.html, r.toc, r.quiz IS NOT NULL AS has_quiz,
       (SELECT json_build_object('title', t.title, 'summary', t.summary, 'objectives', t.objectives, 'html', t.html,
                                 'toc', t.toc, 'sources', t.sources)
        FROM module_translations t WHERE t.module_id = m.id AND t.language = $2 AND t.language <> c.language) AS t
     FROM courses c
     LEFT JOIN modules m ON m.course_id = c.id AND m.status = 'active'
     LEFT JOIN module_revisions r ON r.id = m.current_revision_id
     WHERE c.slug = $1 ORDER BY m.position`,
    [courseSlug, locale],
  );
  if (!rows[0]) return null;
  return {
    id: rows[0].course_id,
    slug: courseSlug,
    // The reader's language when the course has a title in it (the breadcrumb, the page title).
    title: rows[0].course_title_translated || rows[0].course_title,
    language: rows[0].language,
    published: rows[0].status === 'published',
    organisationId: rows[0].organisation_id,
    modules: rows
      .filter((r) => r.id)
      .map((r) => ({
        id: r.id!,
        slug: r.slug,
        title: r.t?.title ?? r.title,
        summary: r.t?.summary ?? r.summary,
        objectives: r.t?.objectives ?? r.objectives,
        // A translation's own reference list where it gives one (the titles in its language).
        sources: r.t?.sources?.length ? r.t.sources : r.sources,
        minutes: r.duration,
        html: localiseCallouts(r.t?.html ?? r.html, r.t ? locale : rows[0].language),
        toc: r.t?.toc ?? r.toc,
        translated: !!r.t,
        hasQuiz: r.has_quiz,
      })),
  };
}

interface ReaderState {
  epoch: string;
  enrolled: boolean;
  read: Set<string>;
}

/**
 * Readers' own states in courses (enrolled? modules read?) and the content epoch, in one query for
 * any number of them: each key is a `userKey`, and each gets its state.
 */
async function loadStates(tx: EntityManager, keys: string[]): Promise<Map<string, ReaderState>> {
  const { userIds, values: slugs } = fromUserKeys(keys);
  const rows = await prepared<Array<{ i: number; epoch: string; enrolled: boolean; read: string[] }>>(
    tx,
    `SELECT k.i::int AS i, ${CONTENT_EPOCH_SQL} AS epoch,
       EXISTS (SELECT 1 FROM enrolments e JOIN courses c ON c.id = e.course_id
               WHERE c.slug = k.slug AND e.user_id = k.user_id AND e.status = 'active') AS enrolled,
       ARRAY(SELECT p.module_id::text FROM module_progress p JOIN modules m ON m.id = p.module_id
             JOIN courses c ON c.id = m.course_id WHERE c.slug = k.slug AND p.user_id = k.user_id) AS read
     FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS k(user_id, slug, i)`,
    [userIds, slugs],
  );
  return new Map(
    rows.map((row) => [keys[row.i - 1], { epoch: row.epoch, enrolled: row.enrolled, read: new Set(row.read) }]),
  );
}

/** Enrolled in the published course, or one who may edit it; returns the modules this person has read. */
function assertCanRead(principal: Principal, course: CourseContent, state: ReaderState): Set<string> {
  const staff = can(principal, 'course.edit', courseScope(course));
  if (!staff && !(state.enrolled && course.published)) {
    throw new EnrolmentError(EnrolmentErrorCode.NotEnrolled, 'Enrol in this course to read its modules.');
  }
  return state.read;
}
