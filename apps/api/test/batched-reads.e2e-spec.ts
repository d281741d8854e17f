import type { WebClient } from '@karvan/testing';
import { authorCourse, moduleMarkdown } from './course-fixture.js';
import { person, startTestApp, type TestApp } from './test-app.js';

/**
 * Sessions, readers' progress and the content epoch asked for by requests that arrive together
 * are read in one statement (`Batched`). These tests send many people's requests at once, so that
 * they share statements, and check that each answer is the asker's own.
 */
describe('reads batched across requests', () => {
  let app: TestApp;
  let author: WebClient;
  let slug: string;

  beforeAll(async () => {
    app = await startTestApp();
    author = (await person(app, ['trainee', 'trainer'], 'Author')).client;
    slug = `batched-${Date.now().toString(36)}`;
    await authorCourse(author, slug, { title: `Batched ${slug}` });
    const quiz = '::: quiz pass=50 attempts=3\n1. Which is right? {#right}\n   - [x] This\n   - [ ] That\n:::';
    await author.postForm(`/authoring/courses/${slug}/modules`, { title: 'quiz', slug: 'quiz' });
    await author.json('PUT', `/api/v1/authoring/courses/${slug}/modules/quiz`, {
      markdown: moduleMarkdown('Module quiz', `Words.\n\n${quiz}`),
    });
    // Added to a published course, it is a draft until published.
    await author.postForm(`/authoring/courses/${slug}/modules/quiz/publish`, {});
  });
  afterAll(() => app?.close());

  it('gives each of many readers at once their own name, language, enrolment and progress, on three pages', async () => {
    const languages = ['en', 'az', 'ru'] as const;
    const readers = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const reader = { ...(await person(app, ['trainee'], `Reader ${i} of ${slug}`)), lang: languages[i % 3] };
        reader.client.cookies.set('karvan_lang', reader.lang);
        const enrolled = i % 4 !== 3;
        if (enrolled) await reader.client.postForm(`/courses/${slug}/enrol`, {});
        const read = enrolled && i % 2 === 0;
        if (read) await reader.client.postForm(`/courses/${slug}/modules/one/read`, {});
        return { ...reader, enrolled, read };
      }),
    );
    for (let round = 0; round < 3; round++) {
      const pages = await Promise.all(readers.map((r) => r.client.get(`/courses/${slug}/modules/one`)));
      const outlines = await Promise.all(readers.map((r) => r.client.get(`/courses/${slug}`)));
      const homes = await Promise.all(readers.map((r) => r.client.get('/')));
      readers.forEach((reader, i) => {
        const [page, outline, home] = [pages[i], outlines[i], homes[i]];
        expect(home.text).toContain(reader.name);
        expect([reader.name, home.text.includes(`Batched ${slug}`)]).toEqual([reader.name, reader.enrolled]);
        expect([reader.name, page.status]).toEqual([reader.name, reader.enrolled ? 200 : 403]);
        for (const response of [page, outline]) {
          expect(response.text).toContain(`<html lang="${reader.lang}">`);
          expect(response.text).toContain(reader.name);
        }
        if (reader.enrolled) {
          expect([reader.name, page.text]).toEqual([
            reader.name,
            expect.stringContaining(`value="${reader.read ? 1 : 0}"`),
          ]);
          // The syllabus is kept rendered per status: each reader sees their own.
          expect([reader.name, syllabusStatuses(outline.text)]).toEqual([
            reader.name,
            [reader.read ? 'read' : 'not_started', 'not_started', 'not_started'],
          ]);
        } else expect([reader.name, syllabusStatuses(outline.text)]).toEqual([reader.name, []]);
      });
    }
  });

  it('shows a reader the syllabus as it is after they read a module, and a published change at once', async () => {
    const reader = await person(app, ['trainee'], `Syllabus reader of ${slug}`);
    await reader.client.postForm(`/courses/${slug}/enrol`, {});
    const unread = ['not_started', 'not_started', 'not_started'];
    expect(syllabusStatuses((await reader.client.get(`/courses/${slug}`)).text)).toEqual(unread);
    await reader.client.postForm(`/courses/${slug}/modules/one/read`, {});
    expect(syllabusStatuses((await reader.client.get(`/courses/${slug}`)).text)).toEqual([
      'read',
      'not_started',
      'not_started',
    ]);
    await author.json('PUT', `/api/v1/authoring/courses/${slug}/modules/one`, {
      markdown: moduleMarkdown('Module one, revised', 'Words.'),
    });
    const page = await reader.client.get(`/courses/${slug}`);
    expect(page.text).toContain('Module one, revised');
  });

  it('ends a session at once even when other requests share the statement that reads it', async () => {
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => person(app, ['trainee'], `Leaver ${i}`)));
    // The same session kept in another client (as a second tab would), then ended.
    const kept = app.client();
    for (const [name, value] of people[0].client.cookies) kept.cookies.set(name, value);
    await people[0].client.postForm('/logout', {});
    const pages = await Promise.all([kept, ...people.slice(1).map((p) => p.client)].map((c) => c.get('/courses')));
    expect(pages[0].text).not.toContain('Leaver 0');
    pages.slice(1).forEach((page, i) => expect(page.text).toContain(`Leaver ${i + 1}`));
  });

  it('answers each of many access tokens used at once with its own person, and stops a revoked one', async () => {
    const people = await Promise.all(
      Array.from({ length: 6 }, (_, i) => person(app, ['trainee'], `Script ${i} of ${slug}`)),
    );
    const tokens = await Promise.all(
      people.map(async (p) => {
        const created = await p.client.json('POST', '/api/v1/me/tokens', { name: 'script', scope: 'read' });
        return created.json<{ id: string; token: string }>();
      }),
    );
    await people[0].client.json('DELETE', `/api/v1/me/tokens/${tokens[0].id}`);
    const answers = await Promise.all(tokens.map(({ token }) => app.client(token).json('GET', '/api/v1/me')));
    expect(answers[0].status).toBe(401);
    answers
      .slice(1)
      .forEach((answer, i) => expect(answer.json<{ name: string }>().name).toBe(`Script ${i + 1} of ${slug}`));
  });

  it('shows each of many trainees opening their attempts at once their own, and nobody else’s', async () => {
    const trainees = await Promise.all(Array.from({ length: 6 }, (_, i) => person(app, ['trainee'], `Taker ${i}`)));
    const attempts = await Promise.all(
      trainees.map(async (t) => {
        await t.client.postForm(`/courses/${slug}/enrol`, {});
        const started = await t.client.json('POST', `/api/v1/courses/${slug}/modules/quiz/attempts`);
        return started.json<{ attempt: { id: string } }>().attempt.id;
      }),
    );
    // Each opens their own attempt, and the first also asks for the second's, all at once.
    const [views, foreign] = await Promise.all([
      Promise.all(trainees.map((t, i) => t.client.json('GET', `/api/v1/attempts/${attempts[i]}`))),
      trainees[0].client.json('GET', `/api/v1/attempts/${attempts[1]}`),
    ]);
    views.forEach((view, i) => expect([i, view.status, view.json<{ id: string }>().id]).toEqual([i, 200, attempts[i]]));
    expect(foreign.status).toBe(404);
  });

  it('shows a publish to every one of the requests that ask at once after it', async () => {
    const other = `${slug}-new`;
    await authorCourse(author, other, { title: `Fresh ${other}`, modules: ['m'], publish: false });
    const readers = await Promise.all(Array.from({ length: 6 }, (_, i) => person(app, ['trainee'], `Browser ${i}`)));
    const before = await Promise.all(readers.map((r) => r.client.get('/courses')));
    before.forEach((page) => expect(page.text).not.toContain(`Fresh ${other}`));
    await author.postForm(`/authoring/courses/${other}/status`, { status: 'published' });
    const after = await Promise.all(readers.map((r) => r.client.get('/courses')));
    after.forEach((page) => expect(page.text).toContain(`Fresh ${other}`));
  });
});

/** The status tags of a course page's syllabus, in order. */
function syllabusStatuses(html: string): string[] {
  return [...html.matchAll(/status-tag status-([a-z_]+)/g)].map((match) => match[1]);
}
