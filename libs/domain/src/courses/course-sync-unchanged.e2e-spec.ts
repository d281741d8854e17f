import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '@karvan/config';
import {
  CourseSettingsService,
  CoursesService,
  CourseSyncService,
  GlossaryService,
  GrantsService,
  MediaService,
  ModuleLifecycleService,
  ModulesService,
  UsersService,
  type Principal,
} from '@karvan/domain';
import { createUser, openScratchDataSource, principalOf, TEST_PASSWORD } from '@karvan/testing';
import type { DataSource } from 'typeorm';
import { COURSE, GLOSSARY, MODULE, PNG } from './test/sync-files.js';

// A database of its own: the content epoch must move only for what these tests do.
describe('content sync of an unchanged tree', () => {
  let db: DataSource;
  let sync: CourseSyncService;
  let courses: CoursesService;
  let modules: ModulesService;
  let admin: Principal;
  let root: string;
  let slug: string;
  let dir: string;

  const write = (name: string, text: string | Buffer) => writeFileSync(join(dir, name), text);
  const epoch = async () =>
    (await db.query<Array<{ epoch: string }>>(`SELECT epoch FROM cache_epochs WHERE name = 'content'`))[0].epoch;
  const moduleRows = () =>
    db.query<Array<{ slug: string; position: number; status: string; origin: string }>>(
      `SELECT m.slug, m.position, m.status, r.origin FROM modules m JOIN courses c ON c.id = m.course_id
       JOIN module_revisions r ON r.id = m.current_revision_id WHERE c.slug = $1 ORDER BY m.slug`,
      [slug],
    );
  const revisionCount = async () =>
    (
      await db.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM module_revisions r JOIN modules m ON m.id = r.module_id
         JOIN courses c ON c.id = m.course_id WHERE c.slug = $1`,
        [slug],
      )
    )[0].n;
  /** Syncs the tree: its one course's report. */
  const syncOnce = async () => (await sync.syncTree(root))[0];

  beforeAll(async () => {
    db = await openScratchDataSource('sync_unchanged');
    sync = new CourseSyncService(db);
    courses = new CoursesService(db, new GrantsService(db));
    modules = new ModulesService(db, courses, new GlossaryService(db));
    admin = await principalOf(db, (await createUser(db, ['trainee', 'admin'])).user.id);
  });
  afterAll(() => db.destroy());

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'karvan-sync-unchanged-'));
    slug = `sync-${Math.random().toString(36).slice(2, 10)}`;
    dir = join(root, 'courses', slug);
    mkdirSync(join(dir, 'media'), { recursive: true });
    mkdirSync(join(root, 'glossary'));
    writeFileSync(join(root, 'glossary', 'terms.yaml'), GLOSSARY(['visa', 'migrant']));
    write('course.md', COURSE());
    // A glossary link, an image of the course and one on another site (a warning).
    const extra = ' See [visa](glossary:visa).\n\n![A map](media/map.png)\n\n![A chart](https://example.org/c.png)';
    write('01-first.md', MODULE('First', extra));
    write('02-second.md', MODULE('Second'));
    write('media/map.png', PNG('first map'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('answers from the first sync: everything unchanged, nothing written, the same warnings', async () => {
    const first = await syncOnce();
    expect(first).toMatchObject({ created: true, revisions: 2, refused: [] });
    expect(first.problems).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'image.external' }));
    const [before, revisions] = [await epoch(), await revisionCount()];
    const second = await syncOnce();
    expect(second).toEqual({ ...first, created: false, revisions: 0, unchanged: 2 });
    expect(await epoch()).toBe(before);
    expect(await revisionCount()).toBe(revisions);
  });

  it('answers again for every course of the shipped curriculum, translations and all', async () => {
    const content = join(projectRoot(), 'content');
    const first = await sync.syncTree(content);
    const before = await epoch();
    const second = await sync.syncTree(content);
    expect(await epoch()).toBe(before);
    for (const [i, report] of second.entries()) {
      expect(report).toEqual({ ...first[i], created: false, revisions: 0, archived: 0, unchanged: report.unchanged });
      expect(report.unchanged).toBeGreaterThan(0);
    }
  });

  it('makes an author of someone who signed up since, with an e-mail in course.md', async () => {
    const email = `later-${slug}@karvan.test`;
    write('course.md', COURSE([email]));
    await syncOnce();
    const trainer = await new UsersService(db).register({ email, name: 'Later Trainer', password: TEST_PASSWORD }, [
      'trainee',
      'trainer',
    ]);
    const before = await epoch();
    expect(await syncOnce()).toMatchObject({ revisions: 0, unchanged: 2 });
    expect(await epoch()).toBe(before);
    const [course] = await db.query<Array<{ id: string }>>('SELECT id FROM courses WHERE slug = $1', [slug]);
    expect((await principalOf(db, trainer.id)).grants).toContainEqual({
      role: 'course_author',
      scope: { kind: 'course', id: course.id },
    });
  });

  describe('syncs in full again, as before, after', () => {
    it('a module archived in the browser: the file brings it back', async () => {
      await syncOnce();
      await new ModuleLifecycleService(db, courses, modules).archive(admin, slug, 'second');
      expect(await syncOnce()).toMatchObject({ revisions: 0, unchanged: 1 });
      expect((await moduleRows()).map((m) => m.status)).toEqual(['active', 'active']);
    });

    it('a reorder in the browser: the file names give the order back', async () => {
      await syncOnce();
      await modules.reorder(admin, slug, ['second', 'first']);
      await syncOnce();
      expect((await moduleRows()).map((m) => [m.slug, m.position])).toEqual([
        ['first', 1],
        ['second', 2],
      ]);
    });

    it('a module added in the browser: it is archived, as it is not in the files', async () => {
      await syncOnce();
      await modules.add(admin, slug, 'third', 'Third');
      expect(await syncOnce()).toMatchObject({ archived: 1, unchanged: 2 });
      expect((await moduleRows()).map((m) => [m.slug, m.status])).toContainEqual(['third', 'archived']);
    });

    it('an edit in the browser: kept while its file is unchanged, and the course state recorded anew', async () => {
      await syncOnce();
      const state = () => db.query(`SELECT sync_state FROM courses WHERE slug = $1`, [slug]);
      const before = await state();
      const { markdown } = await modules.source(admin, await courses.get(slug), 'second');
      expect(await modules.save(admin, slug, 'second', `${markdown}\nEdited in the browser.\n`)).toMatchObject({
        saved: true,
      });
      expect(await syncOnce()).toMatchObject({ revisions: 0, unchanged: 2 });
      expect((await moduleRows()).find((m) => m.slug === 'second')?.origin).toBe('editor');
      expect(await state()).not.toEqual(before);
    });

    it('course settings changed in the browser: course.md wins again', async () => {
      await syncOnce();
      const settings = new CourseSettingsService(db, courses);
      const current = await settings.get(admin, await courses.get(slug));
      await settings.update(admin, slug, { ...current, title: 'Renamed in the browser' });
      await syncOnce();
      expect((await courses.get(slug)).title).toBe('Sync test course');
    });

    it('an image replaced in the browser: the file’s bytes come back', async () => {
      await syncOnce();
      await new MediaService(db, courses).upload(admin, slug, 'map.png', PNG('uploaded map'));
      await syncOnce();
      expect(await mediaBytes()).toEqual(PNG('first map'));
    });

    it('an image file changed', async () => {
      await syncOnce();
      write('media/map.png', PNG('second map'));
      await syncOnce();
      expect(await mediaBytes()).toEqual(PNG('second map'));
    });

    it('a module file changed', async () => {
      await syncOnce();
      write('02-second.md', MODULE('Second', ' Changed.'));
      expect(await syncOnce()).toMatchObject({ revisions: 1, unchanged: 1 });
    });

    it('a glossary term changed in the database: the files’ glossary is stored again', async () => {
      await syncOnce();
      await db.query(
        `UPDATE glossary_terms SET definition = '{"en": "Changed.", "az": "-", "ru": "-"}' WHERE id = 'visa'`,
      );
      const { glossary } = await sync.syncContent(root);
      expect(glossary.stored).toEqual({ terms: 2, changed: 1, removed: 0 });
      const [visa] = await db.query<Array<{ definition: { en: string } }>>(
        `SELECT definition FROM glossary_terms WHERE id = 'visa'`,
      );
      expect(visa.definition.en).toBe('The visa.');
    });

    it('a glossary changed: a link to a term it no longer has refuses the module', async () => {
      await syncOnce();
      writeFileSync(join(root, 'glossary', 'terms.yaml'), GLOSSARY(['migrant']));
      const report = await syncOnce();
      expect(report.refused).toEqual([join(dir, '01-first.md')]);
      expect(report.problems).toContainEqual(
        expect.objectContaining({ code: 'link.glossary', params: { id: 'visa' } }),
      );
      // The refused module stays as the first sync left it: the next sync of these files is answered again.
      const before = await epoch();
      expect(await syncOnce()).toEqual(report);
      expect(await epoch()).toBe(before);
    });
  });

  async function mediaBytes(): Promise<Buffer> {
    const [row] = await db.query<Array<{ bytes: Buffer }>>(
      `SELECT d.bytes FROM media d JOIN courses c ON c.id = d.course_id WHERE c.slug = $1 AND d.path = 'media/map.png'`,
      [slug],
    );
    return row.bytes;
  }
});
