import type { WebClient } from '@karvan/testing';
import { authorCourse } from './course-fixture.js';
import { person, startTestApp, type TestApp } from './test-app.js';

/**
 * Signed-in people's pages are kept rendered by everything they show but the person's name and
 * CSRF token, which are put in per request (common/kept-pages.ts). These tests have people at the
 * same place ask for the same pages, interleaved, and check that each page is the asker's own.
 */
describe('pages kept for signed-in people', () => {
  let app: TestApp;
  let author: WebClient;
  let slug: string;

  beforeAll(async () => {
    app = await startTestApp();
    author = (await person(app, ['trainee', 'trainer'], 'Author')).client;
    slug = `kept-${Date.now().toString(36)}`;
    await authorCourse(author, slug, { title: `Kept ${slug}` });
  });
  afterAll(() => app?.close());

  /** The `_csrf` values of the page's forms. */
  function formTokens(html: string): string[] {
    return [...html.matchAll(/name=['"]_csrf['"] value=['"]([^'"]*)['"]/g)].map((m) => m[1]);
  }

  it('gives people at the same place the same page with their own name, token and navigation', async () => {
    const names = ['Aysel Məmmədova', 'Ivan <i>"Petrov"</i> & Co', 'Kamran Trainer'];
    const people = [
      await person(app, ['trainee'], names[0]),
      await person(app, ['trainee'], names[1]),
      await person(app, ['trainee', 'trainer'], names[2]),
    ];
    for (const p of people) await p.client.postForm(`/courses/${slug}/enrol`, {});
    const paths = [`/courses/${slug}/modules/one`, `/courses/${slug}`, '/courses', '/glossary', '/'];
    for (let round = 0; round < 2; round++) {
      for (const path of paths) {
        const pages = await Promise.all(people.map((p) => p.client.get(path)));
        pages.forEach((page, i) => {
          const shown = [path, names[i]];
          expect([...shown, page.status]).toEqual([...shown, 200]);
          const escaped = names[i].replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
          expect([...shown, page.text.includes(escaped.replace(/"/g, '&quot;'))]).toEqual([...shown, true]);
          for (const other of names.filter((_, j) => j !== i)) {
            expect([...shown, page.text.includes(other.split(' ')[0])]).toEqual([...shown, false]);
          }
          const tokens = formTokens(page.text);
          expect([...shown, tokens.length > 0, new Set(tokens)]).toEqual([
            ...shown,
            true,
            new Set([people[i].client.csrfToken]),
          ]);
          // Only the trainer's navigation leads to authoring.
          expect([...shown, page.text.includes('href="/authoring"')]).toEqual([...shown, i === 2]);
        });
      }
    }
    // The token a kept page carries is the person's own: the form it is in works.
    const page = await people[1].client.get(`/courses/${slug}/modules/one`);
    const marked = await people[1].client.postForm(`/courses/${slug}/modules/one/read`, {
      _csrf: formTokens(page.text)[0],
    });
    expect(marked.status).toBe(303);
  });

  it('shows a reader their progress on the very next page, and the others theirs', async () => {
    const [first, second] = [
      await person(app, ['trainee'], 'First reader'),
      await person(app, ['trainee'], 'Second reader'),
    ];
    for (const p of [first, second]) await p.client.postForm(`/courses/${slug}/enrol`, {});
    const progress = async (p: { client: WebClient }) =>
      /<progress id="reading-progress" max="\d+" value="(\d+)"/.exec(
        (await p.client.get(`/courses/${slug}/modules/one`)).text,
      )?.[1];
    expect([await progress(first), await progress(second)]).toEqual(['0', '0']);
    await first.client.postForm(`/courses/${slug}/modules/one/read`, {});
    expect([await progress(first), await progress(second)]).toEqual(['1', '0']);
  });
});
