import { createUser, TEST_PASSWORD, type WebClient } from '@karvan/testing';
import { signIn, startTestApp, type TestApp } from './test-app.js';

const MODULE = `---
title: Visa facilitation
summary: The 2014 agreements.
objectives:
  - State the visa fee.
duration: 10
sources:
  - Official Journal of the European Union
---

## The fee

The fee is €35.

::: quiz pass=60 attempts=3 answers=after-submit
1. What is the visa fee? {#fee}
   - [ ] €60
   - [x] €35
   > FEEDBACK-FEE-SECRET
2. In which year did both agreements enter into force? {#year}
   = 2014
   > FEEDBACK-YEAR-SECRET
3. Match each agreement to its date of signature. {#match}
   - Visa facilitation -> 29 November 2013
   - Readmission -> 28 February 2014
:::
`;

interface View {
  id: string;
  questions: Array<{
    id: string;
    type: string;
    options?: Array<{ id: string; html: string }>;
    items?: Array<{ id: string; html: string }>;
    choices?: Array<{ id: string; html: string }>;
  }>;
}

describe('quizzes over HTTP', () => {
  let t: TestApp;
  let trainer: WebClient;
  const slug = `quiz-${Date.now().toString(36)}`;

  beforeAll(async () => {
    t = await startTestApp();
    const author = await createUser(t.db, ['trainer']);
    trainer = t.client();
    await signIn(trainer, author.email, TEST_PASSWORD);
    await trainer.postForm('/authoring/courses', {
      title: 'Quiz course',
      slug,
      summary: 'x',
      language: 'en',
      enrolmentMode: 'open',
    });
    await trainer.postForm(`/authoring/courses/${slug}/modules`, { title: 'Visa', slug: 'visa' });
    expect(
      (await trainer.json('PUT', `/api/v1/authoring/courses/${slug}/modules/visa`, { markdown: MODULE })).status,
    ).toBe(200);
    await trainer.postForm(`/authoring/courses/${slug}/status`, { status: 'published' });
  });
  afterAll(() => t.close());

  async function enrolledTrainee(): Promise<WebClient> {
    const { email } = await createUser(t.db, ['trainee']);
    const client = t.client();
    await signIn(client, email, TEST_PASSWORD);
    await client.postForm(`/courses/${slug}/enrol`, {});
    return client;
  }

  function rightAnswers(view: View) {
    const fee = view.questions.find((q) => q.id === 'fee')!;
    const match = view.questions.find((q) => q.id === 'match')!;
    const choice = (text: string) => match.choices!.find((c) => c.html.includes(text))!.id;
    return {
      fee: fee.options!.find((o) => o.html.includes('35'))!.id,
      year: '2014',
      match: {
        [match.items!.find((i) => i.html.includes('Visa'))!.id]: choice('29 November'),
        [match.items!.find((i) => i.html.includes('Readmission'))!.id]: choice('28 February'),
      },
    };
  }

  it('shows no answer key anywhere before submission, then grades once and shows feedback', async () => {
    const me = await enrolledTrainee();
    const started = await me.postForm(`/courses/${slug}/modules/visa/quiz`, {});
    expect(started.status).toBe(303);
    const page = await me.get(started.location!);
    const apiView = await me.json('GET', `/api/v1${started.location!}`);
    for (const text of [page.text, apiView.text, (await me.get(`/courses/${slug}/modules/visa`)).text]) {
      expect(text).not.toContain('FEEDBACK-FEE-SECRET');
      expect(text).not.toContain('FEEDBACK-YEAR-SECRET');
      expect(text).not.toMatch(/"(correct|accepted|pairs)"/);
    }
    const view = apiView.json<View>();
    const answers = rightAnswers(view);
    const form: Record<string, string> = { [`q-fee`]: answers.fee, [`q-year`]: '2014' };
    for (const [item, choice] of Object.entries(answers.match)) form[`m-match-${item}`] = choice;
    const submitted = await me.postForm(`/attempts/${view.id}`, form);
    expect(submitted.status).toBe(303);
    const result = await me.get(`/attempts/${view.id}`);
    expect(result.text).toContain('You scored 100 %');
    expect(result.text).toContain('FEEDBACK-FEE-SECRET');

    const replay = await me.json('POST', `/api/v1/attempts/${view.id}/submission`, { responses: {} });
    expect(replay.json()).toMatchObject({ alreadySubmitted: true, result: { percent: 100 } });
  });

  it('refuses to reveal the answer key of a blank attempt while attempts are left (HTML and JSON)', async () => {
    const me = await enrolledTrainee();
    const blank = (await me.json('POST', `/api/v1/courses/${slug}/modules/visa/attempts`)).json<{ attempt: View }>()
      .attempt;
    expect((await me.json('POST', `/api/v1/attempts/${blank.id}/submission`, { responses: {} })).status).toBe(200);
    const api = await me.json('GET', `/api/v1/attempts/${blank.id}`);
    const page = await me.get(`/attempts/${blank.id}`);
    for (const text of [api.text, page.text]) {
      expect(text).not.toContain('FEEDBACK-FEE-SECRET');
      expect(text).not.toContain('FEEDBACK-YEAR-SECRET');
      expect(text).not.toMatch(/"(correct|accepted|pairs)"/);
    }
    expect(api.json()).toMatchObject({ answersShown: false, answersHidden: 'pass-or-last' });
    expect(page.text).toContain('The review is shown once you pass or have no attempts left.');
  });

  it('refuses to grade an attempt after its owner left the course, saying why', async () => {
    const me = await enrolledTrainee();
    const view = (await me.json('POST', `/api/v1/courses/${slug}/modules/visa/attempts`)).json<{ attempt: View }>()
      .attempt;
    expect((await me.postForm(`/courses/${slug}/unenrol`, {})).status).toBe(303);
    const refused = await me.json('POST', `/api/v1/attempts/${view.id}/submission`, {
      responses: rightAnswers(view),
    });
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'quiz_submit_not_enrolled' } });
    const page = await me.postForm(`/attempts/${view.id}`, { 'q-year': '2014' });
    expect(page.status).toBe(403);
    expect(page.text).toContain('You are no longer enrolled in this course');
    expect((await me.json('GET', `/api/v1/attempts/${view.id}`)).json()).toMatchObject({ result: null });
  });

  it('fails with a wrong answer, passes on the next attempt, and completes the course', async () => {
    const me = await enrolledTrainee();
    await me.postForm(`/courses/${slug}/modules/visa/read`, {});
    const first = (await me.json('POST', `/api/v1/courses/${slug}/modules/visa/attempts`)).json<{ attempt: View }>()
      .attempt;
    const wrong = await me.json('POST', `/api/v1/attempts/${first.id}/submission`, { responses: { year: '1999' } });
    expect(wrong.json()).toMatchObject({ result: { passed: false }, completion: null });
    const second = (await me.json('POST', `/api/v1/courses/${slug}/modules/visa/attempts`)).json<{ attempt: View }>()
      .attempt;
    expect(second.id).not.toBe(first.id);
    const right = await me.json('POST', `/api/v1/attempts/${second.id}/submission`, {
      responses: rightAnswers(second),
    });
    expect(right.json()).toMatchObject({
      result: { passed: true },
      completion: { complete: true, newlyRecorded: true },
    });
    expect((await me.get('/learning')).text).toContain('Completed.');
  });

  it('gives partial credit and refuses answers that name options the question does not have', async () => {
    const me = await enrolledTrainee();
    const view = (await me.json('POST', `/api/v1/courses/${slug}/modules/visa/attempts`)).json<{ attempt: View }>()
      .attempt;
    const bad = await me.json('POST', `/api/v1/attempts/${view.id}/submission`, { responses: { fee: 'o99' } });
    expect(bad.status).toBe(400);
    const answers = rightAnswers(view);
    const half = Object.fromEntries(Object.entries(answers.match).slice(0, 1));
    const res = await me.json('POST', `/api/v1/attempts/${view.id}/submission`, {
      responses: { fee: answers.fee, match: half },
    });
    expect(res.json<{ result: { score: number } }>().result.score).toBeCloseTo(1.5);
  });

  it('never shows or accepts one trainee’s attempt for another (HTML and JSON)', async () => {
    const owner = await enrolledTrainee();
    const view = (await owner.json('POST', `/api/v1/courses/${slug}/modules/visa/attempts`)).json<{ attempt: View }>()
      .attempt;
    const other = await enrolledTrainee();
    expect((await other.get(`/attempts/${view.id}`)).status).toBe(404);
    expect((await other.json('GET', `/api/v1/attempts/${view.id}`)).status).toBe(404);
    expect((await other.postForm(`/attempts/${view.id}`, {})).status).toBe(404);
    expect((await other.json('POST', `/api/v1/attempts/${view.id}/submission`, { responses: {} })).status).toBe(404);
    expect((await t.client().json('GET', `/api/v1/attempts/${view.id}`)).status).toBe(401);
  });

  it('refuses a quiz to someone not enrolled, and stops at the attempt limit', async () => {
    const { email } = await createUser(t.db, ['trainee']);
    const outsider = t.client();
    await signIn(outsider, email, TEST_PASSWORD);
    expect((await outsider.json('POST', `/api/v1/courses/${slug}/modules/visa/attempts`)).status).toBe(403);
    const me = await enrolledTrainee();
    for (let i = 0; i < 3; i++) {
      const view = (await me.json('POST', `/api/v1/courses/${slug}/modules/visa/attempts`)).json<{ attempt: View }>()
        .attempt;
      await me.json('POST', `/api/v1/attempts/${view.id}/submission`, { responses: {} });
    }
    const fourth = await me.json('POST', `/api/v1/courses/${slug}/modules/visa/attempts`);
    expect(fourth.status).toBe(409);
    expect(fourth.json()).toMatchObject({ error: { code: 'attempts_used' } });
  });
});
