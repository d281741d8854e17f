import { createUser, TEST_PASSWORD, type TestUser, type WebClient } from '@karvan/testing';
import { signIn, startTestApp, type TestApp } from './test-app.js';

const MODULE = (title: string, body: string) => `---
title: ${title}
summary: A module written in the browser.
objectives:
  - Explain what a visa facilitation agreement does.
duration: 20
sources:
  - Official Journal of the European Union, L 128, 30 April 2014
---

## What the agreement changes

${body}
`;

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

describe('authoring courses in the browser', () => {
  let t: TestApp;
  let author: TestUser;
  let trainer: WebClient;
  const slug = `course-${Date.now().toString(36)}`;

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t.db, ['trainer'], 'Author Trainer');
    trainer = t.client();
    await signIn(trainer, author.email, TEST_PASSWORD);
    const created = await trainer.postForm('/authoring/courses', {
      title: 'Visa facilitation in practice',
      slug,
      summary: 'How the 2014 agreements work at a consulate.',
      language: 'en',
      enrolmentMode: 'open',
    });
    expect(created.status).toBe(303);
    expect(created.location).toBe(`/authoring/courses/${slug}`);
  });
  afterAll(() => t.close());

  it('adds a module, previews an edit without saving, then saves it as a new revision', async () => {
    const added = await trainer.postForm(`/authoring/courses/${slug}/modules`, {
      title: 'Visa fees',
      slug: 'visa-fees',
    });
    expect(added.status).toBe(303);
    const editor = await trainer.get(added.location!);
    expect(editor.status).toBe(200);
    expect(editor.text).toContain('<textarea id="module-markdown" name="markdown"');

    const markdown = MODULE('Visa fees', 'The fee for a visa is **€35** under the agreement.');
    const preview = await trainer.postForm(`/authoring/courses/${slug}/modules/visa-fees/edit`, {
      markdown,
      action: 'preview',
    });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('<strong>€35</strong>');
    expect((await trainer.json('GET', `/api/v1/authoring/courses/${slug}/modules/visa-fees`)).json()).toMatchObject({
      revision: 1,
    });

    const saved = await trainer.postForm(`/authoring/courses/${slug}/modules/visa-fees/edit`, {
      markdown,
      action: 'save',
    });
    expect(saved.status).toBe(303);
    const source = (await trainer.json('GET', `/api/v1/authoring/courses/${slug}/modules/visa-fees`)).json();
    expect(source).toMatchObject({ revision: 2, markdown });

    const again = await trainer.json('PUT', `/api/v1/authoring/courses/${slug}/modules/visa-fees`, { markdown });
    expect(again.json()).toMatchObject({ saved: false, revision: 2 });
  });

  it('refuses a text with errors, shows them beside their line, and keeps the saved revision', async () => {
    const broken = `${MODULE('Visa fees', 'See [module 9](09-nowhere.md).')}\n::: quiz\n1. Which fee?\n   - [ ] €60\n   - [ ] €35\n:::\n`;
    const res = await trainer.postForm(`/authoring/courses/${slug}/modules/visa-fees/edit`, {
      markdown: broken,
      action: 'save',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Not saved');
    expect(res.text).toMatch(/Line \d+/);
    const api = await trainer.json('PUT', `/api/v1/authoring/courses/${slug}/modules/visa-fees`, { markdown: broken });
    expect(api.status).toBe(422);
    const body = api.json<{ error: { code: string; details: Array<{ line: number; message: string }> } }>();
    expect(body.error.code).toBe('content_invalid');
    expect(body.error.details.length).toBeGreaterThan(0);
    expect((await trainer.json('GET', `/api/v1/authoring/courses/${slug}/modules/visa-fees`)).json()).toMatchObject({
      revision: 2,
    });
  });

  it('lists the revisions and shows the difference between two', async () => {
    const history = await trainer.get(`/authoring/courses/${slug}/modules/visa-fees/history`);
    expect(history.status).toBe(200);
    expect(history.text).toContain('Author Trainer');
    const diff = await trainer.get(`/authoring/courses/${slug}/modules/visa-fees/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.text).toContain('<ins>The fee for a visa is **€35** under the agreement.</ins>');
    expect((await trainer.get(`/authoring/courses/${slug}/modules/visa-fees/diff?from=1&to=9`)).status).toBe(404);
  });

  it('reorders modules, and a link written before the move still saves', async () => {
    await trainer.postForm(`/authoring/courses/${slug}/modules`, { title: 'Readmission', slug: 'readmission' });
    const linking = (extra: string) =>
      trainer.json('PUT', `/api/v1/authoring/courses/${slug}/modules/readmission`, {
        markdown: MODULE('Readmission', `## Fees\n\nSee [the fees](01-visa-fees.md#fees).${extra}`),
      });
    expect((await linking('')).status).toBe(200);
    const moved = await trainer.postForm(`/authoring/courses/${slug}/move`, { slug: 'readmission', direction: 'up' });
    expect(moved.status).toBe(303);
    const course = (await trainer.json('GET', `/api/v1/authoring/courses/${slug}`)).json<{
      modules: Array<{ slug: string }>;
    }>();
    expect(course.modules.map((m) => m.slug)).toEqual(['readmission', 'visa-fees']);
    // Visa fees is module 02 now: the link keeps its old number and still finds it by its slug.
    const saved = await linking(' Revised.');
    expect(saved.status).toBe(200);
    expect(saved.json()).toMatchObject({ saved: true });
    const bad = await trainer.json('PUT', `/api/v1/authoring/courses/${slug}/order`, { slugs: ['readmission'] });
    expect(bad.status).toBe(400);
  });

  it('publishes and unpublishes', async () => {
    expect((await trainer.postForm(`/authoring/courses/${slug}/status`, { status: 'published' })).status).toBe(303);
    expect((await trainer.json('GET', `/api/v1/authoring/courses/${slug}`)).json()).toMatchObject({
      status: 'published',
    });
    const page = await trainer.get(`/authoring/courses/${slug}?notice=published`);
    expect(page.text).toContain('The course is published.');
    await trainer.json('PUT', `/api/v1/authoring/courses/${slug}/status`, { status: 'draft' });
    expect((await trainer.json('GET', `/api/v1/authoring/courses/${slug}`)).json()).toMatchObject({ status: 'draft' });
  });

  it('uploads an image and serves it so that it can never run as a page', async () => {
    const ok = await trainer.postFile(
      `/authoring/courses/${slug}/media`,
      'file',
      'Map of Borders.PNG',
      'image/png',
      PNG,
    );
    expect(ok.status).toBe(303);
    const image = await trainer.get(`/media/${slug}/map-of-borders.png`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');

    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(
      (await trainer.postFile(`/authoring/courses/${slug}/media`, 'file', 'x.svg', 'image/svg+xml', svg)).status,
    ).toBe(303);
    const served = await trainer.get(`/media/${slug}/x.svg`);
    expect(served.headers.get('content-security-policy')).toContain('sandbox');
    expect(served.headers.get('content-security-policy')).toContain("default-src 'none'");

    const html = Buffer.from('<html><script>alert(1)</script></html>');
    expect(
      (await trainer.postFile(`/authoring/courses/${slug}/media`, 'file', 'page.html', 'text/html', html)).status,
    ).toBe(400);
    const disguised = await trainer.postFile(`/authoring/courses/${slug}/media`, 'file', 'page.png', 'image/png', html);
    expect(disguised.status).toBe(400);
    expect((await trainer.get(`/media/${slug}/page.png`)).status).toBe(404);
  });

  it('refuses images of an unpublished course to anyone who may not edit it, as if they did not exist', async () => {
    expect((await trainer.json('GET', `/api/v1/authoring/courses/${slug}`)).json()).toMatchObject({ status: 'draft' });
    const image = `/media/${slug}/map-of-borders.png`;
    const clientOf = async (roles: Array<'trainee' | 'trainer' | 'admin'>) => {
      const user = await createUser(t.db, roles);
      const client = t.client();
      await signIn(client, user.email, TEST_PASSWORD);
      return client;
    };
    const trainee = await clientOf(['trainee']);
    const otherTrainer = await clientOf(['trainer']);
    const admin = await clientOf(['admin']);
    for (const stranger of [trainee, otherTrainer]) {
      const refused = await stranger.get(image);
      expect(refused.status).toBe(404);
      expect(refused.text).not.toContain('PNG');
    }
    expect((await admin.get(image)).status).toBe(200);
    expect((await trainer.get(image)).status).toBe(200);
    // Anonymous callers get the sign-in answer for every media address, existing or not.
    const anonymous = await t.client().get(image);
    const missing = await t.client().get(`/media/${slug}/no-such-file.png`);
    expect(anonymous.status).not.toBe(200);
    expect(anonymous.status).toBe(missing.status);
    expect(anonymous.location).toMatch(/^\/login\?next=/);

    await trainer.json('PUT', `/api/v1/authoring/courses/${slug}/status`, { status: 'published' });
    expect((await trainee.get(image)).status).toBe(200);
    await trainer.json('PUT', `/api/v1/authoring/courses/${slug}/status`, { status: 'draft' });
  });

  it('adds a co-author, who can then edit', async () => {
    const co = await createUser(t.db, ['trainer'], 'Co Author');
    const trainee = await createUser(t.db, ['trainee']);
    expect((await trainer.postForm(`/authoring/courses/${slug}/authors`, { email: trainee.email })).status).toBe(422);
    expect((await trainer.postForm(`/authoring/courses/${slug}/authors`, { email: co.email })).status).toBe(303);
    const client = t.client();
    await signIn(client, co.email, TEST_PASSWORD);
    expect((await client.get(`/authoring/courses/${slug}`)).status).toBe(200);
  });

  describe('who may author', () => {
    const routes = (s: string) => [
      ['GET', `/authoring/courses/${s}`],
      ['GET', `/authoring/courses/${s}/modules/visa-fees/edit`],
      ['GET', `/authoring/courses/${s}/modules/visa-fees/history`],
      ['POST', `/authoring/courses/${s}/modules/visa-fees/edit`],
      ['POST', `/authoring/courses/${s}/status`],
      ['POST', `/authoring/courses/${s}/authors`],
      ['POST', `/authoring/courses/${s}/move`],
      ['POST', `/authoring/courses/${s}/key`],
      ['GET', `/authoring/courses/${s}/export`],
    ];
    const api = (s: string): Array<[string, string, object | undefined]> => [
      ['GET', `/api/v1/authoring/courses/${s}`, undefined],
      ['PUT', `/api/v1/authoring/courses/${s}/modules/visa-fees`, { markdown: 'x' }],
      ['PUT', `/api/v1/authoring/courses/${s}/status`, { status: 'published' }],
      ['PUT', `/api/v1/authoring/courses/${s}/order`, { slugs: ['visa-fees'] }],
      ['POST', `/api/v1/authoring/courses/${s}/authors`, { email: 'someone@karvan.test' }],
      ['POST', `/api/v1/authoring/courses/${s}/modules/visa-fees/preview`, { markdown: 'x' }],
    ];

    it.each([
      ['another trainer', ['trainer']],
      ['a trainee', ['trainee']],
      ['a coordinator', ['coordinator']],
    ] as const)('refuses %s on every authoring route (HTML and JSON)', async (_who, roles) => {
      const other = await createUser(t.db, [...roles]);
      const client = t.client();
      await signIn(client, other.email, TEST_PASSWORD);
      for (const [method, path] of routes(slug)) {
        const res =
          method === 'GET'
            ? await client.get(path)
            : await client.postForm(path, { markdown: 'x', status: 'published' });
        expect([method, path, res.status]).toEqual([method, path, 403]);
      }
      for (const [method, path, payload] of api(slug)) {
        const res = await client.json(method, path, payload);
        expect([method, path, res.status]).toEqual([method, path, 403]);
      }
      const list = await client.json('GET', '/api/v1/authoring/courses');
      if (roles[0] === 'trainer') expect(list.json()).toEqual([]);
      else expect(list.status).toBe(403);
    });

    it('lets an admin edit any course', async () => {
      const admin = await createUser(t.db, ['admin']);
      const client = t.client();
      await signIn(client, admin.email, TEST_PASSWORD);
      expect((await client.get(`/authoring/courses/${slug}/modules/visa-fees/edit`)).status).toBe(200);
    });
  });
});
