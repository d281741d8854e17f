import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildCourse, readCourseSource, readGlossary, type CourseSource, type Glossary } from '@karvan/content';
import { buildBook, type BookEdition, type Locale } from '@karvan/domain';

const run = promisify(execFile);
const COURSE = join(process.cwd(), 'content', 'courses', 'migration-management-fundamentals');
const UNTRANSLATED = '02-eu-azerbaijan-mobility-partnership.az.md';

/** The text of each page, as pdftotext extracts it, whitespace squashed. */
async function pages(file: string): Promise<string[]> {
  const { stdout } = await run('pdftotext', [file, '-']);
  return stdout.split('\f').map((page) => page.replace(/\s+/g, ' ').trim());
}

/** The text a reader sees of a piece of HTML. */
function plain(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('course books as PDF', () => {
  let dir: string;
  let source: CourseSource;
  let glossary: Glossary;
  const books: Partial<Record<Locale, { file: string; pages: string[] }>> = {};
  const editions: Record<'az' | 'ru', BookEdition> = { az: 'trainee', ru: 'trainer' };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'karvan-pdf-'));
    ({ source } = await readCourseSource(COURSE));
    // Chapter 2 as if its Azerbaijani translation were missing: it prints in English with a note.
    source = { ...source, files: source.files.filter((f) => !f.name.endsWith(UNTRANSLATED)) };
    glossary = (await readGlossary(join(process.cwd(), 'content'))).glossary;
    for (const language of ['az', 'ru'] as const) {
      const bytes = await buildBook(
        { source, media: new Map() },
        {
          language,
          edition: editions[language],
          format: 'pdf',
          programme: 'Test programme',
          verifyUrl: 'https://karvan.example/courses/x/book',
          glossary,
        },
      );
      const file = join(dir, `${language}.pdf`);
      await writeFile(file, bytes);
      books[language] = { file, pages: await pages(file) };
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const course = () => buildCourse(source, undefined, glossary).course!;

  it('has as many pages as pdfinfo counts, tagged, with every font embedded', async () => {
    for (const language of ['az', 'ru'] as const) {
      const { stdout: info } = await run('pdfinfo', [books[language]!.file]);
      const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
      expect(count).toBeGreaterThan(40);
      expect(books[language]!.pages.filter((p) => p !== '')).toHaveLength(count);
      expect(info).toMatch(/^Tagged:\s+yes/m);
      const { stdout: fonts } = await run('pdffonts', [books[language]!.file]);
      const rows = fonts.split('\n').slice(2).filter(Boolean);
      expect(rows.length).toBeGreaterThan(0);
      // The "emb" column: every font is embedded.
      expect(rows.filter((row) => !/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/.test(row))).toEqual([]);
    }
  });

  it('lists the chapters in order, each on the page its contents entry names', () => {
    const { pages: text } = books.az!;
    const contents = text.find((p) => p.startsWith('Mündəricat'))!;
    expect(contents).toBeDefined();
    let previous = 0;
    course().modules.forEach((module, i) => {
      const entry = new RegExp(`Fəsil ${i + 1}\\. (.+?) ?\\.{3,} ?(\\d+)`).exec(contents);
      expect(entry).not.toBeNull();
      const page = Number(entry![2]);
      expect(page).toBeGreaterThan(previous);
      previous = page;
      const title = entry![1];
      expect(text[page - 1]).toContain(`Fəsil ${i + 1}`);
      expect(text[page - 1]).toContain(title);
      const translated = module.translations.find((t) => t.language === 'az');
      expect(title).toBe(translated ? translated.title : module.title);
      expect(!!translated).toBe(i !== 1);
    });
  });

  it('keeps Azerbaijani and Cyrillic letters intact in the extracted text', () => {
    const az = books.az!.pages.join(' ');
    expect(az).toContain('Miqrasiya idarəetməsinin əsasları');
    for (const letter of 'əğıİşçöüƏ') expect(az).toContain(letter);
    const ru = books.ru!.pages.join(' ');
    const title = course().translations.find((t) => t.language === 'ru')!.meta.title;
    expect(ru).toContain(title);
    for (const letter of 'жщыьэюяГДЗ') expect(ru).toContain(letter);
  });

  it('prints an untranslated chapter in the course language with a visible note', () => {
    const az = books.az!.pages.join(' ');
    expect(az).toContain('Bu fəslin aktual tərcüməsi hələ yoxdur (Azərbaycanca)');
  });

  it('puts each footnote at the foot of the page that refers to it', () => {
    const labour = course().modules.find((m) => m.slug === 'labour-migration')!;
    expect(labour.html).toContain('footnote-ref');
    const { pages: text } = books.az!;
    // The Azerbaijani chapter's first note, and the sentence that calls it (its number printed after it).
    const note = text.findIndex((p) => p.includes('1. BMqT, Dünya Miqrasiya Hesabatı 2024'));
    expect(note).toBeGreaterThan(0);
    expect(text[note]).toContain('831 milyard ABŞ dollarına çatmışdır.1');
  });

  it('has an answer key in the trainer edition only', () => {
    const az = books.az!.pages.join(' ');
    expect(az).toContain('Tapşırıqlar');
    expect(az).not.toContain('Tapşırıqların cavabları');
    const ru = books.ru!.pages.join(' ');
    expect(ru).toContain('Ответы к упражнениям');
    // The answer key names the right option of the first question of chapter 1.
    const first = course().modules[0].translations.find((t) => t.language === 'ru')!;
    const question = first.quiz!.questions[0];
    const key = first.answerKey![question.id];
    expect(key.type === 'single' || key.type === 'multiple').toBe(true);
    const right =
      'options' in question ? question.options.find((o) => 'correct' in key && key.correct.includes(o.id)) : undefined;
    const appendix = ru.slice(ru.indexOf('Глава 1: '));
    expect(appendix).toContain(plain(right!.html).slice(0, 20));
  });

  it('indexes the glossary terms with the pages they are on', () => {
    const { pages: text } = books.az!;
    const index = text.findLast((p) => p.startsWith('Göstərici'))!;
    const { term, definition } = glossary.byId.get('migrant-worker')!;
    const page = Number(new RegExp(`${term.az} (\\d+)`).exec(index)?.[1]);
    expect(text[page - 1]).toContain('Lüğət');
    expect(text[page - 1]).toContain(`${term.az} ${definition.az.split(' ').slice(0, 3).join(' ')}`);
  });
});
