import { createUser, TEST_PASSWORD, type WebClient } from '@karvan/testing';
import { signIn, startTestApp, type TestApp } from './test-app.js';

const MODULE = (title: string) => `---
title: ${title}
summary: About ${title}.
objectives:
  - Say what ${title} is.
duration: 15
sources:
  - A primary source
---

## What it is

${title} explained.
`;

describe('trainees learn: catalogue, enrolment, reader, progress', () => {
  let t: TestApp;
  let trainer: WebClient;
  const stamp = Date.now().toString(36);

  /** A published course made in the editor, with the given enrolment mode and two modules. */
  async function course(mode: 'open' | 'key' | 'approval', publish = true): Promise<string> {
    const slug = `learn-${mode}-${stamp}-${Math.random().toString(36).slice(2, 6)}`;
    await trainer.postForm('/authoring/courses', {
      title: `Course ${mode}`,
      slug,
      summary: 'Learn it.',
      language: 'en',
      enrolmentMode: mode,
    });
    for (const m of ['alpha', 'beta']) {
      await trainer.postForm(`/authoring/courses/${slug}/modules`, { title: m, slug: m });
      await trainer.json('PUT', `/api/v1/authoring/courses/${slug}/modules/${m}`, { markdown: MODULE(m) });
    }
    if (publish) await trainer.postForm(`/authoring/courses/${slug}/status`, { status: 'published' });
    return slug;
  }

  async function trainee(): Promise<WebClient> {
    const { email } = await createUser(t.db, ['trainee']);
    const client = t.client();
    await signIn(client, email, TEST_PASSWORD);
    return client;
  }

  beforeAll(async () => {
    t = await startTestApp();
    const author = await createUser(t.db, ['trainer'], 'Course Author');
    trainer = t.client();
    await signIn(trainer, author.email, TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('lists published courses in the catalogue, with modules and time, and hides drafts', async () => {
    const published = await course('open');
    const draft = await course('open', false);
    const page = await t.client().get('/courses');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/courses/${published}`);
    expect(page.text).not.toContain(`/courses/${draft}`);
    expect(page.text).toContain('2 modules');
    expect((await t.client().get(`/courses/${draft}`)).status).toBe(404);
  });

  it('enrols in one click in an open course, reads, and completes it by reading every module', async () => {
    const slug = await course('open');
    const me = await trainee();
    expect((await me.get(`/courses/${slug}/modules/alpha`)).status).toBe(403);
    const enrolled = await me.postForm(`/courses/${slug}/enrol`, {});
    expect(enrolled.location).toBe(`/courses/${slug}?notice=enrolled`);
    const again = await me.postForm(`/courses/${slug}/enrol`, {});
    expect(again.location).toBe(`/courses/${slug}?notice=enrolled`);

    const reader = await me.get(`/courses/${slug}/modules/alpha`);
    expect(reader.status).toBe(200);
    expect(reader.text).toContain('alpha explained.');
    expect(reader.text).toContain('0 of 2 modules read');
    expect(reader.text).toContain('rel="next"');

    await me.postForm(`/courses/${slug}/modules/alpha/read`, {});
    expect((await me.get(`/courses/${slug}/modules/beta`)).text).toContain('1 of 2 modules read');
    const done = await me.postForm(`/courses/${slug}/modules/beta/read`, {});
    expect(done.location).toBe(`/courses/${slug}?notice=completed`);
    const repeat = await me.postForm(`/courses/${slug}/modules/beta/read`, {});
    expect(repeat.location).toBe(`/courses/${slug}/modules/beta#read`);
    const completions = await t.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM course_completions cc JOIN courses c ON c.id = cc.course_id WHERE c.slug = $1`,
      [slug],
    );
    expect(completions[0].n).toBe(1);
  });

  it('shows each module’s status in the syllabus, marks where to continue, and hides archived modules', async () => {
    const slug = await course('open');
    await trainer.postForm(`/authoring/courses/${slug}/modules`, { title: 'gamma', slug: 'gamma' });
    await trainer.json('PUT', `/api/v1/authoring/courses/${slug}/modules/gamma`, { markdown: MODULE('gamma') });
    const me = await trainee();
    await me.postForm(`/courses/${slug}/enrol`, {});
    await me.postForm(`/courses/${slug}/modules/alpha/read`, {});
    expect((await trainer.postForm(`/authoring/courses/${slug}/modules/gamma/archive`, {})).status).toBe(303);

    const page = (await me.get(`/courses/${slug}`)).text;
    const item = (name: string) => {
      const start = page.indexOf(`/modules/${name}">${name}</a>`);
      return start < 0 ? '' : page.slice(start, page.indexOf('</li>', start));
    };
    expect(item('alpha')).toContain('status-read');
    expect(item('alpha')).toContain('>Read<');
    expect(item('alpha')).not.toContain('Continue here');
    expect(item('beta')).toContain('Not started');
    expect(item('beta')).toContain('Continue here');
    expect(page).not.toContain('/modules/gamma');
    // The progress counts live modules only: one of alpha and beta read, beta next.
    expect(page).toContain('<progress value="1" max="2"');
    expect(page).toContain(`href="/courses/${slug}/modules/beta">Continue`);
    // Someone not enrolled sees the syllabus without anyone's status.
    expect((await t.client().get(`/courses/${slug}`)).text).not.toContain('status-tag');
  });

  it('needs the right key in a key course, and says when it is wrong', async () => {
    const slug = await course('key');
    expect((await trainer.postForm(`/authoring/courses/${slug}/key`, { key: 'migration-2026' })).status).toBe(303);
    const me = await trainee();
    const wrong = await me.postForm(`/courses/${slug}/enrol`, { key: 'guess' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('The enrolment key is not right.');
    const right = await me.postForm(`/courses/${slug}/enrol`, { key: 'migration-2026' });
    expect(right.location).toBe(`/courses/${slug}?notice=enrolled`);
    const api = await (await trainee()).json('POST', `/courses/${slug}/enrol`, { key: 'nope' });
    expect(api.status).toBe(422);
  });

  it('asks for approval in an approval course; a trainer approves or declines; the trainee sees the status', async () => {
    const slug = await course('approval');
    const me = await trainee();
    const other = await trainee();
    expect((await me.postForm(`/courses/${slug}/enrol`, {})).location).toBe(`/courses/${slug}?notice=requested`);
    await other.postForm(`/courses/${slug}/enrol`, {});
    expect((await me.get(`/courses/${slug}`)).text).toContain('waiting for a trainer');
    expect((await me.get(`/courses/${slug}/modules/alpha`)).status).toBe(403);
    expect((await me.get(`/courses/${slug}/requests`)).status).toBe(403);

    const requests = await trainer.get(`/courses/${slug}/requests`);
    const ids = [...requests.text.matchAll(/name="userId" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    const meId = (await me.json('GET', '/api/v1/me')).json<{ id: string }>().id;
    const otherId = ids.find((id) => id !== meId)!;
    await trainer.postForm(`/courses/${slug}/requests`, { userId: meId, decision: 'approve' });
    await trainer.postForm(`/courses/${slug}/requests`, { userId: otherId, decision: 'decline' });
    expect((await me.get(`/courses/${slug}/modules/alpha`)).status).toBe(200);
    expect((await other.get(`/courses/${slug}`)).text).toContain('declined');
    expect((await other.get(`/courses/${slug}/modules/alpha`)).status).toBe(403);
  });

  it('keeps progress when a trainee leaves, and refuses reading meanwhile', async () => {
    const slug = await course('open');
    const me = await trainee();
    await me.postForm(`/courses/${slug}/enrol`, {});
    await me.postForm(`/courses/${slug}/modules/alpha/read`, {});
    expect((await me.postForm(`/courses/${slug}/unenrol`, {})).location).toBe(`/courses/${slug}?notice=left`);
    expect((await me.get(`/courses/${slug}/modules/alpha`)).status).toBe(403);
    await me.postForm(`/courses/${slug}/enrol`, {});
    expect((await me.get(`/courses/${slug}/modules/beta`)).text).toContain('1 of 2 modules read');
  });

  it('refuses a module of an unpublished course to an enrolled trainee, and to anyone not signed in', async () => {
    const slug = await course('open');
    const me = await trainee();
    await me.postForm(`/courses/${slug}/enrol`, {});
    await trainer.postForm(`/authoring/courses/${slug}/status`, { status: 'draft' });
    expect((await me.get(`/courses/${slug}/modules/alpha`)).status).toBe(403);
    expect((await t.client().get(`/courses/${slug}/modules/alpha`)).status).toBe(303);
    expect((await trainer.get(`/courses/${slug}/modules/alpha`)).status).toBe(200);
  });

  it('shows a trainee their courses with progress and the next step', async () => {
    const slug = await course('open');
    const me = await trainee();
    await me.postForm(`/courses/${slug}/enrol`, {});
    await me.postForm(`/courses/${slug}/modules/alpha/read`, {});
    const page = await me.get('/learning');
    expect(page.status).toBe(200);
    expect(page.text).toContain('1 of 2 modules read');
    expect(page.text).toContain(`/courses/${slug}/modules/beta`);
    const api = await me.json('GET', '/api/v1/me/learning');
    expect(api.json<Array<{ slug: string; percent: number }>>().find((c) => c.slug === slug)).toMatchObject({
      percent: 50,
    });
  });

  it('gives the course’s trainer a gradebook, as a page with a chart, JSON and CSV; nobody else', async () => {
    const slug = await course('open');
    const me = await trainee();
    await me.postForm(`/courses/${slug}/enrol`, {});
    await me.postForm(`/courses/${slug}/modules/alpha/read`, {});
    const page = await trainer.get(`/courses/${slug}/gradebook`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('not read');
    const book = (await trainer.json('GET', `/api/v1/courses/${slug}/gradebook`)).json<{
      rows: Array<{ cells: Array<{ read: boolean }> }>;
    }>();
    expect(book.rows).toHaveLength(1);
    expect(book.rows[0].cells.map((c) => c.read)).toEqual([true, false]);
    const csv = await trainer.get(`/courses/${slug}/gradebook.csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toContain('alpha read');

    const otherTrainer = await createUser(t.db, ['trainer']);
    const stranger = t.client();
    await signIn(stranger, otherTrainer.email, TEST_PASSWORD);
    for (const client of [stranger, me]) {
      expect((await client.get(`/courses/${slug}/gradebook`)).status).toBe(403);
      expect((await client.get(`/courses/${slug}/gradebook.csv`)).status).toBe(403);
      expect((await client.json('GET', `/api/v1/courses/${slug}/gradebook`)).status).toBe(403);
    }
  });

  it('lists the catalogue and enrols and leaves through the JSON API, refusing a wrong key', async () => {
    const slug = await course('key');
    await trainer.postForm(`/authoring/courses/${slug}/key`, { key: 'migration-2026' });
    const catalogue = await t.client().json('GET', '/api/v1/courses');
    expect(catalogue.json<Array<{ slug: string }>>().some((c) => c.slug === slug)).toBe(true);
    const me = await trainee();
    const wrong = await me.json('POST', `/api/v1/courses/${slug}/enrolment`, { key: 'guess' });
    expect(wrong.status).toBe(400);
    expect(wrong.json<{ error: { code: string } }>().error.code).toBe('wrong_enrolment_key');
    const right = await me.json('POST', `/api/v1/courses/${slug}/enrolment`, { key: 'migration-2026' });
    expect(right.status).toBe(201);
    expect(right.json()).toEqual({ status: 'active' });
    expect((await me.get(`/courses/${slug}/modules/alpha`)).status).toBe(200);
    expect((await me.json('DELETE', `/api/v1/courses/${slug}/enrolment`)).json()).toEqual({ status: 'withdrawn' });
    expect((await me.get(`/courses/${slug}/modules/alpha`)).status).toBe(403);
    expect((await t.client().json('POST', `/api/v1/courses/${slug}/enrolment`, {})).status).toBe(401);
  });
});
