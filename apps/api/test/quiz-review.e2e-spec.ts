import { createUser, TEST_PASSWORD, type WebClient } from '@karvan/testing';
import { signIn, startTestApp, type TestApp } from './test-app.js';

const moduleWith = (settings: string) => `---
title: Review policy
summary: One question.
objectives:
  - State the visa fee.
duration: 10
---

## The fee

The fee is €35.

::: quiz pass=100 attempts=2 ${settings}
1. What is the visa fee? {#fee}
   - [ ] €60
   - [x] €35
   > FEEDBACK-SECRET
:::
`;

interface Review {
  score: number | null;
  answer: unknown;
  feedbackHtml: string | null;
}

type State = 'failed, attempts left' | 'failed, none left' | 'passed';
const STATES: State[] = ['failed, attempts left', 'failed, none left', 'passed'];

/** Whether the review (points, correct answer, feedback) shows, per policy, per state. */
const MATRIX: Array<[string, boolean[]]> = [
  ['review=immediately', [true, true, true]],
  ['review=after-pass', [false, false, true]],
  ['review=after-last', [false, true, false]],
  ['review=after-pass-or-last', [false, true, true]],
  ['review=after-close', [false, false, false]],
  ['review=never', [false, false, false]],
  ['answers=after-submit', [false, true, true]],
];

