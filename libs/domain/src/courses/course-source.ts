import type { CourseSource, SourceFile } from '@karvan/content';
import type { EntityManager } from 'typeorm';
import { prepared } from '@karvan/database';
import { GLOSSARY_EPOCH_SQL } from '../shared/content-epoch.js';
import { KeptMap } from '../shared/kept-map.js';

/** Module file names carry the position: `03-slug.md`. The slug, not the number, is the identity. */
export function moduleFileName(position: number, slug: string, language?: string): string {
  return `${String(position).padStart(2, '0')}-${slug}${language ? `.${language}` : ''}.md`;
}

export interface DbCourseSource extends CourseSource {
  /** File name of each active module, by slug. */
  moduleFiles: Map<string, string>;
  /** Id of each active module, by slug. */
  moduleIds: Map<string, string>;
  /** The glossary's epoch, read with the course: the glossary to check its links against. */
  glossaryEpoch: string;
}

interface CourseRow {
  slug: string;
  source_markdown: string;
  translations: Record<string, { markdown: string }>;
  media: string[];
  glossary_epoch: string;
}

/**
 * A module's text, or one of its translations' (`language` set). `key` names the text: a
 * revision's id, or a translation's module, language, hash and time of change. `source_markdown`
 * is left out (null) when the key is one this process already holds.
 */
interface ModuleTextRow {
  id: string;
  slug: string;
  position: number;
  language: string | null;
  key: string;
  source_markdown: string | null;
}

/**
 * The texts of the courses read last, by key. A key's text never changes: a revision is never
 * rewritten, and a translation's key changes with every write of it (its updated_at and hash).
 * So the editor, which reads the whole course on every save and preview, fetches only the texts
 * that are new since its last read, and a stale text cannot be served.
 */
const knownTexts = new KeptMap<string, Map<string, string>>(20);

/**
 * The course as the files it would export to: course.md, modules, translations, media paths. Its
 * authors' view has the draft modules too (`drafts`); a trainee's (the course book) has not.
 */
export async function loadCourseSource(
  db: EntityManager,
  courseId: string,
  { drafts = true }: { drafts?: boolean } = {},
): Promise<DbCourseSource> {
  const known = knownTexts.get(courseId) ?? new Map<string, string>();
  // The two reads go out together: neither needs the other, and the editor waits on both per save.
  const [[course], rows] = await Promise.all([
    prepared<CourseRow[]>(
      db,
      `SELECT c.slug, c.source_markdown, c.translations,
       coalesce((SELECT json_agg(d.path ORDER BY d.path) FROM media d WHERE d.course_id = c.id), '[]') AS media,
       ${GLOSSARY_EPOCH_SQL} AS glossary_epoch
     FROM courses c WHERE c.id = $1`,
      [courseId],
    ),
    // The texts come as plain rows, not JSON: encoding a hundred modules' Markdown as JSON took
    // longer than sending it.
    prepared<ModuleTextRow[]>(
      db,
      `SELECT m.id, m.slug, m.position, NULL AS language, r.id::text AS key,
       CASE WHEN r.id::text = ANY($2::text[]) THEN NULL ELSE r.source_markdown END AS source_markdown
     FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id
     WHERE m.course_id = $1 AND (m.status = 'active' OR ($3 AND m.status = 'draft'))
     UNION ALL
     SELECT m.id, m.slug, m.position, t.language, k.key,
       CASE WHEN k.key = ANY($2::text[]) THEN NULL ELSE t.source_markdown END
     FROM module_translations t JOIN modules m ON m.id = t.module_id,
       LATERAL (SELECT concat_ws(' ', t.module_id, t.language, t.content_hash, t.updated_at) AS key) k
     WHERE m.course_id = $1 AND (m.status = 'active' OR ($3 AND m.status = 'draft'))
     ORDER BY position, language NULLS FIRST`,
      [courseId, [...known.keys()], drafts],
    ),
  ]);
  const texts = new Map<string, string>();
  for (const row of rows) {
    const body = row.source_markdown ?? known.get(row.key);
    // Cannot happen: a key sent as known is read from the same map, which is never changed.
    if (body === undefined) throw new Error(`The text ${row.key} of course ${courseId} was neither sent nor known.`);
    texts.set(row.key, body);
  }
  remember(courseId, texts);
  const text = (row: ModuleTextRow) => texts.get(row.key)!;
  const modules = rows.filter((row) => row.language === null);
  const translations = rows.filter((row) => row.language !== null);
  const file = (name: string, body: string): SourceFile => ({ name, path: `${course.slug}/${name}`, text: body });
  const files = [
    file('course.md', course.source_markdown),
    ...Object.entries(course.translations).map(([language, t]) => file(`course.${language}.md`, t.markdown)),
    ...modules.map((m) => file(moduleFileName(m.position, m.slug), text(m))),
    ...translations.map((t) => file(moduleFileName(t.position, t.slug, t.language ?? undefined), text(t))),
  ];
  return {
    slug: course.slug,
    path: course.slug,
    files,
    media: course.media,
    moduleFiles: new Map(modules.map((m) => [m.slug, moduleFileName(m.position, m.slug)])),
    moduleIds: new Map(modules.map((m) => [m.slug, m.id])),
    glossaryEpoch: course.glossary_epoch,
  };
}

/** Keeps only the course's current texts, for the courses read most recently. */
function remember(courseId: string, texts: Map<string, string>): void {
  knownTexts.delete(courseId); // a course read again is the newest
  knownTexts.set(courseId, texts);
}

/** The same course with one module file replaced or added. */
export function withModuleFile(source: CourseSource, name: string, text: string): CourseSource {
  const path = `${source.path}/${name}`;
  return { ...source, files: [...source.files.filter((f) => f.name !== name), { name, path, text }] };
}

/** The course's files and its media bytes: what a book of the course is made from. */
export async function readCourseFiles(
  db: EntityManager,
  courseId: string,
): Promise<{ source: CourseSource; media: Map<string, Buffer> }> {
  const source = await loadCourseSource(db, courseId, { drafts: false });
  const rows = await db.query<Array<{ path: string; bytes: Buffer }>>(
    'SELECT path, bytes FROM media WHERE course_id = $1',
    [courseId],
  );
  const { slug, path, files, media } = source;
  return { source: { slug, path, files, media }, media: new Map(rows.map((r) => [r.path, r.bytes])) };
}
