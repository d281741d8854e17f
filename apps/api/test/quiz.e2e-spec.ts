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

const ESSAY_MODULE = `---
title: Readmission
summary: Requests.
objectives:
  - Prepare a request.
duration: 10
sources:
  - The 2014 agreement
---

## Requests

Text.

::: quiz pass=50 attempts=2
1. Which body is the single window? {#body}
   = SMS

2. Describe how a readmission request is prepared. {#essay}
   = [essay points=4 file]
   - [3] Names the authorities
   - [1] Gives the time limits
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
  const essaySlug = `${slug}-essay`;

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
    await trainer.postForm('/authoring/courses', {
      title: 'Essay course',
      slug: essaySlug,
      summary: 'x',
      language: 'en',
      enrolmentMode: 'open',
    });
    await trainer.postForm(`/authoring/courses/${essaySlug}/modules`, { title: 'Readmission', slug: 'readmission' });
    expect(
      (
        await trainer.json('PUT', `/api/v1/authoring/courses/${essaySlug}/modules/readmission`, {
          markdown: ESSAY_MODULE,
        })
      ).status,
    ).toBe(200);
    await trainer.postForm(`/authoring/courses/${essaySlug}/status`, { status: 'published' });
  });
  afterAll(() => t.close());

  async function enrolledTrainee(course = slug): Promise<WebClient> {
    const { email } = await createUser(t.db, ['trainee']);
    const client = t.client();
    await signIn(client, email, TEST_PASSWORD);
    await client.postForm(`/courses/${course}/enrol`, {});
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
    // A refusal is headed as one, and a missing page as missing: neither is "something went wrong".
    expect(page.text).toContain('<h1>Not allowed</h1>');
    const missing = await me.get(`/courses/${slug}/modules/no-such-module`);
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('<h1>Not found</h1>');
    expect((await me.json('GET', `/api/v1/attempts/${view.id}`)).json()).toMatchObject({ result: null });
  });

  it('answers a form sent after the time ran out with the attempt’s page, which says so and leads on', async () => {
    const me = await enrolledTrainee();
    const view = (await me.json('POST', `/api/v1/courses/${slug}/modules/visa/attempts`)).json<{ attempt: View }>()
      .attempt;
    await t.db.query(`UPDATE quiz_attempts SET deadline = now() - interval '5 minutes' WHERE id = $1`, [view.id]);
    const late = await me.postForm(`/attempts/${view.id}`, { 'q-year': '2014' });
    expect(late.status).toBe(303);
    expect(late.location).toBe(`/attempts/${view.id}`);
    const page = (await me.get(late.location!)).text;
    expect(page).toContain('The time for this attempt ran out; it was not graded.');
    expect(page).toContain(`href="/courses/${slug}/modules/visa/quiz"`);
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

  it('keeps an essay waiting for the course’s trainers, who grade it once to complete the course', async () => {
    const me = await enrolledTrainee(essaySlug);
    await me.postForm(`/courses/${essaySlug}/modules/readmission/read`, {});
    const started = await me.postForm(`/courses/${essaySlug}/modules/readmission/quiz`, {});
    const form = await me.get(started.location!);
    expect(form.text).toContain('enctype="multipart/form-data"');
    const id = started.location!.split('/').pop()!;
    const typed = 'First <b>the request</b>.\nThen the answer.';
    // A program renamed .pdf is refused, and the form comes back with what was typed.
    const refused = await me.postMultipart(`/attempts/${id}`, { 'q-body': 'SMS', 'q-essay': typed }, [
      { field: 'file-essay', fileName: 'notes.pdf', type: 'application/pdf', bytes: Buffer.from('MZ not a pdf') },
    ]);
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/First &lt;b&gt;the request&lt;\/b&gt;\.\r?\nThen the answer\./);
    expect(refused.text).toContain('href="#file-essay"');
    const pdf = Buffer.from('%PDF-1.4\n% essay notes\n');
    const sent = await me.postMultipart(`/attempts/${id}`, { 'q-body': 'SMS', 'q-essay': typed }, [
      { field: 'file-essay', fileName: 'notes.pdf', type: 'application/pdf', bytes: pdf },
    ]);
    expect(sent.status).toBe(303);
    const waiting = await me.get(`/attempts/${id}`);
    expect(waiting.text).toContain('A trainer grades your essay');
    expect(waiting.text).not.toMatch(/You scored|not passed|You passed/);
    expect((await me.json('GET', `/api/v1/attempts/${id}`)).json()).toMatchObject({
      result: { awaitingGrading: true, score: null, percent: null, passed: null },
    });
    expect((await me.get(`/attempts/${id}/files/essay`)).bytes.equals(pdf)).toBe(true);
    expect((await me.get('/learning')).text).not.toContain('Completed.');

    // The trainee and another course's trainer are refused; points out of range are a 400 that says why.
    const grade = (client: WebClient, body: object) =>
      client.json('POST', `/api/v1/attempts/${id}/essays/essay/grade`, body);
    expect((await grade(me, { points: 4 })).status).toBe(403);
    const stranger = await createUser(t.db, ['trainer']);
    const strangerClient = t.client();
    await signIn(strangerClient, stranger.email, TEST_PASSWORD);
    await strangerClient.postForm('/authoring/courses', {
      title: 'Other',
      slug: `${slug}-other`,
      summary: 'x',
      language: 'en',
      enrolmentMode: 'open',
    });
    expect((await grade(strangerClient, { points: 4 })).status).toBe(403);
    expect((await strangerClient.get(`/attempts/${id}/grading`)).status).toBe(403);
    const tooMany = await grade(trainer, { points: 9 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json()).toMatchObject({
      error: { code: 'essay_grade_invalid', message: expect.stringContaining('from 0 to 4') },
    });

    const list = await trainer.json('GET', `/api/v1/courses/${essaySlug}/grading`);
    expect(list.json<{ attempts: Array<{ attemptId: string }> }>().attempts.map((a) => a.attemptId)).toContain(id);
    expect((await trainer.get('/')).text).toContain('1 attempt to grade');
    const page = await trainer.get(`/attempts/${id}/grading`);
    // Escaped, its line breaks kept (the page shows them with white-space: pre-wrap).
    expect(page.text).toContain('First &lt;b&gt;the request&lt;/b&gt;.\nThen the answer.');
    expect((await trainer.get(`/attempts/${id}/grading/files/essay`)).bytes.equals(pdf)).toBe(true);
    const bad = await trainer.postForm(`/attempts/${id}/grading/essay`, { points: 'lots', feedback: 'Good.' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#essay-points"');
    // A decimal comma, as az and ru write it: 1 + 3,5 of 5 points.
    const saved = await trainer.postForm(`/attempts/${id}/grading/essay`, {
      points: '3,5',
      'criterion-c1': '3',
      'criterion-c2': '0,5',
      feedback: 'Clear steps.\nCite the article.',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/attempts/${id}/grading?saved=final`);
    const result = await me.get(`/attempts/${id}`);
    expect(result.text).toContain('You scored 90 %');
    expect((await me.get('/learning')).text).toContain('Completed.');

    // Grading again changes the score, and both grades are in the audit.
    const again = await grade(trainer, { points: 2, feedback: 'On reflection.' });
    expect(again.json()).toMatchObject({ attemptGraded: false, grading: { score: 3, percent: 60, passed: true } });
    const audit = await t.db.query<Array<{ new_score: string }>>(
      `SELECT new_score FROM grade_changes WHERE attempt_id = $1 AND kind = 'essay' ORDER BY created_at`,
      [id],
    );
    expect(audit.map((row) => Number(row.new_score))).toEqual([3.5, 2]);
    const mails = await t.db.query<unknown[]>(`SELECT 1 FROM outbox_emails WHERE dedupe_key = $1`, [
      `attempt-graded:${id}`,
    ]);
    expect(mails).toHaveLength(1);
  });
});
