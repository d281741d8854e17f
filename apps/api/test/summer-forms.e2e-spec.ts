import { FORM, RUBRIC, apply, makeCohort, person } from './summer-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

/** The cohort form as a browser posts it: every value a string, the checkbox left out. */
function cohortForm(extra: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'Summer 2027',
    startsOn: '2027-07-05',
    endsOn: '2027-07-09',
    place: 'Baku',
    capacity: '5',
    opensAt: '2027-03-01T09:00',
    closesAt: '2027-04-01T18:00',
    eligibility: '',
    form: FORM,
    rubric: RUBRIC,
    quotas: '',
    courses: '',
    minAttendance: '80',
    ...extra,
  };
}

describe('summer-school forms and the JSON API validate alike', () => {
  let t: TestApp;
  let coordinator: Awaited<ReturnType<typeof person>>;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await person(t, ['trainee', 'coordinator'], 'Form Coordinator');
  });
  afterAll(() => t.close());

  const titleOf = async (cohortId: string) =>
    (await t.db.query<Array<{ title: string }>>('SELECT title FROM cohorts WHERE id = $1', [cohortId]))[0].title;

  it('refuses a cohort form with an unknown field instead of passing it on', async () => {
    const cohortId = await makeCohort(coordinator.client);
    const page = await coordinator.client.postForm(
      `/cohorts/${cohortId}`,
      cohortForm({ title: 'Renamed', owner: 'x' }),
    );
    expect(page.status).toBe(400);
    const api = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}`, {
      ...cohortForm({ title: 'Renamed' }),
      owner: 'x',
    });
    expect(api.status).toBe(400);
    expect(api.text).toContain('owner');
    expect(await titleOf(cohortId)).toBe('Summer 2027');
    // The same form without the stranger field is taken, strings and all.
    const saved = await coordinator.client.postForm(`/cohorts/${cohortId}`, cohortForm({ title: 'Renamed' }));
    expect(saved.status).toBe(303);
    expect(await titleOf(cohortId)).toBe('Renamed');
  });

  it('keeps what a coordinator typed when the cohort form has an error', async () => {
    const cohortId = await makeCohort(coordinator.client);
    const res = await coordinator.client.postForm(
      `/cohorts/${cohortId}`,
      cohortForm({ title: 'My typed edition', startsOn: '2027-07-09', endsOn: '2027-07-01' }),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('value="My typed edition"');
    expect(res.text).toContain('value="2027-07-01"');
    expect(res.text).toContain('Give the last day, on or after the first.');
    expect(await titleOf(cohortId)).toBe('Summer 2027');
  });

  it('keeps what a coordinator typed in a new cohort when the places are not a number', async () => {
    const programme = (await coordinator.client.json('POST', '/api/v1/programmes', { title: 'Typed Programme' })).json<{
      id: string;
    }>();
    const res = await coordinator.client.postForm(
      `/programmes/${programme.id}/cohorts`,
      cohortForm({ title: 'Half-typed edition', capacity: 'many' }),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('value="Half-typed edition"');
    expect(res.text).toContain('value="many"');
    const rows = await t.db.query('SELECT 1 FROM cohorts WHERE programme_id = $1', [programme.id]);
    expect(rows).toEqual([]);
  });

  it('refuses a session with a malformed start time with a message naming the field, storing nothing', async () => {
    const cohortId = await makeCohort(coordinator.client);
    // Without a "T", the time was read in the server's time zone rather than Baku's.
    const api = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/sessions`, {
      title: 'Opening',
      startsAt: '2027-07-05 09:00',
      endsAt: '2027-07-05T10:00',
    });
    expect(api.status).toBe(400);
    expect(JSON.stringify(api.json<{ error: { details: unknown } }>().error.details)).toContain('startsAt');
    const page = await coordinator.client.postForm(`/cohorts/${cohortId}/sessions`, {
      title: 'Opening talk',
      speaker: '',
      startsAt: '2027-07-05 09:00',
      endsAt: '2027-07-05T10:00',
      room: '',
      description: '',
    });
    expect(page.status).toBe(422);
    expect(page.text).toContain('value="Opening talk"');
    const rows = await t.db.query('SELECT 1 FROM cohort_sessions WHERE cohort_id = $1', [cohortId]);
    expect(rows).toEqual([]);
  });

  it('refuses a session outside the school’s dates, on the page and by the API, and moving one out of them', async () => {
    const cohortId = await makeCohort(coordinator.client); // 5 to 9 July 2027, in Baku
    const before = await coordinator.client.postForm(`/cohorts/${cohortId}/sessions`, {
      title: 'Too early',
      speaker: '',
      startsAt: '2027-07-04T23:30',
      endsAt: '2027-07-05T01:00',
      room: '',
      description: '',
    });
    expect(before.status).toBe(422);
    expect(before.text).toContain('A session takes place within the school’s dates.');
    const after = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/sessions`, {
      title: 'Too late',
      startsAt: '2027-07-09T23:00',
      endsAt: '2027-07-10T00:30',
    });
    expect(after.status).toBe(400);
    expect(Object.keys(after.json<{ error: { details: object } }>().error.details)).toEqual(['endsAt']);
    // The first and last hours of the school's days are inside it.
    const edge = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/sessions`, {
      title: 'Late night',
      startsAt: '2027-07-09T22:00',
      endsAt: '2027-07-09T23:59',
    });
    expect(edge.status).toBe(201);
    const moved = await coordinator.client.json('POST', `/api/v1/sessions/${edge.json<{ id: string }>().id}`, {
      title: 'Late night',
      startsAt: '2027-08-01T09:00',
      endsAt: '2027-08-01T10:00',
    });
    expect(moved.status).toBe(400);
    const rows = await t.db.query<Array<{ title: string }>>('SELECT title FROM cohort_sessions WHERE cohort_id = $1', [
      cohortId,
    ]);
    expect(rows).toEqual([{ title: 'Late night' }]);
  });

  it('refuses a staff role that does not exist instead of making the person a reviewer', async () => {
    const cohortId = await makeCohort(coordinator.client);
    const colleague = await person(t, ['trainee', 'coordinator'], 'Would-be Admin');
    const res = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/staff`, {
      email: colleague.email,
      role: 'admin',
    });
    expect(res.status).toBe(400);
    const grants = await t.db.query('SELECT 1 FROM grants WHERE user_id = $1 AND scope_id = $2', [
      colleague.userId,
      cohortId,
    ]);
    expect(grants).toEqual([]);
  });

  it('tells a cohort’s own staff they cannot apply, on its call, its form and their home page, instead of offering the form', async () => {
    const cohortId = await makeCohort(coordinator.client);
    const call = await coordinator.client.get(`/cohorts/${cohortId}`);
    expect(call.text).toContain('This cohort is one you review or coordinate, so you cannot apply to it.');
    expect(call.text).not.toContain(`href="/cohorts/${cohortId}/apply"`);
    const form = await coordinator.client.get(`/cohorts/${cohortId}/apply`);
    expect(form.text).toContain('This cohort is one you review or coordinate, so you cannot apply to it.');
    expect(form.text).not.toContain('name="a-motivation"');
    const home = await coordinator.client.get('/');
    expect(home.text).toContain('You review or coordinate it');
    expect(home.text).not.toContain(`href='/cohorts/${cohortId}/apply'`);
    // Anyone else is offered the form as before.
    const trainee = await person(t, ['trainee'], 'Would-be Applicant');
    expect((await trainee.client.get(`/cohorts/${cohortId}`)).text).toContain(`href="/cohorts/${cohortId}/apply"`);
    expect((await trainee.client.get(`/cohorts/${cohortId}/apply`)).text).toContain('name="a-motivation"');
  });

  it('refuses to make an applicant to the cohort one of its reviewers or coordinators, on the page and by the API', async () => {
    const cohortId = await makeCohort(coordinator.client);
    const applicant = await apply(t, cohortId, 'young_researcher', 'Hopeful Reviewer');
    const page = await coordinator.client.postForm(`/cohorts/${cohortId}/staff`, {
      email: applicant.email,
      role: 'reviewer',
    });
    expect(page.status).toBe(422);
    expect(page.text).toContain('This person has applied to this cohort, so they cannot review or coordinate it.');
    const api = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/staff`, {
      email: applicant.email,
      role: 'reviewer',
    });
    expect(api.status).toBe(400);
    expect(api.json<{ error: { code: string } }>().error.code).toBe('cohort_staff_applied');
    const grants = await t.db.query('SELECT 1 FROM grants WHERE user_id = $1 AND scope_id = $2', [
      applicant.userId,
      cohortId,
    ]);
    expect(grants).toEqual([]);
    // Once the application is withdrawn, nothing stands in the way.
    await t.db.query(`UPDATE applications SET status = 'withdrawn' WHERE id = $1`, [applicant.applicationId]);
    const later = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/staff`, {
      email: applicant.email,
      role: 'reviewer',
    });
    expect(later.status).toBe(200);
  });

  it('takes one ticked application from the ranking form, and refuses an id that is not one', async () => {
    const cohortId = await makeCohort(coordinator.client);
    const applicant = await apply(t, cohortId, 'young_researcher', 'Single Tick');
    const odd = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/decisions`, {
      ids: ['1 OR 1=1'],
      decision: 'accept',
    });
    expect(odd.status).toBe(400);
    const page = await coordinator.client.postForm(`/cohorts/${cohortId}/decisions`, {
      ids: applicant.applicationId,
      decision: 'accept',
    });
    expect(page.status).toBe(303);
    expect((await coordinator.client.get(page.location!)).text).toContain('1 application changed');
    const [{ status }] = await t.db.query<Array<{ status: string }>>('SELECT status FROM applications WHERE id = $1', [
      applicant.applicationId,
    ]);
    expect(status).toBe('accepted');
    // Nothing ticked: the page says what to do, not which parameter failed.
    const none = await coordinator.client.postForm(`/cohorts/${cohortId}/decisions`, { decision: 'reject' });
    expect(none.status).toBe(422);
    expect(none.text).toContain(
      '<a href="#ranking-caption">Tick at least one application in the table, then choose the decision.</a>',
    );
    expect(none.text).not.toContain('ids:');
  });

  it('refuses an application form with a field the form does not have, saving nothing', async () => {
    const cohortId = await makeCohort(coordinator.client);
    const applicant = await person(t, ['trainee'], 'Extra Field Applicant');
    const res = await applicant.client.postForm(`/cohorts/${cohortId}/apply`, {
      category: 'young_researcher',
      organisation: 'SMS',
      position: 'Specialist',
      'a-motivation': 'To learn.',
      status: 'accepted',
      action: 'save',
    });
    expect(res.status).toBe(400);
    expect((await applicant.client.json('GET', `/api/v1/cohorts/${cohortId}/application`)).json()).toBeNull();
    // Its answers, gathered from the a-* fields, reach the same DTO as the JSON API's.
    const saved = await applicant.client.postForm(`/cohorts/${cohortId}/apply`, {
      category: 'young_researcher',
      organisation: 'SMS',
      position: 'Specialist',
      'a-motivation': 'To learn.',
      'a-topics': ['Borders', 'Diaspora'],
      action: 'save',
    });
    expect(saved.status).toBe(303);
    const own = (await applicant.client.json('GET', `/api/v1/cohorts/${cohortId}/application`)).json<{
      answers: Record<string, unknown>;
    }>();
    expect(own.answers).toEqual({ motivation: 'To learn.', topics: ['Borders', 'Diaspora'] });
  });

  it('shows a review form’s errors on the review page it was sent from', async () => {
    const cohortId = await makeCohort(coordinator.client);
    const applicant = await apply(t, cohortId, 'young_researcher', 'Scored Applicant');
    const reviewer = await person(t, ['trainee'], 'Form Reviewer');
    await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/staff`, { email: reviewer.email });
    const res = await reviewer.client.postForm(`/applications/${applicant.applicationId}/review`, {
      back: `/cohorts/${cohortId}/review`,
      's-relevance': '99',
      's-motivation': '3',
      comment: '',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Scored Applicant');
    expect(res.text).toContain('error-summary');
    const rows = await t.db.query('SELECT 1 FROM application_reviews WHERE application_id = $1', [
      applicant.applicationId,
    ]);
    expect(rows).toEqual([]);
  });

  it('tells an applicant reading Azerbaijani what is missing in Azerbaijani, naming each field and linking to it', async () => {
    const cohortId = await makeCohort(coordinator.client);
    const applicant = await person(t, ['trainee'], 'Aysel Applicant');
    await t.db.query(`UPDATE users SET locale = 'az' WHERE id = $1`, [applicant.userId]);
    const res = await applicant.client.postForm(`/cohorts/${cohortId}/apply`, {
      category: 'young_researcher',
      organisation: 'DMX',
      position: 'Mütəxəssis',
      'a-motivation': '',
      action: 'submit',
    });
    expect(res.status).toBe(422);
    // Both required fields, each by its label, linked to its control, in the reader's language.
    expect(res.text).toContain('<a href="#a-motivation">Why do you want to attend?: Bu sahə mütləqdir.</a>');
    expect(res.text).toContain('<a href="#file-cv">Your CV: Bu sahə mütləqdir.</a>');
    expect(res.text).not.toContain('is required');
    // The JSON API says the same in the caller's language, by field.
    const api = await applicant.client.json('POST', `/api/v1/cohorts/${cohortId}/application/submit`, {
      category: 'young_researcher',
      answers: { visa: 'maybe' },
    });
    expect(api.status).toBe(400);
    expect(api.json<{ error: { details: Record<string, string> } }>().error.details).toMatchObject({
      motivation: 'Bu sahə mütləqdir.',
      cv: 'Bu sahə mütləqdir.',
      visa: '“Bəli” və ya “xeyr” cavabını seçin.',
    });
  });

  it('shows a yes/no answer to its reviewer in the reviewer’s language', async () => {
    const cohortId = await makeCohort(coordinator.client);
    await apply(t, cohortId, 'young_researcher', 'Visa Applicant');
    const reviewer = await person(t, ['trainee'], 'Russian Reviewer');
    await t.db.query(`UPDATE users SET locale = 'ru' WHERE id = $1`, [reviewer.userId]);
    await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/staff`, { email: reviewer.email });
    const page = await reviewer.client.get(`/cohorts/${cohortId}/review`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<dt>Will you need a visa?</dt><dd>нет</dd>');
  });

  it('takes a reviewer off the cohort from its page, who then reviews nothing; the API does the same', async () => {
    const cohortId = await makeCohort(coordinator.client);
    const applicant = await apply(t, cohortId, 'young_researcher', 'Staffed Applicant');
    const reviewer = await person(t, ['trainee'], 'Leaving Reviewer');
    await coordinator.client.postForm(`/cohorts/${cohortId}/staff`, { email: reviewer.email, role: 'reviewer' });
    const manage = await coordinator.client.get(`/cohorts/${cohortId}/manage`);
    expect(manage.text).toContain('aria-label="Remove Leaving Reviewer as reviewer"');
    const removed = await coordinator.client.postForm(`/cohorts/${cohortId}/staff/delete`, {
      userId: reviewer.userId,
      role: 'reviewer',
    });
    expect(removed.status).toBe(303);
    const after = await coordinator.client.get(removed.location!);
    expect(after.text).toContain('The person was taken off the cohort’s staff.');
    expect(after.text).not.toContain('Leaving Reviewer');
    expect((await reviewer.client.get(`/cohorts/${cohortId}/review`)).status).toBe(403);
    const review = await reviewer.client.json('POST', `/api/v1/applications/${applicant.applicationId}/review`, {
      scores: { relevance: 5, motivation: 3 },
    });
    expect(review.status).toBe(403);

    // By the API, and a second time: the role is no longer held.
    await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/staff`, { email: reviewer.email });
    const byApi = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/staff/delete`, {
      userId: reviewer.userId,
      role: 'reviewer',
    });
    expect(byApi.status).toBe(200);
    const again = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/staff/delete`, {
      userId: reviewer.userId,
      role: 'reviewer',
    });
    expect(again.status).toBe(404);
    // Nobody else's cohort: another coordinator cannot take this one's staff off.
    const stranger = await person(t, ['trainee', 'coordinator'], 'Other Coordinator');
    await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/staff`, { email: reviewer.email });
    const refused = await stranger.client.json('POST', `/api/v1/cohorts/${cohortId}/staff/delete`, {
      userId: reviewer.userId,
      role: 'reviewer',
    });
    expect(refused.status).toBe(403);
  });
});
