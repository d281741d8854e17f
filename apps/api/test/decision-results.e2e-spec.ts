import { beginSessions } from '@karvan/testing';
import { apply, makeCohort, person } from './summer-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

describe('decision results after post/redirect/get', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('names who was refused and why, and reloading the result decides nothing again', async () => {
    const coordinator = await person(t, ['trainee', 'coordinator'], 'Result Coordinator');
    const cohortId = await makeCohort(coordinator.client, { capacity: 2 });
    const ids: string[] = [];
    for (const name of ['Aygün Rüstəmova', 'Tural Həsənli', 'Leyla Cəfərova']) {
      await apply(t, cohortId, 'young_researcher', name);
      const [row] = await t.db.query<Array<{ id: string }>>(
        `SELECT a.id FROM applications a JOIN users u ON u.id = a.user_id WHERE a.cohort_id = $1 AND u.name = $2`,
        [cohortId, name],
      );
      ids.push(row.id);
    }
    const decided = await coordinator.client.postForm(`/cohorts/${cohortId}/decisions`, {
      ids,
      decision: 'accept',
    });
    expect(decided.status).toBe(303);
    const events = async () =>
      (
        await t.db.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM application_events e JOIN applications a ON a.id = e.application_id
           WHERE a.cohort_id = $1`,
          [cohortId],
        )
      )[0].n;
    const before = await events();
    for (let i = 0; i < 2; i++) {
      const page = await coordinator.client.get(decided.location!);
      expect(page.status).toBe(200);
      expect(page.text).toContain('2 applications changed');
      expect(page.text).toContain('<strong>Leyla Cəfərova</strong>: the cohort is full (2 places).');
    }
    expect(await events()).toBe(before);

    // Rejecting an accepted application is refused for its status, in the reader's language.
    await coordinator.client.postForm('/language', { locale: 'ru' });
    const again = await coordinator.client.postForm(`/cohorts/${cohortId}/decisions`, {
      ids: ids[0],
      decision: 'reject',
    });
    const text = (await coordinator.client.get(again.location!)).text;
    expect(text).toContain('<strong>Aygün Rüstəmova</strong>: её состояние');

    // A made-up result in the address names nobody it cannot find, and breaks nothing.
    const odd = await coordinator.client.get(
      `/cohorts/${cohortId}/ranking?decided=accept&changed=0&refused=00000000-0000-4000-8000-000000000000:full`,
    );
    expect(odd.status).toBe(200);
    expect((await coordinator.client.get(`/cohorts/${cohortId}/ranking?refused=nonsense`)).status).toBe(400);
  });

  it('asks before withdrawing, on a page of its own, and only the applicant', async () => {
    const coordinator = await person(t, ['trainee', 'coordinator'], 'Ask Coordinator');
    const cohortId = await makeCohort(coordinator.client, { title: 'Ask first cohort' });
    const applicant = await apply(t, cohortId, 'young_researcher', 'Orxan Vəliyev');
    const [{ id }] = await t.db.query<Array<{ id: string }>>('SELECT id FROM applications WHERE cohort_id = $1', [
      cohortId,
    ]);
    const status = async () =>
      (await t.db.query<Array<{ status: string }>>('SELECT status FROM applications WHERE id = $1', [id]))[0].status;

    const list = await applicant.client.get('/applications');
    expect(list.text).toContain(`href="/applications/${id}/withdraw"`);
    expect(list.text).not.toContain(`action="/applications/${id}/withdraw"`);
    const question = await applicant.client.get(`/applications/${id}/withdraw`);
    expect(question.status).toBe(200);
    expect(question.text).toContain('Withdraw your application to Ask first cohort?');
    expect(await status()).toBe('submitted');
    expect((await coordinator.client.get(`/applications/${id}/withdraw`)).status).toBe(404);
    expect((await applicant.client.get(`/applications/${id}/confirm`)).status).toBe(404);

    const done = await applicant.client.postForm(`/applications/${id}/withdraw`, {});
    expect(done.status).toBe(303);
    expect(await status()).toBe('withdrawn');
    const result = await applicant.client.get(done.location!);
    expect(result.text).toContain('Your application was withdrawn.');
    expect(result.text).not.toContain(`href="/applications/${id}/withdraw"`);
  });
});

describe('coordinator forms say what they did, and keep what was typed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('confirms a saved register, and refuses a session ending before it starts with a field error', async () => {
    const coordinator = await person(t, ['trainee', 'coordinator'], 'Register Coordinator');
    const cohortId = await makeCohort(coordinator.client);
    const wrong = await coordinator.client.postForm(`/cohorts/${cohortId}/sessions`, {
      title: 'Border data workshop',
      speaker: 'Dr. Məmmədov',
      startsAt: '2027-07-06T14:00',
      endsAt: '2027-07-06T13:00',
      room: 'Hall B',
      description: '',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('value="Border data workshop"');
    expect(wrong.text).toContain('value="Hall B"');
    expect(wrong.text).not.toContain('Something went wrong');

    const added = await coordinator.client.postForm(`/cohorts/${cohortId}/sessions`, {
      title: 'Border data workshop',
      speaker: '',
      startsAt: '2027-07-06T14:00',
      endsAt: '2027-07-06T15:00',
      room: 'Hall B',
      description: '',
    });
    expect(added.status).toBe(303);
    expect((await coordinator.client.get(added.location!)).text).toContain('The session was added to the timetable.');
    const [{ id }] = await t.db.query<Array<{ id: string }>>('SELECT id FROM cohort_sessions WHERE cohort_id = $1', [
      cohortId,
    ]);
    // Before it begins, the register says when it opens and offers nothing to mark; a form sent
    // anyway (a page left open from before) is refused and marks nothing.
    const early = await coordinator.client.get(`/sessions/${id}/register`);
    expect(early.text).toContain('This session has not started yet. Its register opens at');
    expect(early.text).not.toContain('Mark everyone present');
    const refused = await coordinator.client.postForm(`/sessions/${id}/register`, { allPresent: 'true' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('its register opens half an hour before the start');
    expect(await t.db.query('SELECT 1 FROM attendance WHERE session_id = $1', [id])).toEqual([]);

    await beginSessions(t.db, [id]);
    const marked = await coordinator.client.postForm(`/sessions/${id}/register`, { allPresent: 'true' });
    expect(marked.status).toBe(303);
    expect((await coordinator.client.get(marked.location!)).text).toContain('The register was saved.');
  });
});

describe('the review queue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('counts and filters what I have not reviewed yet', async () => {
    const coordinator = await person(t, ['trainee', 'coordinator'], 'Queue Coordinator');
    const cohortId = await makeCohort(coordinator.client);
    await apply(t, cohortId, 'young_researcher', 'Səmər Əlizadə');
    await apply(t, cohortId, 'young_researcher', 'Kənan Mirzəyev');
    const first = await coordinator.client.get(`/cohorts/${cohortId}/review`);
    expect(first.text).toContain('Not yet reviewed by me (2)');
    const [{ id }] = await t.db.query<Array<{ id: string }>>(
      `SELECT a.id FROM applications a JOIN users u ON u.id = a.user_id WHERE u.name = 'Səmər Əlizadə' AND a.cohort_id = $1`,
      [cohortId],
    );
    const saved = await coordinator.client.postForm(`/applications/${id}/review`, {
      's-relevance': '7',
      's-motivation': '4',
      comment: 'Clear.',
      back: `/cohorts/${cohortId}/review`,
    });
    expect(saved.status).toBe(303);
    const after = await coordinator.client.get(saved.location!);
    expect(after.text).toContain('Your scores were saved.');
    expect(after.text).toContain('Reviewed by me (1)');
    const open = await coordinator.client.get(`/cohorts/${cohortId}/review?filter=unreviewed`);
    expect(open.text).toContain('Kənan Mirzəyev');
    expect(open.text).not.toContain('<h2 id="app-' + id);
    const done = await coordinator.client.get(`/cohorts/${cohortId}/review?filter=reviewed`);
    expect(done.text).toContain('Səmər Əlizadə');
    expect(done.text).not.toContain('Kənan Mirzəyev');
  });
});
