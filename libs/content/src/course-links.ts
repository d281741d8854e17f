import { posix } from 'node:path';
import type { CourseSource, CourseUrls } from './course-model.js';
import { parseFileName } from './file-name.js';
import type { RenderOptions } from './render-types.js';

type Resolvers = Pick<RenderOptions, 'resolveModuleLink' | 'resolveMedia'>;

/**
 * Link resolvers for the files of one course: a link to `02-foo.md` becomes the module's address
 * (in the reader's language), a link to `media/x.png` the media address, and anything that is not
 * in the course comes back undefined, which the renderer reports as broken.
 */
export function courseLinks(source: CourseSource, urls: CourseUrls, language: string | undefined): Resolvers {
  const names = new Set(source.files.map((f) => f.name));
  const media = new Set(source.media);
  return {
    resolveModuleLink(fileName, anchor) {
      if (!names.has(fileName)) return undefined;
      const parsed = parseFileName(fileName);
      if (!parsed.ok) return undefined;
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
