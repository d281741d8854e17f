import { ModulesService, type Principal, PrincipalsService } from '@karvan/domain';
import { untilBlockedBy, type WebClient } from '@karvan/testing';
import { authorCourse, moduleMarkdown } from './course-fixture.js';
import { person, startTestApp, type TestApp } from './test-app.js';

/**
 * Two authors with the same module open: the editor sends the revision its text was written
 * from, and a save over a revision saved meanwhile is refused with the text kept, never replacing
 * the other author's work unseen.
 */
describe('edit conflicts in the module editor', () => {
  let t: TestApp;
  let trainer: WebClient;
  let author: Principal;
  let modules: ModulesService;
  const course = `conflicts-${Date.now().toString(36)}`;

  beforeAll(async () => {
    t = await startTestApp();
    const me = await person(t, ['trainer'], 'Conflict Author');
    trainer = me.client;
    await authorCourse(trainer, course, { modules: ['one', 'two', 'three'], publish: false });
    modules = t.app.get(ModulesService);
    author = (await t.app.get(PrincipalsService).forUser(me.userId))!;
  });
  afterAll(() => t?.close());

  const text = (words: string) => moduleMarkdown('Shared module', words);
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
    // Another save holds the module and makes its own revision current when it commits.
    const other = t.db.createQueryRunner();
    await other.startTransaction();
    const [{ id }]: Array<{ id: string }> = await other.query(
      `WITH m AS (SELECT m.id FROM modules m JOIN courses c ON c.id = m.course_id
                  WHERE c.slug = $1 AND m.slug = 'three' FOR UPDATE OF m)
       INSERT INTO module_revisions (module_id, number, source_markdown, content_hash, title, html)
       SELECT m.id, $2, 'the other text', repeat('0', 64), 'Other', '<p>Other</p>' FROM m RETURNING id`,
      [course, base + 1],
    );
    await other.query(
      `UPDATE modules SET current_revision_id = $1 WHERE id = (SELECT module_id FROM module_revisions WHERE id = $1)`,
      [id],
    );
    const saving = modules.save(author, course, 'three', text('Mine, on the same base.'), base);
    await untilBlockedBy(t.db, other);
    await other.commitTransaction();
    await other.release();
    await expect(saving).rejects.toMatchObject({ code: 'edit_conflict' });
    expect(await current('three')).toEqual({ number: base + 1, markdown: 'the other text' });
  });
});
