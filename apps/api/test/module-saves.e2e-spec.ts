import { ModuleLifecycleService, ModulesService, type Principal, PrincipalsService } from '@karvan/domain';
import { untilBlockedBy, type WebClient } from '@karvan/testing';
import type { QueryRunner } from 'typeorm';
import { authorCourse, moduleMarkdown } from './course-fixture.js';
import { person, startTestApp, type TestApp } from './test-app.js';

/**
 * The editor's save locks, compares and stores in one statement, and falls back to a transaction
 * when the module changed after the save's check read it; adding or restoring a module locks its
 * course. These tests make saves meet each other and a removal on the same module, and additions
 * meet on the same course, and read what was stored. A save that names the revision its text was
 * written from is refused when another has been saved since, its text kept.
 */
describe('saving and adding modules in the editor', () => {
  let t: TestApp;
  let modules: ModulesService;
  let author: Principal;
  let trainer: WebClient;
  const slug = `saves-${Date.now().toString(36)}`;
  const conflicts = `conflicts-${Date.now().toString(36)}`;

  beforeAll(async () => {
    t = await startTestApp();
    const me = await person(t, ['trainer'], 'Saving Author');
    trainer = me.client;
    await authorCourse(trainer, slug, { modules: ['one', 'two', 'three', 'four'], publish: false });
    await authorCourse(trainer, conflicts, { modules: ['one', 'two', 'three'], publish: false });
    modules = t.app.get(ModulesService);
    author = (await t.app.get(PrincipalsService).forUser(me.userId))!;
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
  async function holdModule(module: string, change: string, course = slug): Promise<QueryRunner> {
    const runner = t.db.createQueryRunner();
    await runner.startTransaction();
    await runner.query(
      `UPDATE modules m SET ${change} FROM courses c WHERE c.id = m.course_id AND c.slug = $1 AND m.slug = $2`,
      [course, module],
    );
    return runner;
  }

  /** Another save holding the module, its revision `number` ('the other text') current when it commits. */
  async function holdOtherSave(module: string, number: number, course = slug): Promise<QueryRunner> {
    const other = await holdModule(module, 'position = position', course);
    await other.query(
      `WITH revision AS (
         INSERT INTO module_revisions (module_id, number, source_markdown, content_hash, title, html)
         SELECT m.id, $3, 'the other text', repeat('0', 64), 'Other', '<p>Other</p>'
         FROM modules m JOIN courses c ON c.id = m.course_id WHERE c.slug = $1 AND m.slug = $2 RETURNING id, module_id)
       UPDATE modules SET current_revision_id = revision.id FROM revision WHERE modules.id = revision.module_id`,
      [course, module, number],
    );
    return other;
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

  it('stores a text sent with CRLF line ends (as browsers send a text area) with LF, and the same text as unchanged', async () => {
    const words = text('Line ends from a browser.\n\nA second paragraph.');
    const first = await modules.save(author, slug, 'four', words.replace(/\n/g, '\r\n'));
    expect(first.saved).toBe(true);
    const current = (await stored('four')).find((r) => r.current)!;
    expect(current.source_markdown).toBe(words);
    expect(await modules.save(author, slug, 'four', words)).toEqual({
      saved: false,
      revision: first.revision,
      problems: [],
    });
  });

  it('stores a save that waited for another as the revision after it', async () => {
    const before = await stored('three');
    const other = await holdOtherSave('three', before.length + 1);
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

  it('refuses to add a module under a name the course has, keeping the form, instead of opening that module', async () => {
    const before = await stored('one');
    const page = await trainer.postForm(`/authoring/courses/${slug}/modules`, { title: 'Another one', slug: 'one' });
    expect(page.status).toBe(409);
    expect(page.text).toContain('This address is already taken: choose another.');
    expect(page.text).toContain('value="Another one"');
    expect(await stored('one')).toEqual(before);
  });

  /** Two authors with the same module open: the editor sends the revision its text was written from. */
  describe('edit conflicts', () => {
    const course = conflicts;
    const editor = (module: string) => `/authoring/courses/${course}/modules/${module}/edit`;
    const baseOf = (html: string) => Number(/name="baseRevision" value="(\d+)"/.exec(html)?.[1]);

    async function current(module: string): Promise<{ number: number; markdown: string }> {
      const [row] = await t.db.query<Array<{ number: number; markdown: string }>>(
        `SELECT r.number, r.source_markdown AS markdown FROM modules m JOIN courses c ON c.id = m.course_id
         JOIN module_revisions r ON r.id = m.current_revision_id WHERE c.slug = $1 AND m.slug = $2`,
        [course, module],
      );
      return row;
    }

    it('keeps a text written on an older revision on the page, links the change, and saves it when asked again', async () => {
      const opened = baseOf((await trainer.get(editor('one'))).text);
      expect(opened).toBe((await current('one')).number);
      // A co-author saves while this page is open.
      await modules.save(author, course, 'one', text('The co-author’s words.'), opened);

      const mine = text('My words & <b>mine</b>.');
      const refused = await trainer.postForm(editor('one'), {
        markdown: mine,
        action: 'save',
        baseRevision: String(opened),
      });
      expect(refused.status).toBe(409);
      expect(refused.text).toContain(
        `Not saved: revision ${opened + 1} was saved after you opened revision ${opened}. Your text is below`,
      );
      expect(refused.text).toContain(`diff?from=${opened}&amp;to=${opened + 1}`);
      expect(refused.text).toContain('My words &amp; &lt;b&gt;mine&lt;/b&gt;.');
      expect(baseOf(refused.text)).toBe(opened + 1);
      expect(await current('one')).toEqual({ number: opened + 1, markdown: text('The co-author’s words.') });

      const again = await trainer.postForm(editor('one'), {
        markdown: mine,
        action: 'save',
        baseRevision: String(baseOf(refused.text)),
      });
      expect(again.status).toBe(303);
      expect(again.location).toBe(`${editor('one')}?saved=1`);
      expect(await current('one')).toEqual({ number: opened + 2, markdown: mine });
    });

    it('answers the API with 409 edit_conflict for an older base, and saves on the current one or without one', async () => {
      const path = `/api/v1/authoring/courses/${course}/modules/two`;
      const base = (await current('two')).number;
      await modules.save(author, course, 'two', text('Saved meanwhile.'));

      const stale = await trainer.json('PUT', path, { markdown: text('Late words.'), baseRevision: base });
      expect(stale.status).toBe(409);
      expect(stale.json<{ error: { code: string; params: object } }>().error).toMatchObject({
        code: 'edit_conflict',
        params: { number: base + 1, base },
      });
      // The text that is current already is no conflict: nothing to replace.
      const same = await trainer.json('PUT', path, { markdown: text('Saved meanwhile.'), baseRevision: base });
      expect(same.status).toBe(200);
      expect(same.json()).toMatchObject({ saved: false, revision: base + 1 });

      const fresh = await trainer.json('PUT', path, { markdown: text('On the current one.'), baseRevision: base + 1 });
      expect(fresh.json()).toMatchObject({ saved: true, revision: base + 2 });
      const unguarded = await trainer.json('PUT', path, { markdown: text('No base given.') });
      expect(unguarded.json()).toMatchObject({ saved: true, revision: base + 3 });
      const bad = await trainer.json('PUT', path, { markdown: text('x'), baseRevision: 'three' });
      expect(bad.status).toBe(400);
    });

    it('refuses a save that waited for another save of the same module, when both were written on one revision', async () => {
      const base = (await current('three')).number;
      const other = await holdOtherSave('three', base + 1, course);
      const saving = modules.save(author, course, 'three', text('Mine, on the same base.'), base);
      await untilBlockedBy(t.db, other);
      await other.commitTransaction();
      await other.release();
      await expect(saving).rejects.toMatchObject({ code: 'edit_conflict' });
      expect(await current('three')).toEqual({ number: base + 1, markdown: 'the other text' });
    });
  });
});
