import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import {
  buildCourse,
  readCourseSource,
  type Course,
  type CourseSource,
  type Glossary,
  problem,
  type Problem,
} from '@karvan/content';
import { grantCourseAuthors } from '../access/index.js';
import { DataSource, type EntityManager } from 'typeorm';
import { SITE_URLS } from './compile-module.js';
import { loadGlossary } from '../glossary/index.js';
import { syncGlossaryFiles, type GlossaryTreeReport } from './glossary-sync.js';
import { checkImage } from './media.service.js';
import { syncModules } from './sync-modules.js';
import { inputFingerprint, lockCourse, settledSync, storeSettledSync, type SettledCourse } from './sync-fingerprint.js';

/** A course's translation as kept in courses.translations, by language. */
export interface StoredCourseTranslation {
  markdown: string;
  title: string;
  summary: string;
  html: string;
}

export interface CourseSyncReport {
  slug: string;
  created: boolean;
  revisions: number;
  archived: number;
  unchanged: number;
  /** Files refused for their errors; what the database had for them stays as it was. */
  refused: string[];
  problems: Problem[];
}

export interface SyncOptions {
  origin: 'files' | 'editor';
  /** New courses from the shipped curriculum are published; imported ones start as drafts. */
  publishNew: boolean;
  /** Made an author of the course (the person importing it). */
  authorId?: string;
  /** Refuse everything when any file has an error (an uploaded archive), instead of file by file. */
  allOrNothing?: boolean;
  /** What glossary links resolve against; by default the glossary in the database. */
  glossary?: Glossary;
}

export interface ContentSyncReport {
  glossary: GlossaryTreeReport;
  courses: CourseSyncReport[];
}

type Tx = EntityManager;

/**
 * Imports courses written as files into the database, idempotently: a module gets a new
 * revision only when its text changed, a removed module is archived (progress survives), and a
 * file with errors is refused while the rest of the course still syncs. A course whose files and
 * database state are as its last sync left them is answered from that sync (`sync-fingerprint.ts`).
 */
@Injectable()
export class CourseSyncService {
  constructor(private readonly db: DataSource) {}

  /** The courses of a content tree (see `syncContent`). */
  async syncTree(dir: string): Promise<CourseSyncReport[]> {
    return (await this.syncContent(dir)).courses;
  }

  /** A content tree: its glossary first (when it has one), then every course, resolved against it. */
  async syncContent(dir: string): Promise<ContentSyncReport> {
    const glossary = await syncGlossaryFiles(this.db, dir);
    const courses = await this.syncCourses(dir, glossary.glossary);
    return { glossary, courses };
  }

  private async syncCourses(dir: string, glossary: Glossary): Promise<CourseSyncReport[]> {
    const coursesDir = join(dir, 'courses');
    const entries = await readdir(coursesDir, { withFileTypes: true });
    const reports: CourseSyncReport[] = [];
    for (const entry of entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const courseDir = join(coursesDir, entry.name);
      const { source, problems } = await readCourseSource(courseDir);
      const media = new Map<string, Buffer>();
      for (const path of source.media) media.set(path, await readFile(join(courseDir, path)));
      const report = await this.syncCourse(source, media, { origin: 'files', publishNew: true, glossary });
      reports.push({ ...report, problems: [...problems, ...report.problems] });
    }
    return reports;
  }

  /**
   * One course. When the last sync read the same files, media, glossary and options, and the
   * course is still as that sync left it, its report is given again without rendering anything.
   */
  async syncCourse(source: CourseSource, media: Map<string, Buffer>, options: SyncOptions): Promise<CourseSyncReport> {
    const glossary = options.glossary ?? (await loadGlossary(this.db.manager));
    const fingerprint = inputFingerprint(source, media, glossary, options);
    // Checked before any transaction: answering writes nothing but grants, which may be given twice.
    const last = await settledSync(this.db.manager, source.slug, fingerprint);
    if (last) return this.answerAgain(source.slug, last, options);
    const outcome = await this.db.transaction(async (tx) => {
      // One sync of a course at a time, across processes (several api processes start at once).
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`karvan:sync:${source.slug}`]);
      // The process that held the lock may have just synced these same files.
      const synced = await settledSync(tx, source.slug, fingerprint);
      return synced ?? syncInFull(tx, source, media, { ...options, glossary }, fingerprint);
    });
    return 'courseId' in outcome ? this.answerAgain(source.slug, outcome, options) : outcome;
  }

  /** An unchanged course: the stored report, and authorship for listed people who signed up since. */
  private async answerAgain(slug: string, last: SettledCourse, options: SyncOptions): Promise<CourseSyncReport> {
    const authors = await authorIds(this.db.manager, last.settled.authors, options.authorId);
    if (authors.length > 0) await this.db.transaction((tx) => grantCourseAuthors(tx, last.courseId, authors));
    const { problems, refused, settledModules } = last.settled;
    return { slug, created: false, revisions: 0, archived: 0, unchanged: settledModules, refused, problems };
  }
}

