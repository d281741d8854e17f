import { readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { AppConfig } from '@karvan/config';
import { readCourseSource, readGlossary } from '@karvan/content';
import {
  BOOK_EDITIONS,
  BOOK_FORMATS,
  BookError,
  bookRevision,
  buildBook,
  isLocale,
  type BookEdition,
  type BookFormat,
} from '@karvan/domain';
import { readOptions, UsageError } from './args.js';

type Command = (config: AppConfig, args: string[]) => Promise<void>;

export const BOOK_COMMANDS: Record<string, Command> = {
  'book build': async (config, args) => {
    const [slug, ...rest] = args;
    if (!slug || slug.startsWith('--')) throw new UsageError('book build needs a course, e.g. book build my-course');
    const options = readOptions(rest, ['lang', 'edition', 'format', 'dir', 'out']);
    const language = options.lang ?? 'en';
    if (!isLocale(language)) throw new UsageError('--lang must be en, az or ru');
    const edition = (options.edition ?? 'trainee') as BookEdition;
    if (!BOOK_EDITIONS.includes(edition)) throw new UsageError('--edition must be trainee or trainer');
    const format = options.format ?? 'both';
    const formats: BookFormat[] = format === 'both' ? [...BOOK_FORMATS] : [format as BookFormat];
    if (!formats.every((f) => BOOK_FORMATS.includes(f))) throw new UsageError('--format must be pdf, epub or both');
    const contentDir = resolve(process.cwd(), options.dir ?? 'content');
    const dir = resolve(contentDir, 'courses', slug);
    const { glossary } = await readGlossary(contentDir);
    const book = await readBookSource(dir);
    for (const f of formats) {
      const file = resolve(process.cwd(), options.out ?? '.', `${slug}-${language}-${edition}.${f}`);
      try {
        const bytes = await buildBook(book, {
          language,
          edition,
          format: f,
          programme: config.certificateIssuer,
          verifyUrl: `${config.baseUrl}/courses/${encodeURIComponent(slug)}/book`,
          glossary,
        });
        await writeFile(file, bytes);
      } catch (error) {
        // The checker's own lines, with paths as the author typed them; nothing is written.
        if (!(error instanceof BookError)) throw error;
        console.error(error.message.replaceAll(`${dir}/`, `${relative(process.cwd(), dir)}/`));
        process.exitCode = 1;
        return;
      }
      console.log(`${relative(process.cwd(), file)} (revision ${bookRevision(book).slice(0, 12)})`);
    }
  },
};

async function readBookSource(dir: string) {
  // The checker reports what is wrong with the files when the book is built.
  const { source } = await readCourseSource(dir).catch(() => {
    throw new UsageError(`no course at ${dir}`);
  });
  const media = new Map<string, Buffer>();
  for (const path of source.media) media.set(path, await readFile(join(dir, path)));
  return { source, media };
}
