import { apply, makeCohort, person } from './summer-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

/**
 * The coordinator's home reads every cohort a person staffs at once (not one cohort at a time):
 * what still waits for their review, and today's sessions of the cohorts they coordinate.
 */
describe("the coordinator's home", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("counts each reviewer's own queue and lists today's sessions of the cohorts they coordinate only", async () => {
    const lead = await person(t, ['coordinator'], 'Home Lead');
    const colleague = await person(t, ['coordinator'], 'Home Colleague');
    const tag = Date.now().toString(36);
    const led = await makeCohort(lead.client, { title: `Led ${tag}`, requireCourses: false });
    const reviewed = await makeCohort(colleague.client, { title: `Reviewed ${tag}`, requireCourses: false });
    const elsewhere = await makeCohort(colleague.client, { title: `Elsewhere ${tag}`, requireCourses: false });
    const asReviewer = await colleague.client.json('POST', `/api/v1/cohorts/${reviewed}/staff`, {
      email: lead.email,
      role: 'reviewer',
    });
    expect(asReviewer.status).toBe(200);

    // Led: three applications, one already scored by the lead; the others one each.
    const scored = await apply(t, led, 'young_researcher', 'Scored Applicant');
    await apply(t, led, 'young_researcher', 'Waiting One');
    await apply(t, led, 'young_researcher', 'Waiting Two');
    await apply(t, reviewed, 'young_researcher', 'Reviewed Applicant');
    await apply(t, elsewhere, 'young_researcher', 'Elsewhere Applicant');
    const score = await lead.client.json('POST', `/api/v1/applications/${scored.applicationId}/review`, {
      scores: { relevance: 7, motivation: 4 },
    });
    expect(score.status).toBe(200);

    const session = async (client: typeof lead.client, cohortId: string, title: string, startsIn: string) => {
      const made = await client.json('POST', `/api/v1/cohorts/${cohortId}/sessions`, {
        title,
        startsAt: '2027-07-05T09:00',
        endsAt: '2027-07-05T10:00',
      });
      expect(made.status).toBe(201);
      const id = made.json<{ id: string }>().id;
      await t.db.query(
        `UPDATE cohort_sessions SET starts_at = now() + $2::interval, ends_at = now() + $2::interval + interval '1 hour'
         WHERE id = $1`,
        [id, startsIn],
      );
      return id;
    };
    const now = await session(lead.client, led, `Under way ${tag}`, '0 minutes');
    const later = await session(lead.client, led, `In two days ${tag}`, '48 hours');
    const cancelled = await session(lead.client, led, `Cancelled ${tag}`, '0 minutes');
    expect((await lead.client.json('POST', `/api/v1/sessions/${cancelled}/delete`)).status).toBe(200);
    const reviewersOnly = await session(colleague.client, reviewed, `Not the lead's ${tag}`, '0 minutes');
    const notTheirs = await session(colleague.client, elsewhere, `Elsewhere ${tag}`, '0 minutes');

    const home = await lead.client.get('/');
    expect(home.status).toBe(200);
    // The section of the cohorts they staff (the open calls, further down, list every cohort).
    const staffed = section(home.text);
    const waiting = (cohortId: string, count: string) =>
      `<a href='/cohorts/${cohortId}/review?filter=unreviewed'>${count} waiting for your review`;
    expect(staffed).toContain(waiting(led, '2 applications'));
    expect(staffed).toContain(waiting(reviewed, '1 application'));
    expect(staffed).not.toContain(elsewhere);
    expect(staffed).toContain(`<a href='/sessions/${now}/register'>`);
    for (const id of [later, cancelled, reviewersOnly, notTheirs]) expect(home.text).not.toContain(`/sessions/${id}/`);

    // Once the lead has scored both, nothing waits in their cohort.
    for (const id of await unscored(t, led, lead.userId)) {
      await lead.client.json('POST', `/api/v1/applications/${id}/review`, { scores: { relevance: 5, motivation: 5 } });
    }
    const after = section((await lead.client.get('/')).text);
    expect(after).not.toContain(`/cohorts/${led}/review?filter=unreviewed`);
    expect(after).toContain(waiting(reviewed, '1 application'));
  });
});

function section(page: string): string {
  const start = page.indexOf("aria-labelledby='home-cohorts'");
  expect(start).toBeGreaterThan(-1);
  return page.slice(start, page.indexOf('</section>', start));
}

async function unscored(t: TestApp, cohortId: string, reviewerId: string): Promise<string[]> {
  const rows = await t.db.query<Array<{ id: string }>>(
    `SELECT a.id FROM applications a WHERE a.cohort_id = $1 AND a.status = 'submitted'
       AND NOT EXISTS (SELECT 1 FROM application_reviews r WHERE r.application_id = a.id AND r.reviewer_id = $2)`,
    [cohortId, reviewerId],
  );
  return rows.map((row) => row.id);
}
