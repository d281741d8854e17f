import { createUser, TEST_PASSWORD, waitFor, type TestUser, type WebClient } from '@karvan/testing';
import { signIn, startTestApp, type TestApp } from './test-app.js';

const QUIZ_MODULE = `---
title: Border checks
summary: What a border guard checks.
objectives:
  - Name the service that checks travellers.
duration: 25
sources:
  - Law on border protection
---

## Who checks

The State Border Service checks travellers.

::: quiz pass=70
1. Which service checks travellers at the land borders?
   - [ ] The State Migration Service
   - [x] The State Border Service
   > Feedback that names the right answer: the State Border Service.
:::
`;

describe('managing a course in the browser: settings, removing modules, revisions, preview', () => {
  let t: TestApp;
  let author: TestUser;
  let trainer: WebClient;
  const slug = `manage-${Date.now().toString(36)}`;

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t.db, ['trainer'], 'Manage Author');
    trainer = t.client();
    await signIn(trainer, author.email, TEST_PASSWORD);
    const created = await trainer.postForm('/authoring/courses', {
      title: 'Managed course',
      slug,
      summary: 'First summary.',
      language: 'en',
      enrolmentMode: 'open',
    });
    expect(created.status).toBe(303);
    for (const [title, module] of [
      ['Border checks', 'border-checks'],
      ['Residence permits', 'residence-permits'],
    ]) {
      expect((await trainer.postForm(`/authoring/courses/${slug}/modules`, { title, slug: module })).status).toBe(303);
    }
    await trainer.postForm(`/authoring/courses/${slug}/status`, { status: 'published' });
  });
  afterAll(() => t.close());

  const settingsForm = (changes: Record<string, string> = {}) => ({
    title: 'Managed course',
    summary: 'First summary.',
    introduction: 'Welcome.',
    enrolmentMode: 'open',
    completionModules: 'all',
    completionQuizzes: 'pass',
    certificate: 'true',
    key: '',
    ...changes,
  });

  async function courseRow() {
    const [row] = await t.db.query<
      Array<{
        title: string;
        summary: string;
        intro_html: string;
        enrolment_mode: string;
        completion: object;
        certificate: boolean;
        source_markdown: string;
      }>
    >(
      'SELECT title, summary, intro_html, enrolment_mode, completion, certificate, source_markdown FROM courses WHERE slug = $1',
      [slug],
    );
    return row;
  }

  it('shows the settings and saves each of them, redirecting so a refresh repeats nothing', async () => {
    const page = await trainer.get(`/authoring/courses/${slug}/settings`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="Managed course"');

    const changes: Array<[Record<string, string>, (row: Awaited<ReturnType<typeof courseRow>>) => void]> = [
      [{ title: 'Managed course, renamed' }, (row) => expect(row.title).toBe('Managed course, renamed')],
      [{ summary: 'A new summary.' }, (row) => expect(row.summary).toBe('A new summary.')],
      [{ introduction: 'Read **every** module.' }, (row) => expect(row.intro_html).toContain('<strong>every</strong>')],
      [{ enrolmentMode: 'approval' }, (row) => expect(row.enrolment_mode).toBe('approval')],
      [{ completionModules: 'none' }, (row) => expect(row.completion).toEqual({ modules: 'none', quizzes: 'pass' })],
      [{ completionQuizzes: 'none' }, (row) => expect(row.completion).toEqual({ modules: 'all', quizzes: 'none' })],
      [{ certificate: '' }, (row) => expect(row.certificate).toBe(false)],
    ];
    for (const [change, check] of changes) {
      const saved = await trainer.postForm(`/authoring/courses/${slug}/settings`, settingsForm(change));
      expect(saved.status).toBe(303);
      expect(saved.location).toBe(`/authoring/courses/${slug}/settings?notice=saved`);
      check(await courseRow());
    }
    const row = await courseRow();
    expect(row.source_markdown).toContain('certificate: false');
    expect(row.source_markdown).toMatch(/---\n\nWelcome\.\n$/);
    const after = await trainer.get(`/authoring/courses/${slug}/settings?notice=saved`);
    expect(after.text).toContain('The course settings were saved.');
    expect(after.text).toContain('>Welcome.</textarea>');
  });

  it('sets the enrolment mode and key together, and a trainee enrols with that key', async () => {
    const saved = await trainer.postForm(
      `/authoring/courses/${slug}/settings`,
      settingsForm({ enrolmentMode: 'key', key: 'open-sesame' }),
    );
    expect(saved.status).toBe(303);
    const trainee = await createUser(t.db, ['trainee']);
    const client = t.client();
    await signIn(client, trainee.email, TEST_PASSWORD);
    expect((await client.postForm(`/courses/${slug}/enrol`, { key: 'wrong-key' })).status).toBe(422);
    const enrolled = await client.postForm(`/courses/${slug}/enrol`, { key: 'open-sesame' });
    expect(enrolled.location).toBe(`/courses/${slug}?notice=enrolled`);
    const [enrolment] = await t.db.query<Array<{ status: string }>>(
      `SELECT e.status FROM enrolments e JOIN courses c ON c.id = e.course_id WHERE c.slug = $1 AND e.user_id = $2`,
      [slug, trainee.user.id],
    );
    expect(enrolment.status).toBe('active');
    await trainer.postForm(`/authoring/courses/${slug}/settings`, settingsForm());
  });

  it('keeps what was typed and says what is wrong when a setting is refused', async () => {
    const refused = await trainer.postForm(
      `/authoring/courses/${slug}/settings`,
      settingsForm({ title: '', summary: 'Kept summary', key: 'ab' }),
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('value="Kept summary"');
    expect(refused.text).toContain('aria-invalid="true"');
    const badLink = await trainer.postForm(
      `/authoring/courses/${slug}/settings`,
      settingsForm({ introduction: 'Start with [the missing module](09-nowhere.md).' }),
    );
    expect(badLink.status).toBe(422);
    expect(badLink.text).toContain('The text has errors; nothing was saved.');
    expect(badLink.text).toContain('the missing module](09-nowhere.md)');
    expect((await courseRow()).source_markdown).not.toContain('09-nowhere');
    const other = t.client();
    const stranger = await createUser(t.db, ['trainer']);
    await signIn(other, stranger.email, TEST_PASSWORD);
    expect((await other.get(`/authoring/courses/${slug}/settings`)).status).toBe(403);
    expect((await other.postForm(`/authoring/courses/${slug}/settings`, settingsForm({ title: 'Taken' }))).status).toBe(
      403,
    );
  });

  it('removes a module after a confirmation page, keeps the trainee’s progress, and restores it', async () => {
    const trainee = await createUser(t.db, ['trainee']);
    const client = t.client();
    await signIn(client, trainee.email, TEST_PASSWORD);
    await client.postForm(`/courses/${slug}/enrol`, {});
    expect((await client.postForm(`/courses/${slug}/modules/border-checks/read`, {})).status).toBe(303);

    const confirm = await trainer.get(`/authoring/courses/${slug}/modules/border-checks/archive`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Remove the module “Border checks”?');
    expect(confirm.text).toContain(`action="/authoring/courses/${slug}/modules/border-checks/archive"`);

    const archived = await trainer.postForm(`/authoring/courses/${slug}/modules/border-checks/archive`, {});
    expect(archived.status).toBe(303);
    expect(archived.location).toBe(`/authoring/courses/${slug}?notice=moduleArchived#archived`);
    // Readers get a course's text from a cache of a few seconds: the removal reaches them within it.
    const gone = async () => (await client.get(`/courses/${slug}/modules/border-checks`)).status === 404;
    await waitFor('the removed module to disappear for the trainee', gone, 15_000);
    expect((await client.get(`/courses/${slug}`)).text).not.toContain('/modules/border-checks"');
    const course = await trainer.get(`/authoring/courses/${slug}?notice=moduleArchived`);
    expect(course.text).toContain('The module was removed.');
    expect(course.text).toContain('Removed modules');
    // Removing it again is not a second action: the module is no longer there to remove.
    expect((await trainer.postForm(`/authoring/courses/${slug}/modules/border-checks/archive`, {})).status).toBe(404);

    const progress = await t.db.query<unknown[]>(
      `SELECT 1 FROM module_progress p JOIN modules m ON m.id = p.module_id JOIN courses c ON c.id = m.course_id
       WHERE c.slug = $1 AND m.slug = 'border-checks' AND p.user_id = $2`,
      [slug, trainee.user.id],
    );
    expect(progress).toHaveLength(1);

    const restored = await trainer.postForm(`/authoring/courses/${slug}/modules/border-checks/restore`, {});
    expect(restored.status).toBe(303);
    await waitFor('the restored module to come back for the trainee', async () => !(await gone()), 15_000);
    expect((await client.get(`/courses/${slug}`)).text).toContain(`/courses/${slug}/modules/border-checks`);
    const order = await t.db.query<Array<{ slug: string }>>(
      `SELECT m.slug FROM modules m JOIN courses c ON c.id = m.course_id WHERE c.slug = $1 AND m.status = 'active'
       ORDER BY m.position`,
      [slug],
    );
    expect(order.map((m) => m.slug)).toEqual(['residence-permits', 'border-checks']);
    expect((await trainer.postForm(`/authoring/courses/${slug}/modules/border-checks/restore`, {})).status).toBe(404);

    const outsider = t.client();
    const stranger = await createUser(t.db, ['trainer']);
    await signIn(outsider, stranger.email, TEST_PASSWORD);
    expect((await outsider.postForm(`/authoring/courses/${slug}/modules/border-checks/archive`, {})).status).toBe(403);
  });

  it('adds a module to a published course as a draft, which trainees neither see nor count until it is published', async () => {
    const trainee = await createUser(t.db, ['trainee']);
    const client = t.client();
    await signIn(client, trainee.email, TEST_PASSWORD);
    await client.postForm(`/courses/${slug}/enrol`, {});
    const added = await trainer.postForm(`/authoring/courses/${slug}/modules`, {
      title: 'Visa regimes',
      slug: 'visa-regimes',
    });
    expect(added.status).toBe(303);
    const course = await trainer.get(`/authoring/courses/${slug}`);
    expect(course.text).toContain('Draft: trainees do not see it yet');
    expect(course.text).toContain(`action="/authoring/courses/${slug}/modules/visa-regimes/publish"`);
    const editor = await trainer.get(`/authoring/courses/${slug}/modules/visa-regimes/edit`);
    expect(editor.text).toContain('This module is a draft');
    // Saved while a draft, it stays one.
    const saved = await trainer.json('PUT', `/api/v1/authoring/courses/${slug}/modules/visa-regimes`, {
      markdown: QUIZ_MODULE.replace('title: Border checks', 'title: Visa regimes'),
    });
    expect(saved.status).toBe(200);
    expect((await client.get(`/courses/${slug}/modules/visa-regimes`)).status).toBe(404);
    expect((await client.get(`/courses/${slug}`)).text).not.toContain('/modules/visa-regimes"');
    const [{ total }] = await t.db.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM modules m JOIN courses c ON c.id = m.course_id
       WHERE c.slug = $1 AND m.status = 'active'`,
      [slug],
    );
    expect((await client.get('/learning')).text).toContain(`0 of ${total}`);

    const published = await trainer.postForm(`/authoring/courses/${slug}/modules/visa-regimes/publish`, {});
    expect(published.location).toBe(`/authoring/courses/${slug}?notice=modulePublished#modules`);
    await waitFor('the published module to reach the trainee', async () => {
      return (await client.get(`/courses/${slug}/modules/visa-regimes`)).status === 200;
    });
    expect((await client.get('/learning')).text).toContain(`0 of ${total + 1}`);
    expect((await trainer.get(`/authoring/courses/${slug}`)).text).not.toContain('Draft: trainees do not see it yet');
    // Only a draft is published.
    expect((await trainer.postForm(`/authoring/courses/${slug}/modules/visa-regimes/publish`, {})).status).toBe(404);
    // By the API, the same.
    expect(
      (await trainer.json('POST', `/api/v1/authoring/courses/${slug}/modules`, { title: 'Return', slug: 'return' }))
        .status,
    ).toBe(201);
    expect((await client.get(`/courses/${slug}/modules/return`)).status).toBe(404);
    expect((await trainer.json('POST', `/api/v1/authoring/courses/${slug}/modules/return/publish`)).status).toBe(204);
    await waitFor('the module published by the API to reach the trainee', async () => {
      return (await client.get(`/courses/${slug}/modules/return`)).status === 200;
    });
    const outsider = t.client();
    const stranger = await createUser(t.db, ['trainer']);
    await signIn(outsider, stranger.email, TEST_PASSWORD);
    expect((await outsider.postForm(`/authoring/courses/${slug}/modules/return/publish`, {})).status).toBe(403);
  });

  it('previews the quiz as a trainee sees it, without answers or feedback, and the front matter', async () => {
    const preview = await trainer.postForm(`/authoring/courses/${slug}/modules/border-checks/edit`, {
      markdown: QUIZ_MODULE,
      action: 'preview',
    });
    expect(preview.status).toBe(200);
    const quiz = preview.text.slice(preview.text.indexOf('id="preview-quiz"'));
    expect(quiz).toContain('Which service checks travellers at the land borders?');
    expect(quiz).toContain('The State Border Service');
    expect(quiz).not.toContain('Feedback that names the right answer');
    expect(quiz).not.toContain('checked');
    expect(preview.text).toContain('Name the service that checks travellers.');
    expect(preview.text).toContain('25 minutes');
  });

  it('says the checker’s problems in the editor’s language, and the API gives their code and parameters', async () => {
    const base = `/authoring/courses/${slug}/modules/border-checks`;
    const broken = QUIZ_MODULE.replace('pass=70', 'pass=170').replace(
      'Service checks travellers.',
      'Service checks [travellers](09-nowhere.md).',
    );
    const inAz = t.client();
    await signIn(inAz, author.email, TEST_PASSWORD);
    inAz.cookies.set('karvan_lang', 'az');
    const page = await inAz.postForm(`${base}/edit`, { markdown: broken, action: 'preview' });
    expect(page.status).toBe(422);
    expect(page.text).toContain('Qırıq keçid: &quot;09-nowhere.md&quot; modulu yoxdur');
    expect(page.text).toContain('pass 0-dan 100-ə qədər tam faiz olmalıdır');
    expect(page.text).not.toContain('broken link');

    const preview = await inAz.json('POST', `/api/v1/authoring/${base.slice('/authoring/'.length)}/preview`, {
      markdown: broken,
    });
    expect(preview.json<{ problems: object[] }>().problems).toContainEqual(
      expect.objectContaining({
        code: 'link.module',
        params: { file: '09-nowhere.md' },
        message: 'Qırıq keçid: "09-nowhere.md" modulu yoxdur',
      }),
    );
    const refused = await trainer.json('PUT', `/api/v1/authoring/${base.slice('/authoring/'.length)}`, {
      markdown: broken,
    });
    expect(refused.status).toBe(422);
    expect(refused.json<{ error: { details: object[] } }>().error.details).toContainEqual(
      expect.objectContaining({
        code: 'quiz.pass',
        message: 'pass must be a whole percentage from 0 to 100, e.g. pass=70',
      }),
    );
  });

  it('lists the checker’s warnings on the trainer’s home page, in their language, linked to the editor', async () => {
    const base = `/authoring/courses/${slug}/modules/residence-permits`;
    const source = (await trainer.json('GET', `/api/v1${base}`)).json<{ markdown: string }>().markdown;
    const warned = `${source}\n![A map of the border](https://maps.example.org/border.png)\n`;
    expect((await trainer.postForm(`${base}/edit`, { markdown: warned, action: 'save' })).status).toBe(303);
    const [row] = await t.db.query<Array<{ warnings: Array<{ code: string }> }>>(
      `SELECT r.warnings FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id
       JOIN courses c ON c.id = m.course_id WHERE c.slug = $1 AND m.slug = 'residence-permits'`,
      [slug],
    );
    expect(row.warnings).toMatchObject([{ code: 'image.external' }]);
    const inAz = t.client();
    await signIn(inAz, author.email, TEST_PASSWORD);
    inAz.cookies.set('karvan_lang', 'az');
    const home = (await inAz.get('/')).text;
    expect(home).toContain(`href='/authoring/courses/${slug}/modules/residence-permits/edit'`);
    expect(home).toContain('şəkli başqa saytdadır');
    expect((await trainer.postForm(`${base}/edit`, { markdown: source, action: 'save' })).status).toBe(303);
    expect((await inAz.get('/')).text).not.toContain('şəkli başqa saytdadır');
  });

  it('views an old revision, restores it as a new one, and shows a line diff', async () => {
    const base = `/authoring/courses/${slug}/modules/border-checks`;
    expect((await trainer.postForm(`${base}/edit`, { markdown: QUIZ_MODULE, action: 'save' })).status).toBe(303);
    const view = await trainer.get(`${base}/revisions/1`);
    expect(view.status).toBe(200);
    expect(view.text).toContain('Revision 1: Border checks');
    expect(view.text).toContain('Write the module here.');
    expect((await trainer.get(`${base}/revisions/99`)).status).toBe(404);
    expect((await trainer.get(`${base}/revisions/abc`)).status).toBe(404);

    const restored = await trainer.postForm(`${base}/revisions/1/restore`, {});
    expect(restored.status).toBe(303);
    expect(restored.location).toBe(`${base}/history?restored=1`);
    const history = await trainer.get(restored.location!);
    expect(history.text).toContain('Revision 1 was restored as revision 3.');
    // Loading the result again restores nothing more.
    await trainer.get(restored.location!);
    const [{ count }] = await t.db.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM module_revisions r JOIN modules m ON m.id = r.module_id
       JOIN courses c ON c.id = m.course_id WHERE c.slug = $1 AND m.slug = 'border-checks'`,
      [slug],
    );
    expect(count).toBe(3);
    const same = await trainer.postForm(`${base}/revisions/1/restore`, {});
    expect(same.location).toBe(`${base}/history?restored=1&unchanged=1`);

    const diff = await trainer.get(`${base}/diff?from=2&to=3`);
    expect(diff.status).toBe(200);
    expect(diff.text).toContain('<li class="diff-added">');
    expect(diff.text).toContain('<del>The State Border Service checks travellers.</del>');
    expect(diff.text).toContain('<ins>Write the module here.</ins>');
    // One list item per line: no line is printed twice or padded with blank lines.
    expect(diff.text.match(/<del>The State Border Service checks travellers.<\/del>/g)).toHaveLength(1);
    expect((await trainer.get(`${base}/diff?from=3&to=1`)).text).toContain('The two revisions have the same text.');
  });

  it('shows the gradebook’s Certificates link to the course’s author, who may open it', async () => {
    const book = await trainer.get(`/courses/${slug}/gradebook`);
    expect(book.status).toBe(200);
    expect(book.text).toContain(`href="/courses/${slug}/certificates"`);
    expect((await trainer.get(`/courses/${slug}/certificates`)).status).toBe(200);
  });

  it('reads and changes the settings, and removes and restores a module, through the JSON API', async () => {
    const api = `/api/v1/authoring/courses/${slug}`;
    const before = (await trainer.json('GET', `${api}/settings`)).json<Record<string, unknown>>();
    expect(before).toMatchObject({
      title: 'Managed course',
      completionModules: 'all',
      certificate: expect.any(Boolean),
    });
    expect(before).not.toHaveProperty('key');
    const changed = { ...before, summary: 'Summary from the API.', completionQuizzes: 'none', certificate: false };
    const put = await trainer.json('PUT', `${api}/settings`, changed);
    expect(put.status).toBe(200);
    expect(put.json()).toEqual(changed);
    expect(await courseRow()).toMatchObject({ summary: 'Summary from the API.', certificate: false });
    const refused = await trainer.json('PUT', `${api}/settings`, {
      ...changed,
      introduction: 'See [it](09-nowhere.md).',
    });
    expect(refused.status).toBe(422);
    expect(refused.json<{ error: { details: object[] } }>().error.details).toContainEqual(
      expect.objectContaining({ code: 'link.module', params: { file: '09-nowhere.md' } }),
    );
    expect((await trainer.json('GET', `${api}/settings`)).json()).toEqual(changed);

    const archived = () =>
      trainer.json('GET', `${api}/archived-modules`).then((r) => r.json<Array<{ slug: string }>>());
    expect((await trainer.json('POST', `${api}/modules/residence-permits/archive`)).status).toBe(204);
    expect(await archived()).toContainEqual(expect.objectContaining({ slug: 'residence-permits' }));
    expect((await trainer.json('POST', `${api}/modules/residence-permits/restore`)).status).toBe(204);
    expect(await archived()).not.toContainEqual(expect.objectContaining({ slug: 'residence-permits' }));

    const other = t.client();
    const stranger = await createUser(t.db, ['trainer']);
    await signIn(other, stranger.email, TEST_PASSWORD);
    expect((await other.json('GET', `${api}/settings`)).status).toBe(403);
    expect((await other.json('PUT', `${api}/settings`, { ...changed, title: 'Taken' })).status).toBe(403);
    expect((await other.json('POST', `${api}/modules/residence-permits/archive`)).status).toBe(403);
    expect((await other.json('POST', `${api}/modules/residence-permits/restore`)).status).toBe(403);
    expect(await courseRow()).toMatchObject({ title: 'Managed course' });
    expect(await archived()).toEqual([]);
  });
});
