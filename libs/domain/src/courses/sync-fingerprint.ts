import { createHash, type Hash } from 'node:crypto';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  codeDigest,
  contentCodeDigest,
  GLOSSARY_LANGUAGES,
  type CourseSource,
  type Glossary,
  type Problem,
} from '@karvan/content';
import type { EntityManager } from 'typeorm';

let format: string | undefined;

/**
 * The version of what a sync makes of its input: a digest of the content package's code (parser,
 * checker, renderer, and the versions of what it renders with) and of this feature's code (what
 * the sync stores). When either changes, every course is synced in full once, as if its files had
 * changed, instead of answering from the last sync: a renderer fix reaches unchanged modules too.
 * Worked out once per process, on first use.
 */
export function syncFormat(): string {
  format ??= `karvan-sync-2:${contentCodeDigest()}:${codeDigest([dirname(fileURLToPath(import.meta.url))])}`;
  return format;
}

/** The options that change what a sync does. */
export interface FingerprintOptions {
  origin: 'files' | 'editor';
  publishNew: boolean;
  authorId?: string;
  allOrNothing?: boolean;
}

/** What a sync stores with its course, to answer the next sync of the same files in the same state. */
export interface SettledSync {
  problems: Problem[];
  refused: string[];
  /** Modules of the files that the sync left as the files say: all but the refused ones. */
  settledModules: number;
  /** The e-mails of course.md's `authors`, granted again on every sync: someone may have signed up since. */
  authors: string[];
}

/**
 * SHA-256 of everything a course's sync depends on besides the database: its files (paths and
 * texts, in the order given), its media bytes, the glossary its links resolve against and the
 * options. Problems carry file paths, so the paths are part of it too.
 */
export function inputFingerprint(
  source: CourseSource,
  media: Map<string, Buffer>,
  glossary: Glossary,
  options: FingerprintOptions,
): string {
  const { origin, publishNew, authorId = null, allOrNothing = false } = options;
  const hash = createHash('sha256');
  hash.update(JSON.stringify([syncFormat(), origin, publishNew, authorId, allOrNothing, glossaryDigest(glossary)]));
  hash.update(JSON.stringify([source.slug, source.path, source.media]));
  hashFiles(hash, source.files);
  for (const [path, bytes] of media) hash.update(JSON.stringify([path, sha256(bytes)]));
  return hash.digest('hex');
}

/** SHA-256 of files' paths and texts, in the order given. */
export function filesFingerprint(files: Array<{ path: string; text: string }>): string {
  const hash = createHash('sha256').update(JSON.stringify([syncFormat()]));
  hashFiles(hash, files);
  return hash.digest('hex');
}

function hashFiles(hash: Hash, files: Array<{ path: string; text: string }>): void {
  // The text's length before it keeps two lists of files from running together into the same bytes.
  for (const file of files) hash.update(JSON.stringify([file.path, file.text.length])).update(file.text);
}

const glossaryDigests = new WeakMap<Glossary, string>();

/**
 * What links resolve to, in id order: the glossary read from the files and the same glossary loaded
 * from the table (in another order, without file positions) give the same digest. A tree's courses
 * share one glossary object, so it is worked out once.
 */
function glossaryDigest(glossary: Glossary): string {
  let digest = glossaryDigests.get(glossary);
  if (!digest) {
    const terms = [...glossary.terms]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(({ id, term, definition, source, see }) => [
        id,
        GLOSSARY_LANGUAGES.map((language) => [term[language], definition[language]]),
        source,
        see,
      ]);
    digest = createHash('sha256').update(JSON.stringify(terms)).digest('hex');
    glossaryDigests.set(glossary, digest);
  }
  return digest;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * An md5 of the course as the database holds it, for every part a sync reads or writes: the
 * course row's text and status, each module's place, status and current revision, the translations
 * and the media. A change made outside the sync (a browser edit is a new revision; an archive, a
 * reorder, course settings, an upload) moves it, so no trigger has to record it. `c` is the course.
 * A translation with no accepted answers yet is one the sync still has to fill in.
 */
const COURSE_STATE_SQL = `md5(ROW(
  extract(epoch FROM c.updated_at), c.content_hash, c.status,
  (SELECT string_agg(ROW(m.id, m.slug, m.position, m.status, m.current_revision_id)::text, ';' ORDER BY m.id)
   FROM modules m WHERE m.course_id = c.id),
  (SELECT string_agg(ROW(t.module_id, t.language, t.content_hash, extract(epoch FROM t.updated_at),
                         t.accepted_answers IS NULL)::text, ';' ORDER BY t.module_id, t.language)
   FROM module_translations t JOIN modules m ON m.id = t.module_id WHERE m.course_id = c.id),
  (SELECT string_agg(ROW(d.path, d.sha256)::text, ';' ORDER BY d.path) FROM media d WHERE d.course_id = c.id)
)::text)`;

/** A course as its last sync left it: its id and what that sync stored. */
export interface SettledCourse {
  courseId: string;
  settled: SettledSync;
}

/**
 * What the last sync of the course stored, when it read this same fingerprint and the course is
 * still in the state that sync left it in; otherwise undefined (the course must be synced in full).
 */
export async function settledSync(
  db: EntityManager,
  slug: string,
  fingerprint: string,
): Promise<SettledCourse | undefined> {
  // The digest is worked out only when the fingerprint matches.
  const [row] = await db.query<Array<{ id: string; report: SettledSync; settled: boolean | null }>>(
    `SELECT c.id, c.sync_report AS report,
       CASE WHEN c.sync_fingerprint = $2 THEN c.sync_state = ${COURSE_STATE_SQL} END AS settled
     FROM courses c WHERE c.slug = $1`,
    [slug, fingerprint],
  );
  return row?.settled ? { courseId: row.id, settled: row.report } : undefined;
}

/** Records a full sync, with the state it left the course in (its own writes included). */
export async function storeSettledSync(
  tx: EntityManager,
  courseId: string,
  fingerprint: string,
  settled: SettledSync,
): Promise<void> {
  await tx.query(
    `UPDATE courses c SET sync_fingerprint = $2, sync_report = $3, sync_state = ${COURSE_STATE_SQL} WHERE c.id = $1`,
    [courseId, fingerprint, JSON.stringify(settled)],
  );
}

/**
 * Locks what a full sync's closing digest reads but the sync does not lock itself (it locks the
 * module rows): the course row, which a new module or image waits on, and its media, which an
 * upload may replace. A browser change made meanwhile would otherwise be taken for settled.
 */
export async function lockCourse(tx: EntityManager, courseId: string): Promise<void> {
  await tx.query('SELECT id FROM courses WHERE id = $1 FOR UPDATE', [courseId]);
  await tx.query('SELECT id FROM media WHERE course_id = $1 FOR UPDATE', [courseId]);
}
