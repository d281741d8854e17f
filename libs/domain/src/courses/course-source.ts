import type { CourseSource, SourceFile } from '@karvan/content';
import type { EntityManager } from 'typeorm';

/** Module file names carry the position: `03-slug.md`. The slug, not the number, is the identity. */
export function moduleFileName(position: number, slug: string, language?: string): string {
  return `${String(position).padStart(2, '0')}-${slug}${language ? `.${language}` : ''}.md`;
}

export interface DbCourseSource extends CourseSource {
  /** File name of each active module, by slug. */
  moduleFiles: Map<string, string>;
}

interface CourseRow {
  slug: string;
  source_markdown: string;
  translations: Record<string, { markdown: string }>;
  media: string[];
}

/** A module's text, or one of its translations' (`language` set). */
interface ModuleTextRow {
  slug: string;
  position: number;
  language: string | null;
  source_markdown: string;
}

/** The course as the files it would export to: course.md, modules, translations, media paths. */
export async function loadCourseSource(db: EntityManager, courseId: string): Promise<DbCourseSource> {
  // Two round trips: the editor reads the whole course on every save and preview. The texts come
  // as plain rows, not JSON: encoding a hundred modules' Markdown as JSON took longer than sending it.
  const [course] = await db.query<CourseRow[]>(
    `SELECT c.slug, c.source_markdown, c.translations,
       coalesce((SELECT json_agg(d.path ORDER BY d.path) FROM media d WHERE d.course_id = c.id), '[]') AS media
     FROM courses c WHERE c.id = $1`,
    [courseId],
  );
  const texts = await db.query<ModuleTextRow[]>(
    `SELECT m.slug, m.position, NULL AS language, r.source_markdown
     FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id
     WHERE m.course_id = $1 AND m.status = 'active'
     UNION ALL
     SELECT m.slug, m.position, t.language, t.source_markdown
     FROM module_translations t JOIN modules m ON m.id = t.module_id
     WHERE m.course_id = $1 AND m.status = 'active'
     ORDER BY position, language NULLS FIRST`,
    [courseId],
  );
  const modules = texts.filter((t) => t.language === null);
  const translations = texts.filter((t) => t.language !== null);
  const { media } = course;
  const file = (name: string, text: string): SourceFile => ({ name, path: `${course.slug}/${name}`, text });
  const files = [
    file('course.md', course.source_markdown),
    ...Object.entries(course.translations).map(([language, t]) => file(`course.${language}.md`, t.markdown)),
    ...modules.map((m) => file(moduleFileName(m.position, m.slug), m.source_markdown)),
    ...translations.map((t) => file(moduleFileName(t.position, t.slug, t.language ?? undefined), t.source_markdown)),
  ];
  return {
    slug: course.slug,
    path: course.slug,
    files,
    media,
    moduleFiles: new Map(modules.map((m) => [m.slug, moduleFileName(m.position, m.slug)])),
  };
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
  const source = await loadCourseSource(db, courseId);
  const rows = await db.query<Array<{ path: string; bytes: Buffer }>>(
    'SELECT path, bytes FROM media WHERE course_id = $1',
    [courseId],
  );
  const { slug, path, files, media } = source;
  return { source: { slug, path, files, media }, media: new Map(rows.map((r) => [r.path, r.bytes])) };
}
