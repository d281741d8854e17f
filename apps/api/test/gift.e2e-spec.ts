import { readFileSync } from 'node:fs';
import { corpusFile, createUser, TEST_PASSWORD, type WebClient } from '@karvan/testing';
import { signIn, startTestApp, type TestApp } from './test-app.js';

describe('Moodle GIFT question banks', () => {
  let t: TestApp;
  let trainer: WebClient;
  const slug = `gift-${Date.now().toString(36)}`;
  const base = `/authoring/courses/${slug}/modules/bank`;

  beforeAll(async () => {
    t = await startTestApp();
    const { email } = await createUser(t.db, ['trainer']);
    trainer = t.client();
    await signIn(trainer, email, TEST_PASSWORD);
    await trainer.postForm('/authoring/courses', {
      title: 'GIFT',
      slug,
      summary: '',
      language: 'en',
      enrolmentMode: 'open',
    });
    await trainer.postForm(`/authoring/courses/${slug}/modules`, { title: 'Question bank', slug: 'bank' });
  });
  afterAll(() => t.close());

  it('imports Moodle’s own fixture into a module’s quiz with a report, then saves and exports it', async () => {
    const gift = readFileSync(corpusFile('gift/moodle-questions.gift.txt'));
    const api = await trainer.postFile(`/api/v1${base}/gift`, 'file', 'questions.gift.txt', 'text/plain', gift);
    expect(api.status).toBe(200);
    const proposal = api.json<{
      markdown: string;
      taken: unknown[];
      skipped: Array<{ type: string; reason: string }>;
    }>();
    expect(proposal.taken.length).toBeGreaterThan(0);
    // GIFT's essay (an empty answer block) comes across as an essay graded by the course's trainers.
    expect(proposal.taken.map((item) => (item as { type: string }).type)).toContain('essay');
    expect(proposal.markdown).toContain('= [essay points=1]');
    expect(proposal.markdown).toContain('::: quiz');

    const page = await trainer.postFile(`${base}/gift`, 'file', 'questions.gift.txt', 'text/plain', gift);
    expect(page.status).toBe(200);
    expect(page.text).toContain('not saved yet');
    // Every question of the fixture is taken now, the essay with a note on its points.
    expect(page.text).not.toMatch(/questions? not taken/);
    expect(page.text).toContain('an essay, graded by the course');

    const saved = await trainer.json('PUT', `/api/v1/authoring/courses/${slug}/modules/bank`, {
      markdown: proposal.markdown,
    });
    expect(saved.status).toBe(200);
    expect(saved.json()).toMatchObject({ saved: true });

    const exported = await trainer.get(`${base}/quiz.gift`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(exported.text).toMatch(/::[a-z0-9-]+::/);
    const again = await trainer.postFile(
      `/api/v1${base}/gift`,
      'file',
      'export.gift.txt',
      'text/plain',
      Buffer.from(exported.text),
    );
    expect(again.json<{ taken: unknown[] }>().taken).toHaveLength(proposal.taken.length);
  });

  it('says so when nothing in a file can be imported', async () => {
    const res = await trainer.postFile(
      `/api/v1${base}/gift`,
      'file',
      'description.txt',
      'text/plain',
      Buffer.from('Read the following carefully.'),
    );
    expect(res.status).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'content_invalid' } });
  });

  it('lets only the course’s authors import or export', async () => {
    const other = await createUser(t.db, ['trainer']);
    const client = t.client();
    await signIn(client, other.email, TEST_PASSWORD);
    expect((await client.get(`${base}/quiz.gift`)).status).toBe(403);
    const res = await client.postFile(
      `/api/v1${base}/gift`,
      'file',
      'q.txt',
      'text/plain',
      Buffer.from('::Q:: 1+1? {#2}'),
    );
    expect(res.status).toBe(403);
  });
});
