import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildBook, type BookEdition } from '@karvan/domain';
import { readCourseSource } from '@karvan/content';
import { LOCALES } from '@karvan/domain';

const run = promisify(execFile);
const CONTENT = join(process.cwd(), 'content', 'courses');

async function epubcheck(file: string): Promise<string> {
  // The jar is marked executable but needs Java to run it.
  const result = await run('java', ['-jar', '/usr/share/java/epubcheck.jar', '--quiet', file]).catch(
    (error: { stdout: string; stderr: string }) => error,
  );
  return `${result.stdout}${result.stderr}`.trim();
}

describe('course books as EPUB', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'karvan-epub-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('passes EPUBCheck with no error and no warning for every shipped course in every language', async () => {
    const courses = (await readdir(CONTENT)).filter((name) => !name.startsWith('.'));
    expect(courses.length).toBeGreaterThan(0);
    for (const slug of courses) {
      const { source } = await readCourseSource(join(CONTENT, slug));
      for (const language of LOCALES) {
        const edition: BookEdition = language === 'en' ? 'trainer' : 'trainee';
        const bytes = await buildBook(
          { source, media: new Map() },
          {
            language,
            edition,
            format: 'epub',
            programme: 'Test programme',
            verifyUrl: 'https://karvan.example/b',
            glossary: [],
          },
        );
        const file = join(dir, `${slug}.${language}.epub`);
        await writeFile(file, bytes);
        expect({ file: `${slug} ${language}`, report: await epubcheck(file) }).toEqual({
          file: `${slug} ${language}`,
          report: '',
        });
      }
    }
  });
});
