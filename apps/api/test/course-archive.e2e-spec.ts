import { createUser, TEST_PASSWORD, type WebClient, zipOf } from '@karvan/testing';
import { signIn, startTestApp, type TestApp } from './test-app.js';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

async function download(client: WebClient, path: string): Promise<Buffer> {
  const res = await fetch(new URL(path, client.baseUrl), {
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  return Buffer.from(await res.arrayBuffer());
}

describe('course archives (zip of Markdown files)', () => {
  let t: TestApp;
  let trainer: WebClient;
  const slug = `archive-${Date.now().toString(36)}`;

  beforeAll(async () => {
    t = await startTestApp();
    const { email } = await createUser(t.db, ['trainer'], 'Archivist');
    trainer = t.client();
    await signIn(trainer, email, TEST_PASSWORD);
    await trainer.postForm('/authoring/courses', {
      title: 'Readmission: a practitioner’s course',
      slug,
      summary: 'Çox dilli: Azərbaycan, Русский.',
      language: 'en',
      enrolmentMode: 'open',
    });
    await trainer.postFile(`/authoring/courses/${slug}/media`, 'file', 'map.png', 'image/png', PNG);
    await trainer.postForm(`/authoring/courses/${slug}/modules`, { title: 'First steps', slug: 'first-steps' });
    await trainer.postForm(`/authoring/courses/${slug}/modules`, { title: 'Procedures', slug: 'procedures' });
    const source = (await trainer.json('GET', `/api/v1/authoring/courses/${slug}/modules/procedures`)).json<{
      markdown: string;
    }>();
    const markdown = `${source.markdown}\n![Map of the border](media/map.png)\n\nSee [the first module](01-first-steps.md).\n`;
    expect(
      (await trainer.json('PUT', `/api/v1/authoring/courses/${slug}/modules/procedures`, { markdown })).status,
    ).toBe(200);
  });
  afterAll(() => t.close());

  it('exports the same bytes twice, and an import of the export gives the same course back', async () => {
    const first = await download(trainer, `/authoring/courses/${slug}/export`);
    expect(await download(trainer, `/api/v1/authoring/courses/${slug}/export`)).toEqual(first);

    await t.db.query('DELETE FROM courses WHERE slug = $1', [slug]);
    const imported = await trainer.postFile(
      '/api/v1/authoring/import',
      'file',
      `${slug}.zip`,
      'application/zip',
      first,
    );
    expect(imported.status).toBe(201);
    expect(imported.json()).toMatchObject({ slug, created: true, revisions: 2, refused: [] });

    const again = await download(trainer, `/authoring/courses/${slug}/export`);
    expect(again.equals(first)).toBe(true);
    const course = (await trainer.json('GET', `/api/v1/authoring/courses/${slug}`)).json();
    expect(course).toMatchObject({ status: 'draft', title: 'Readmission: a practitioner’s course' });
  });

  it('refuses an archive with an error anywhere, importing nothing', async () => {
    const zip = await zipOf({
      'broken-course/course.md':
        '---\ntitle: Broken\nsummary: x\nlanguage: en\nenrolment: open\ncompletion:\n  modules: all\n  quizzes: pass\ncertificate: true\nauthors: []\n---\n\nIntro.\n',
      'broken-course/01-only.md':
        '---\ntitle: Only\nsummary: x\nobjectives: [a]\nduration: 5\nsources: [b]\n---\n\nSee [missing](02-missing.md).\n',
    });
    const res = await trainer.postFile('/api/v1/authoring/import', 'file', 'broken.zip', 'application/zip', zip);
    expect(res.status).toBe(422);
    expect(res.json()).toMatchObject({
      error: {
        code: 'content_invalid',
        details: expect.arrayContaining([expect.objectContaining({ severity: 'error' })]),
      },
    });
    expect(await t.db.query(`SELECT 1 FROM courses WHERE slug = 'broken-course'`)).toEqual([]);
    // The page lists the same problems in the trainer's language.
    trainer.cookies.set('karvan_lang', 'ru');
    const page = await trainer.postFile('/authoring/import', 'file', 'broken.zip', 'application/zip', zip);
    trainer.cookies.delete('karvan_lang');
    expect(page.status).toBe(422);
    expect(page.text).toContain('Битая ссылка: нет модуля «02-missing.md»');
  });

  it('refuses what is not a course archive', async () => {
    const notZip = await trainer.postFile(
      '/api/v1/authoring/import',
      'file',
      'x.zip',
      'application/zip',
      Buffer.from('hello'),
    );
    expect(notZip.status).toBe(400);
    const twoCourses = await zipOf({ 'a/course.md': 'x', 'b/course.md': 'y' });
    expect(
      (await trainer.postFile('/api/v1/authoring/import', 'file', 'two.zip', 'application/zip', twoCourses)).status,
    ).toBe(400);
    const script = await zipOf({ 'c/course.md': 'x', 'c/run.sh': 'rm -rf /' });
    expect(
      (await trainer.postFile('/api/v1/authoring/import', 'file', 'sh.zip', 'application/zip', script)).status,
    ).toBe(400);
  });

  it('lets only authors export, or import over, an existing course', async () => {
    const zip = await download(trainer, `/authoring/courses/${slug}/export`);
    const other = await createUser(t.db, ['trainer']);
    const client = t.client();
    await signIn(client, other.email, TEST_PASSWORD);
    expect((await client.get(`/authoring/courses/${slug}/export`)).status).toBe(403);
    expect((await client.postFile('/api/v1/authoring/import', 'file', 'x.zip', 'application/zip', zip)).status).toBe(
      403,
    );
    const trainee = await createUser(t.db, ['trainee']);
    const student = t.client();
    await signIn(student, trainee.email, TEST_PASSWORD);
    expect((await student.postFile('/authoring/import', 'file', 'x.zip', 'application/zip', zip)).status).toBe(403);
  });
});
