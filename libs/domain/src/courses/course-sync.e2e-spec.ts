import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, projectRoot } from '@karvan/config';
import { EMPTY_GLOSSARY, readCourseSource } from '@karvan/content';
import { createDataSource, runMigrationsLocked } from '@karvan/database';
import { CourseSyncService, ENTITIES } from '@karvan/domain';
import type { DataSource } from 'typeorm';
import { compileModule } from './compile-module.js';
import { loadCourseSource, withModuleFile } from './course-source.js';
import { storeRevision } from './revisions.js';
import { COURSE, MODULE } from './test/sync-files.js';

describe('content sync', () => {
  let db: DataSource;
  let sync: CourseSyncService;
  let root: string;
  let slug: string;
  let dir: string;

  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  const count = async (sql: string) => (await db.query<Array<{ n: number }>>(sql, [slug]))[0].n;
  const revisions = () =>
    count(`SELECT count(*)::int AS n FROM module_revisions r JOIN modules m ON m.id = r.module_id
           JOIN courses c ON c.id = m.course_id WHERE c.slug = $1`);

  beforeAll(async () => {
    db = createDataSource({ url: loadConfig().databaseUrl!, entities: ENTITIES, poolMax: 3 });
    await db.initialize();
    await runMigrationsLocked(db);
    sync = new CourseSyncService(db);
  });
  afterAll(() => db.destroy());

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'karvan-sync-'));
    slug = `sync-${Math.random().toString(36).slice(2, 10)}`;
    dir = join(root, 'courses', slug);
    mkdirSync(dir, { recursive: true });
    write('course.md', COURSE());
    write('01-first.md', MODULE('First'));
    write('02-second.md', MODULE('Second'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('imports a course, and changes nothing when run again', async () => {
    const [first] = await sync.syncTree(root);
    expect(first).toMatchObject({ slug, created: true, revisions: 2, refused: [] });
    const [second] = await sync.syncTree(root);
    expect(second).toMatchObject({ created: false, revisions: 0, unchanged: 2, archived: 0 });
    expect(await revisions()).toBe(2);
    const [course] = await db.query<Array<{ status: string; title: string }>>(
      'SELECT status, title FROM courses WHERE slug = $1',
      [slug],
    );
    expect(course).toEqual({ status: 'published', title: 'Sync test course' });
  });

  it('keeps answer keys and feedback out of the stored quiz', async () => {
    await sync.syncTree(root);
    const [row] = await db.query<Array<{ quiz: object; answer_key: object; feedback_html: string }>>(
      `SELECT r.quiz, q.answer_key, q.feedback_html FROM modules m JOIN courses c ON c.id = m.course_id
       JOIN module_revisions r ON r.id = m.current_revision_id JOIN questions q ON q.revision_id = r.id
       WHERE c.slug = $1 AND m.slug = 'first'`,
      [slug],
    );
    expect(JSON.stringify(row.quiz)).not.toMatch(/correct|2007 was|Established/);
    expect(row.answer_key).toMatchObject({ type: 'single', correct: [expect.any(String)] });
    expect(row.feedback_html).toContain('Established in 2007.');
  });

  it('makes one new revision when one module changes', async () => {
    await sync.syncTree(root);
    write('02-second.md', MODULE('Second', ' Now longer.'));
    const [report] = await sync.syncTree(root);
    expect(report).toMatchObject({ revisions: 1, unchanged: 1 });
    expect(await revisions()).toBe(3);
  });

  it('stores a module’s checker warnings with its revision, and clears them when they go', async () => {
    const warnings = async () =>
      (
        await db.query<Array<{ warnings: Array<{ code: string; params: object; line: number }> }>>(
          `SELECT r.warnings FROM modules m JOIN courses c ON c.id = m.course_id
           JOIN module_revisions r ON r.id = m.current_revision_id WHERE c.slug = $1 AND m.slug = 'second'`,
          [slug],
        )
      )[0].warnings;
    write('02-second.md', MODULE('Second', '\n\n![A map](https://maps.example.org/map.png)'));
    await sync.syncTree(root);
    expect(await warnings()).toMatchObject([
      { code: 'image.external', params: { src: 'https://maps.example.org/map.png' }, line: 15 },
    ]);
    write('02-second.md', MODULE('Second'));
    await sync.syncTree(root);
    expect(await warnings()).toEqual([]);
  });

  it('keeps an edit made in the browser while its file is unchanged, and lets a changed file win', async () => {
    await sync.syncTree(root);
    const current = () =>
      db.query<Array<{ origin: string; html: string }>>(
        `SELECT r.origin, r.html FROM modules m JOIN courses c ON c.id = m.course_id
         JOIN module_revisions r ON r.id = m.current_revision_id WHERE c.slug = $1 AND m.slug = 'first'`,
        [slug],
      );
    const [{ id }] = await db.query<Array<{ id: string }>>(
      `SELECT m.id FROM modules m JOIN courses c ON c.id = m.course_id WHERE c.slug = $1 AND m.slug = 'first'`,
      [slug],
    );
    const edited = MODULE('First', ' Edited in the browser.');
    await db.transaction(async (tx) => {
      const source = await loadCourseSource(
        tx,
        (await tx.query<Array<{ id: string }>>('SELECT id FROM courses WHERE slug = $1', [slug]))[0].id,
      );
      const compiled = compileModule(withModuleFile(source, '01-first.md', edited), '01-first.md', EMPTY_GLOSSARY);
      await storeRevision(tx, id, edited, compiled, null, 'editor');
    });
    expect((await sync.syncTree(root))[0]).toMatchObject({ revisions: 0 });
    expect((await current())[0]).toMatchObject({ origin: 'editor' });
    write('01-first.md', MODULE('First', ' Changed in the file.'));
    expect((await sync.syncTree(root))[0]).toMatchObject({ revisions: 1 });
    expect((await current())[0].html).toContain('Changed in the file.');
  });

  it('keeps the warnings of an edit made in the browser when a sync finds its file unchanged', async () => {
    write('01-first.md', MODULE('First', '\n\n![A map](https://maps.example.org/map.png)'));
    await sync.syncTree(root);
    const [{ id, course_id: courseId }] = await db.query<Array<{ id: string; course_id: string }>>(
      `SELECT m.id, m.course_id FROM modules m JOIN courses c ON c.id = m.course_id WHERE c.slug = $1 AND m.slug = 'first'`,
      [slug],
    );
    const warnings = async () =>
      (
        await db.query<Array<{ warnings: Array<{ code: string }> }>>(
          `SELECT r.warnings FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id WHERE m.id = $1`,
          [id],
        )
      )[0].warnings;
    expect(await warnings()).toMatchObject([{ code: 'image.external' }]);
    // The browser edit drops the external image: its revision has no warning.
    const edited = MODULE('First', ' Edited in the browser, without the map.');
    await db.transaction(async (tx) => {
      const compiled = compileModule(
        withModuleFile(await loadCourseSource(tx, courseId), '01-first.md', edited),
        '01-first.md',
        EMPTY_GLOSSARY,
      );
      await storeRevision(tx, id, edited, compiled, null, 'editor');
    });
    expect(await warnings()).toEqual([]);
    expect((await sync.syncTree(root))[0]).toMatchObject({ revisions: 0 });
    expect(await warnings()).toEqual([]);
  });

  it('archives a removed module instead of deleting it', async () => {
    await sync.syncTree(root);
    unlinkSync(join(dir, '02-second.md'));
    const [report] = await sync.syncTree(root);
    expect(report.archived).toBe(1);
    const rows = await db.query<Array<{ slug: string; status: string }>>(
      `SELECT m.slug, m.status FROM modules m JOIN courses c ON c.id = m.course_id WHERE c.slug = $1 ORDER BY m.slug`,
      [slug],
    );
    expect(rows).toEqual([
      { slug: 'first', status: 'active' },
      { slug: 'second', status: 'archived' },
    ]);
    expect(await revisions()).toBe(2);
  });

  it('leaves a draft to its authors when an archive comes in, and brings a new module in as a draft', async () => {
    await sync.syncTree(root);
    const statuses = async () =>
      Object.fromEntries(
        (
          await db.query<Array<{ slug: string; status: string }>>(
            `SELECT m.slug, m.status FROM modules m JOIN courses c ON c.id = m.course_id WHERE c.slug = $1`,
            [slug],
          )
        ).map((row) => [row.slug, row.status]),
      );
    // As a module added in the editor to this published course would be.
    await db.query(
      `UPDATE modules SET status = 'draft' WHERE slug = 'second' AND course_id = (SELECT id FROM courses WHERE slug = $1)`,
      [slug],
    );
    write('03-third.md', MODULE('Third'));
    const upload = async () =>
      sync.syncCourse((await readCourseSource(dir)).source, new Map(), {
        origin: 'editor',
        publishNew: false,
        allOrNothing: true,
      });
    expect(await upload()).toMatchObject({ refused: [], revisions: 1 });
    expect(await statuses()).toEqual({ first: 'active', second: 'draft', third: 'draft' });
    await upload();
    expect(await statuses()).toEqual({ first: 'active', second: 'draft', third: 'draft' });
    // The shipped files publish what they hold.
    await sync.syncTree(root);
    expect(await statuses()).toEqual({ first: 'active', second: 'active', third: 'active' });
  });

  it('refuses a broken file and leaves its module as it was, while the rest syncs', async () => {
    await sync.syncTree(root);
    const before = await db.query<Array<{ html: string }>>(
      `SELECT r.html FROM modules m JOIN courses c ON c.id = m.course_id JOIN module_revisions r ON r.id = m.current_revision_id
       WHERE c.slug = $1 AND m.slug = 'first'`,
      [slug],
    );
    write('01-first.md', MODULE('First', '\n\n::: quiz\n1. Broken\n   - [ ] no answer\n:::\n'));
    write('02-second.md', MODULE('Second', ' Changed too.'));
    const [report] = await sync.syncTree(root);
    expect(report.refused).toEqual([expect.stringContaining('01-first.md')]);
    expect(report.problems.some((p) => p.severity === 'error' && p.path.endsWith('01-first.md'))).toBe(true);
    expect(report.revisions).toBe(1);
    const after = await db.query<Array<{ html: string }>>(
      `SELECT r.html FROM modules m JOIN courses c ON c.id = m.course_id JOIN module_revisions r ON r.id = m.current_revision_id
       WHERE c.slug = $1 AND m.slug = 'first'`,
      [slug],
    );
    expect(after).toEqual(before);
  });

  it('refuses a whole course whose course.md is broken, writing nothing', async () => {
    write('course.md', COURSE().replace('language: en\n', ''));
    const [report] = await sync.syncTree(root);
    expect(report.refused).toHaveLength(1);
    expect(await count('SELECT count(*)::int AS n FROM courses WHERE slug = $1')).toBe(0);
  });

  it('imports the shipped curriculum with nothing refused', async () => {
    const reports = await sync.syncTree(join(projectRoot(), 'content'));
    expect(reports.length).toBeGreaterThanOrEqual(2);
    for (const report of reports) expect([report.slug, report.refused]).toEqual([report.slug, []]);
  });
});
