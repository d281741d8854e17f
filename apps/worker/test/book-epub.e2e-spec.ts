import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildCourse, readCourseSource, readGlossary, type CourseSource, type Glossary } from '@karvan/content';
import { buildBook, LOCALES, type BookEdition, type Locale } from '@karvan/domain';

const run = promisify(execFile);
const CONTENT = join(process.cwd(), 'content', 'courses');
// A short-lived check: the quick compiler and the serial collector shorten the JVM's start.
const JVM_FAST_START = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto'];
const CHECK_ALL = join(process.cwd(), 'apps', 'worker', 'test', 'EpubCheckAll.java');

/**
 * EPUBCheck's report on each book, '' for none: one JVM checks them all (EpubCheckAll.java, run
 * from source through EPUBCheck's own API), where a JVM per book spent most of the time starting.
 */
async function epubcheck(files: string[]): Promise<Map<string, string>> {
  const classpath = '/usr/share/java/epubcheck.jar';
  const { stdout } = await run('java', [...JVM_FAST_START, '-cp', classpath, CHECK_ALL, ...files], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const reports = new Map<string, string>();
  for (const section of stdout.split(/^== /m).filter(Boolean)) {
    const [head, ...report] = section.split('\n');
    reports.set(head, report.join('\n').trim());
  }
  return reports;
}

/** Every file of the archive, as text, in archive order. */
async function entries(file: string): Promise<{ names: string[]; text: string }> {
  const { stdout: list } = await run('unzip', ['-Z1', file]);
  const { stdout: text } = await run('unzip', ['-p', file], { maxBuffer: 64 * 1024 * 1024 });
  return { names: list.split('\n').filter(Boolean), text };
}

interface Built {
  slug: string;
  language: Locale;
  edition: BookEdition;
  file: string;
  source: CourseSource;
}

describe('course books as EPUB', () => {
  let dir: string;
  let glossary: Glossary;
  const built: Built[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'karvan-epub-'));
    // The shipped glossary: every course links its terms, so every book has a glossary chapter.
    glossary = (await readGlossary(join(process.cwd(), 'content'))).glossary;
    const courses = (await readdir(CONTENT)).filter((name) => !name.startsWith('.'));
    for (const slug of courses) {
      const { source } = await readCourseSource(join(CONTENT, slug));
      for (const language of LOCALES) {
        // Both editions are checked: the trainer edition in English, the trainee edition otherwise.
        const edition: BookEdition = language === 'en' ? 'trainer' : 'trainee';
        const bytes = await buildBook(
          { source, media: new Map() },
          {
            language,
            edition,
            format: 'epub',
            programme: 'Test programme',
            verifyUrl: 'https://karvan.example/courses/x/book',
            glossary,
          },
        );
        const file = join(dir, `${slug}.${language}.epub`);
        await writeFile(file, bytes);
        built.push({ slug, language, edition, file, source });
      }
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('passes EPUBCheck with no error and no warning for every shipped course in every language', async () => {
    expect(built.length).toBeGreaterThanOrEqual(6);
    const found = await epubcheck(built.map((b) => b.file));
    const reports = built.map((b) => ({ book: `${b.slug} ${b.language}`, report: found.get(b.file) }));
    expect(reports).toEqual(built.map((b) => ({ book: `${b.slug} ${b.language}`, report: '' })));
  });

  it('stores the mimetype first and uncompressed, with a navigation document and the language', async () => {
    const book = built[0];
    const { names, text } = await entries(book.file);
    expect(names[0]).toBe('mimetype');
    const { stdout } = await run('unzip', ['-Zv', book.file, 'mimetype']);
    expect(stdout).toMatch(/compression method:\s+none \(stored\)/);
    expect(names).toEqual(expect.arrayContaining(['OEBPS/nav.xhtml', 'OEBPS/package.opf', 'OEBPS/glossary.xhtml']));
    expect(text).toContain(`<dt id="term-non-refoulement">${glossary.byId.get('non-refoulement')!.term.en}</dt>`);
    expect(text).toContain(`<dc:language>${book.language}</dc:language>`);
    expect(text).toMatch(/<meta property="dcterms:modified">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/meta>/);
  });

  it('has no answer key in the trainee edition, and one in the trainer edition', async () => {
    for (const book of built) {
      const course = buildCourse(book.source).course!;
      const feedback = course.modules
        .flatMap((m) => [m, ...m.translations])
        .flatMap((m) => Object.values(m.answerKey ?? {}))
        .map((entry) => entry.feedbackHtml?.replace(/<[^>]+>/g, '').trim() ?? '')
        .filter((text) => text.length > 20);
      const { names, text } = await entries(book.file);
      const shown = feedback.filter((f) => text.includes(f));
      if (book.edition === 'trainee') {
        expect({ book: book.file, answers: names.includes('OEBPS/answers.xhtml'), shown }).toEqual({
          book: book.file,
          answers: false,
          shown: [],
        });
      } else {
        expect(names).toContain('OEBPS/answers.xhtml');
        expect(shown.length).toBeGreaterThan(0);
      }
    }
  });
});
