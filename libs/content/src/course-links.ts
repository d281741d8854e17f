import { posix } from 'node:path';
import type { CourseSource, CourseUrls } from './course-model.js';
import { parseFileName, type FileName } from './file-name.js';
import type { RenderOptions } from './render-types.js';

type Resolvers = Pick<RenderOptions, 'resolveModuleLink' | 'resolveMedia'>;

/**
 * Link resolvers for the files of one course: a link to `02-foo.md` becomes the module's address
 * (in the reader's language), a link to `media/x.png` the media address, and anything that is not
 * in the course comes back undefined, which the renderer reports as broken. With `bySlug` (a
 * course read back from the database, whose file names follow the current order) a module link
 * whose number differs still resolves by its slug, the module's identity: modules are reordered
 * in the browser, and a course's own files may number them `001-`.
 */
export function courseLinks(
  source: CourseSource,
  urls: CourseUrls,
  language: string | undefined,
  bySlug = false,
): Resolvers {
  const names = new Set(source.files.map((f) => f.name));
  const modules = new Set(source.files.map((f) => moduleKey(parseFileName(f.name))));
  const media = new Set(source.media);
  return {
    resolveModuleLink(fileName, anchor) {
      const parsed = parseFileName(fileName);
      if (!parsed.ok) return undefined;
      const key = moduleKey(parsed);
      if (!names.has(fileName) && !(bySlug && key !== null && modules.has(key))) return undefined;
      const name = parsed.name;
      const lang = 'language' in name ? name.language : language;
      if (name.kind === 'course' || name.kind === 'course-translation') return urls.course(source.slug, lang);
      return urls.module(source.slug, name.slug, anchor, lang);
    },
    resolveMedia(path) {
      const file = posix.normalize(path);
      return media.has(file) ? urls.media(source.slug, file) : undefined;
    },
  };
}

/** A module file's slug and language, or null for anything else. */
function moduleKey(parsed: { ok: true; name: FileName } | { ok: false }): string | null {
  if (!parsed.ok || (parsed.name.kind !== 'module' && parsed.name.kind !== 'module-translation')) return null;
  return `${parsed.name.slug}.${'language' in parsed.name ? parsed.name.language : ''}`;
}