async function syncInFull(
  tx: Tx,
  source: CourseSource,
  media: Map<string, Buffer>,
  options: SyncOptions & { glossary: Glossary },
  fingerprint: string,
): Promise<CourseSyncReport> {
  const { course, problems } = buildCourse(source, SITE_URLS, options.glossary);
  const errorPaths = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.path));
  const report: CourseSyncReport = {
    slug: source.slug,
    created: false,
    revisions: 0,
    archived: 0,
    unchanged: 0,
    refused: [],
    problems,
  };
  if (!course || errorPaths.has(course.path) || errorPaths.has(source.path)) {
    report.refused.push(course?.path ?? source.path);
    return report;
  }
  if (options.allOrNothing) {
    for (const [path, bytes] of media) {
      const problem = mediaProblem(path, bytes);
      if (problem) report.problems.push(problem);
    }
    report.refused.push(...new Set(report.problems.filter((p) => p.severity === 'error').map((p) => p.path)));
    if (report.refused.length > 0) return report;
  }
  const { id, created, status } = await upsertCourse(tx, course, options);
  report.created = created;
  await lockCourse(tx, id);
  await grantCourseAuthors(tx, id, await authorIds(tx, course.meta.authors, options.authorId));
  await syncMedia(tx, id, media, report);
  // An archive uploaded to a course trainees read adds modules as the editor does: as drafts.
  const drafts = options.origin === 'editor' && status === 'published';
  await syncModules(tx, id, course, errorPaths, report, { origin: options.origin, drafts });
  await storeSettledSync(tx, id, fingerprint, {
    problems: report.problems,
    refused: report.refused,
    settledModules: course.modules.filter((m) => !errorPaths.has(m.path)).length,
    authors: course.meta.authors,
  });
  return report;
}

async function upsertCourse(
  tx: Tx,
  course: Course,
  options: SyncOptions,
): Promise<{ id: string; created: boolean; status: string }> {
  const translations: Record<string, StoredCourseTranslation> = Object.fromEntries(
    course.translations.map((t) => [
      t.language,
      { markdown: t.markdown, title: t.meta.title, summary: t.meta.summary, html: t.html },
    ]),
  );
  const hash = createHash('sha256')
    .update(JSON.stringify([course.markdown, translations]))
    .digest('hex');
  const values = [
    course.slug,
    course.meta.title,
    course.meta.summary,
    course.meta.language,
    course.meta.enrolment,
    JSON.stringify(course.meta.completion),
    course.meta.certificate,
    course.html,
    course.markdown,
    hash,
    JSON.stringify(translations),
    options.origin,
    options.publishNew ? 'published' : 'draft',
  ];
  const rows = await tx.query<Array<{ id: string; created: boolean; status: string }>>(
    `INSERT INTO courses (slug, title, summary, language, enrolment_mode, completion, certificate, intro_html,
                          source_markdown, content_hash, translations, origin, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (slug) DO UPDATE SET title = $2, summary = $3, language = $4, enrolment_mode = $5, completion = $6,
       certificate = $7, intro_html = $8, source_markdown = $9, content_hash = $10, translations = $11, updated_at = now()
     WHERE courses.content_hash <> $10
     RETURNING id, (xmax = 0) AS created, status`,
    values,
  );
  if (rows[0]) return rows[0];
  // Unchanged: the conditional update touched nothing and returned nothing.
  const [existing] = await tx.query<Array<{ id: string; status: string }>>(
    'SELECT id, status FROM courses WHERE slug = $1',
    [course.slug],
  );
  return { id: existing.id, created: false, status: existing.status };
}

/** The importing person, and the accounts of course.md's `authors` e-mails that exist by now. */
async function authorIds(tx: Tx, emails: string[], authorId: string | undefined): Promise<string[]> {
  const ids = authorId ? [authorId] : [];
  if (emails.length === 0) return ids;
  const users = await tx.query<Array<{ id: string }>>(`SELECT id FROM users WHERE lower(email) = ANY($1)`, [
    emails.map((e) => e.toLowerCase()),
  ]);
  return [...ids, ...users.map((u) => u.id)];
}

function mediaProblem(path: string, bytes: Buffer): Problem | undefined {
  try {
    checkImage(path, bytes);
    return undefined;
  } catch {
    return problem(path, 1, 1, 'error', 'tree.mediaRefused');
  }
}

async function syncMedia(
  tx: Tx,
  courseId: string,
  media: Map<string, Buffer>,
  report: CourseSyncReport,
): Promise<void> {
  for (const [path, bytes] of media) {
    const problem = mediaProblem(path, bytes);
    if (problem) {
      report.refused.push(path);
      report.problems.push(problem);
      continue;
    }
    const checked = checkImage(path, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await tx.query(
      `INSERT INTO media (course_id, path, content_type, bytes, sha256) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (course_id, path) DO UPDATE SET content_type = $3, bytes = $4, sha256 = $5, created_at = now()
       WHERE media.sha256 <> $5`,
      [courseId, checked.path, checked.contentType, bytes, sha256],
    );
  }
}
