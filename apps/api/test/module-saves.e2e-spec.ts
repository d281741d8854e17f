import { ModuleLifecycleService, ModulesService, type Principal, PrincipalsService } from '@karvan/domain';
import { untilBlockedBy } from '@karvan/testing';
import type { QueryRunner } from 'typeorm';
import { authorCourse, moduleMarkdown } from './course-fixture.js';
import { person, startTestApp, type TestApp } from './test-app.js';

/**
 * The editor's save locks, compares and stores in one statement, and falls back to a transaction
 * when the module changed after the save's check read it; adding or restoring a module locks its
 * course. These tests make saves meet each other and a removal on the same module, and additions
 * meet on the same course, and read what was stored.
 */
describe('saving and adding modules in the editor', () => {
  let t: TestApp;
  let modules: ModulesService;
  let author: Principal;
  const slug = `saves-${Date.now().toString(36)}`;

  beforeAll(async () => {
    t = await startTestApp();
    const trainer = await person(t, ['trainer'], 'Saving Author');
    await authorCourse(trainer.client, slug, { modules: ['one', 'two', 'three', 'four'], publish: false });
    modules = t.app.get(ModulesService);
    author = (await t.app.get(PrincipalsService).forUser(trainer.userId))!;
  });
  afterAll(() => t?.close());

  const text = (words: string) => moduleMarkdown('Saved module', words);

  async function stored(module: string): Promise<Array<{ number: number; source_markdown: string; current: boolean }>> {
    return t.db.query(
      `SELECT r.number, r.source_markdown, r.id = m.current_revision_id AS current
       FROM modules m JOIN courses c ON c.id = m.course_id JOIN module_revisions r ON r.module_id = m.id
       WHERE c.slug = $1 AND m.slug = $2 ORDER BY r.number`,
      [slug, module],
    );
  }

  /** A transaction of its own holding the module's row, as another save or a removal does. */
  async function holdModule(module: string, change: string): Promise<QueryRunner> {
    const runner = t.db.createQueryRunner();
    await runner.startTransaction();
    await runner.query(
      `UPDATE modules m SET ${change} FROM courses c WHERE c.id = m.course_id AND c.slug = $1 AND m.slug = $2`,
      [slug, module],
    );
    return runner;
  }

  it('stores saves that meet as consecutive revisions, the last one current', async () => {
    const before = (await stored('one')).length;
    const words = ['Alpha.', 'Bravo.', 'Charlie.', 'Delta.', 'Echo.'];
    const results = await Promise.all(words.map((w) => modules.save(author, slug, 'one', text(w))));
    expect(results.every((r) => r.saved)).toBe(true);
    const numbers = results.map((r) => r.revision!).sort((a, b) => a - b);
    expect(numbers).toEqual(words.map((_, i) => before + 1 + i));
    const revisions = await stored('one');
    const last = revisions.at(-1)!;
    expect(last.current).toBe(true);
    expect(last.source_markdown).toBe(text(words[results.findIndex((r) => r.revision === last.number)]));
  });

  it('stores nothing for the text that is current already, and gives its number', async () => {
    const first = await modules.save(author, slug, 'two', text('Unchanged words.'));
    const again = await modules.save(author, slug, 'two', text('Unchanged words.'));
    expect(again).toEqual({ saved: false, revision: first.revision, problems: [] });
    expect((await stored('two')).length).toBe(first.revision);
  });

  it('stores a save that waited for another as the revision after it', async () => {
    const before = await stored('three');
    // Another save holds the module: its revision becomes current when it commits.
    const other = await holdModule('three', 'position = position');
    const [{ id }]: Array<{ id: string }> = await other.query(
      `INSERT INTO module_revisions (module_id, number, source_markdown, content_hash, title, html)
       SELECT m.id, $3, 'the other text', repeat('0', 64), 'Other', '<p>Other</p>'
       FROM modules m JOIN courses c ON c.id = m.course_id WHERE c.slug = $1 AND m.slug = $2 RETURNING id`,
      [slug, 'three', before.length + 1],
    );
    await other.query(
      `UPDATE modules m SET current_revision_id = $3 FROM courses c
       WHERE c.id = m.course_id AND c.slug = $1 AND m.slug = $2`,
      [slug, 'three', id],
    );
    const saving = modules.save(author, slug, 'three', text('Mine, after the other.'));
    await untilBlockedBy(t.db, other);
    await other.commitTransaction();
    await other.release();
    expect(await saving).toMatchObject({ saved: true, revision: before.length + 2 });
    const after = await stored('three');
    expect(after.map((r) => [r.number, r.current])).toEqual([
      ...before.map((r) => [r.number, false]),
      [before.length + 1, false],
      [before.length + 2, true],
    ]);
    expect(after.at(-1)!.source_markdown).toBe(text('Mine, after the other.'));
  });

  it('refuses a save whose module was removed while it waited, and stores nothing', async () => {
    const before = await stored('four');
    const removal = await holdModule('four', `status = 'archived'`);
    const saving = modules.save(author, slug, 'four', text('Too late.'));
    await untilBlockedBy(t.db, removal);
    await removal.commitTransaction();
    await removal.release();
    await expect(saving).rejects.toMatchObject({ code: 'module_not_found' });
    expect(await stored('four')).toEqual(before);
  });

  /** The course's active modules by position. */
  async function positions(): Promise<Array<{ slug: string; position: number }>> {
    return t.db.query(
      `SELECT m.slug, m.position FROM modules m JOIN courses c ON c.id = m.course_id
       WHERE c.slug = $1 AND m.status = 'active' ORDER BY m.position, m.slug`,
      [slug],
    );
  }

  it('gives modules added and restored at once a place each, and each can be saved after', async () => {
    await t.app.get(ModuleLifecycleService).archive(author, slug, 'two');
    const before = await positions();
    const added = ['fifth', 'sixth', 'seventh', 'eighth'];
    await Promise.all([
      ...added.map((m) => modules.add(author, slug, m, `Module ${m}`)),
      t.app.get(ModuleLifecycleService).restore(author, slug, 'two'),
    ]);
    const after = await positions();
    expect(new Set(after.map((m) => m.position)).size).toBe(after.length);
    expect(after.map((m) => m.slug).sort()).toEqual([...before.map((m) => m.slug), ...added, 'two'].sort());
    for (const m of [...added, 'two']) {
      expect(await modules.save(author, slug, m, text(`Saved ${m}.`))).toMatchObject({ saved: true, problems: [] });
    }
  });

  it('refuses a second module with the same name added at the same moment, saying the name is taken', async () => {
    // Another author's addition of "ninth", not yet committed, holding the course as an addition does.
    const other = t.db.createQueryRunner();
    await other.startTransaction();
    await other.query('SELECT 1 FROM courses WHERE slug = $1 FOR NO KEY UPDATE', [slug]);
    await other.query(
      `INSERT INTO modules (course_id, slug, position)
       SELECT c.id, 'ninth', 100 FROM courses c WHERE c.slug = $1`,
      [slug],
    );
    const adding = modules.add(author, slug, 'ninth', 'Module ninth');
    await untilBlockedBy(t.db, other);
    await other.commitTransaction();
    await other.release();
    await expect(adding).rejects.toMatchObject({ code: 'slug_taken' });
  });
});