describe('the review policy, on the attempt page, in the API and in exports', () => {
  let t: TestApp;
  let trainer: WebClient;
  const prefix = `review-${Date.now().toString(36)}`;

  beforeAll(async () => {
    t = await startTestApp();
    const author = await createUser(t.db, ['trainer']);
    trainer = t.client();
    await signIn(trainer, author.email, TEST_PASSWORD);
  });
  afterAll(() => t.close());

  async function course(index: number, settings: string): Promise<string> {
    const slug = `${prefix}-${index}`;
    await trainer.postForm('/authoring/courses', {
      title: slug,
      slug,
      summary: 'x',
      language: 'en',
      enrolmentMode: 'open',
    });
    await trainer.postForm(`/authoring/courses/${slug}/modules`, { title: 'Fee', slug: 'fee' });
    const saved = await trainer.json('PUT', `/api/v1/authoring/courses/${slug}/modules/fee`, {
      markdown: moduleWith(settings),
    });
    expect(saved.status).toBe(200);
    await trainer.postForm(`/authoring/courses/${slug}/status`, { status: 'published' });
    return slug;
  }

  /** A trainee whose last attempt ends in the given state; returns their client and that attempt's id. */
  async function trainee(slug: string, state: State): Promise<{ me: WebClient; attemptId: string }> {
    const { email } = await createUser(t.db, ['trainee']);
    const me = t.client();
    await signIn(me, email, TEST_PASSWORD);
    await me.postForm(`/courses/${slug}/enrol`, {});
    const submits = state === 'failed, none left' ? 2 : 1;
    let attemptId = '';
    for (let i = 0; i < submits; i++) {
      const started = await me.json('POST', `/api/v1/courses/${slug}/modules/fee/attempts`);
      const attempt = started.json<{
        attempt: { id: string; questions: Array<{ options: Array<{ id: string; html: string }> }> };
      }>().attempt;
      const option = attempt.questions[0].options.find((o) => o.html.includes(state === 'passed' ? '35' : '60'))!;
      const submitted = await me.json('POST', `/api/v1/attempts/${attempt.id}/submission`, {
        responses: { fee: option.id },
      });
      expect(submitted.status).toBe(200);
      attemptId = attempt.id;
    }
    return { me, attemptId };
  }

  /** What each surface a trainee can reach reveals: page and API; the gradebook export is refused. */
  async function revealed(me: WebClient, slug: string, attemptId: string) {
    const page = (await me.get(`/attempts/${attemptId}`)).text;
    const response = await me.json('GET', `/api/v1/attempts/${attemptId}`);
    const review = response.json<{ questions: Array<{ review: Review }> }>().questions[0].review;
    const exports = [
      await me.get(`/courses/${slug}/gradebook.csv`),
      await me.get(`/api/v1/courses/${slug}/gradebook.csv`),
    ];
    expect(exports.map((r) => r.status)).toEqual([403, 403]);
    const parts = [review.score !== null, review.answer !== null, review.feedbackHtml !== null];
    return {
      page: page.includes('FEEDBACK-SECRET'),
      api: parts.every(Boolean) && response.text.includes('FEEDBACK-SECRET'),
      apiLeaks: parts.some(Boolean) || response.text.includes('FEEDBACK-SECRET'),
    };
  }

  it.each(MATRIX.map(([policy, shown], i) => [policy, shown, i] as const))(
    '%s shows the review %j (failed with attempts left, failed with none left, passed)',
    async (policy, shown, index) => {
      const slug = await course(index, policy);
      for (const [i, state] of STATES.entries()) {
        const { me, attemptId } = await trainee(slug, state);
        const seen = await revealed(me, slug, attemptId);
        expect([policy, state, seen.page, seen.api, seen.apiLeaks]).toEqual([
          policy,
          state,
          shown[i],
          shown[i],
          shown[i],
        ]);
      }
    },
  );

  it('review=after-close shows the review once the course is archived', async () => {
    const slug = await course(90, 'review=after-close');
    const { me, attemptId } = await trainee(slug, 'failed, attempts left');
    expect((await revealed(me, slug, attemptId)).page).toBe(false);
    expect((await me.get(`/attempts/${attemptId}`)).text).toContain('The review is shown when the course closes.');
    // Closing a course is archiving it; no page does that yet, so the test sets the status.
    await t.db.query(`UPDATE courses SET status = 'archived' WHERE slug = $1`, [slug]);
    expect(await revealed(me, slug, attemptId)).toEqual({ page: true, api: true, apiLeaks: true });
  });

  it('show= limits what the review holds', async () => {
    const slug = await course(91, 'review=immediately show=marks');
    const { me, attemptId } = await trainee(slug, 'failed, attempts left');
    const api = (await me.json('GET', `/api/v1/attempts/${attemptId}`)).json<{
      questions: Array<{ review: Review }>;
    }>();
    expect(api.questions[0].review).toMatchObject({ score: 0, answer: null, feedbackHtml: null });
    expect((await me.get(`/attempts/${attemptId}`)).text).not.toContain('FEEDBACK-SECRET');
  });

  it('says what the quiz asks before it starts, and teaches after it: marks, correct answers, what next', async () => {
    const slug = `${prefix}-teach`;
    await trainer.postForm('/authoring/courses', {
      title: slug,
      slug,
      summary: 'x',
      language: 'en',
      enrolmentMode: 'open',
    });
    await trainer.postForm(`/authoring/courses/${slug}/modules`, { title: 'Fee', slug: 'fee' });
    await trainer.postForm(`/authoring/courses/${slug}/modules`, { title: 'Readmission', slug: 'readmission' });
    const quiz = `::: quiz pass=100 attempts=2 time=10 review=immediately draw=2
1. What is the visa fee? {#fee}
   - [ ] €60
   - [x] €35
2. Which agreements entered into force in 2014? {#agreements}
   - [x] Visa facilitation
   - [x] Readmission
   - [ ] Partnership and cooperation
3. In which year? {#year}
   = 2014
:::`;
    const markdown = moduleWith('').replace(/::: quiz[\s\S]*:::\n/, `${quiz}\n`);
    expect((await trainer.json('PUT', `/api/v1/authoring/courses/${slug}/modules/fee`, { markdown })).status).toBe(200);
    await trainer.postForm(`/authoring/courses/${slug}/status`, { status: 'published' });
    const { email } = await createUser(t.db, ['trainee']);
    const me = t.client();
    await signIn(me, email, TEST_PASSWORD);
    await me.postForm(`/courses/${slug}/enrol`, {});

    const before = (await me.get(`/courses/${slug}/modules/fee/quiz`)).text;
    for (const fact of [
      'Before you start',
      '2 questions.',
      'Time limit: 10 minutes.',
      '2 attempts.',
      'Pass mark: 100 %.',
    ]) {
      expect(before).toContain(fact);
    }
    expect(before).toContain('Your grade for this quiz is your best attempt.');

    const started = await me.json('POST', `/api/v1/courses/${slug}/modules/fee/attempts`);
    const attempt = started.json<{
      attempt: { id: string; questions: Array<{ id: string; options?: Array<{ id: string; html: string }> }> };
    }>().attempt;
    const responses: Record<string, unknown> = {};
    for (const question of attempt.questions) {
      const option = (text: string) => question.options!.find((o) => o.html.includes(text))!.id;
      if (question.id === 'fee') responses.fee = option('60');
      if (question.id === 'agreements') responses.agreements = [option('Visa facilitation')];
      if (question.id === 'year') responses.year = '2014';
    }
    await me.json('POST', `/api/v1/attempts/${attempt.id}/submission`, { responses });
    const page = (await me.get(`/attempts/${attempt.id}`)).text;
    const expected: Record<string, string[]> = {
      fee: ['Incorrect: 0 of 1 points.', '€35'],
      agreements: ['Partly correct: 0.5 of 1 points.', 'Readmission'],
      year: ['Correct: 1 of 1 points.', '<li>2014</li>'],
    };
    for (const question of attempt.questions) for (const text of expected[question.id]) expect(page).toContain(text);
    expect(page).toContain('Correct answer:');
    expect(page).toContain('Pass mark: 100 %.');
    expect(page).toContain('Attempts used: 1 of 2.');
    expect(page).toContain('Try again');
    expect(page).toContain(`href="/courses/${slug}/modules/readmission"`);
    expect(page).toContain('Next module: Readmission');
  });

  it('shows trainers the item analysis as a page with an SVG chart, JSON and CSV, and refuses trainees', async () => {
    const slug = await course(92, 'review=immediately');
    const { me } = await trainee(slug, 'passed');
    await trainee(slug, 'failed, attempts left');
    const page = await trainer.get(`/courses/${slug}/modules/fee/item-analysis`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<svg');
    expect(page.text).toContain('From 2 graded attempts.');
    // Its axes in the reader's language, with a decimal comma in Russian.
    trainer.cookies.set('karvan_lang', 'ru');
    const inRussian = (await trainer.get(`/courses/${slug}/modules/fee/item-analysis`)).text;
    trainer.cookies.delete('karvan_lang');
    expect(inRussian).toContain('>Лёгкость</text>');
    expect(inRussian).toContain('>0,5</text>');
    const json = await trainer.json('GET', `/api/v1/courses/${slug}/modules/fee/item-analysis`);
    expect(json.json()).toMatchObject({ attempts: 2, items: [{ id: 'fee', asked: 2, facility: 0.5 }] });
    const csv = await trainer.get(`/courses/${slug}/modules/fee/item-analysis.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toContain('fee,1,,,2,,0.5,,');
    expect((await trainer.get(`/courses/${slug}/gradebook`)).text).toContain(
      `/courses/${slug}/modules/fee/item-analysis`,
    );
    for (const path of [
      `/courses/${slug}/modules/fee/item-analysis`,
      `/api/v1/courses/${slug}/modules/fee/item-analysis.csv`,
    ]) {
      expect((await me.get(path)).status).toBe(403);
    }
  });
});
