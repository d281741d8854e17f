import { apply, makeCohort, person } from './summer-helpers.js';
import { certificateCourse, completeCourse, waitFor } from './certificate-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

/** One test per finding of the outside check, named after what it prevents. */
describe('permissions an outside check found missing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  function certificateOf(userId: string): Promise<string> {
    return waitFor('the certificate', async () => {
      const [row] = await t.db.query<Array<{ id: string }>>('SELECT id FROM certificates WHERE user_id = $1', [userId]);
      return row?.id;
    });
  }

  it('refuses a coordinator the certificates, gradebook and enrolments of a course they hold no grant on', async () => {
    const slug = await certificateCourse(t, 'Someone else’s course');
    const holder = await completeCourse(t, slug, 'Demo Trainee');
    const certificateId = await certificateOf(holder.userId);
    const { client: coordinator } = await person(t, ['trainee', 'coordinator'], 'Second Coordinator');
    expect((await coordinator.get(`/certificates/${certificateId}/certificate.pdf`)).status).toBe(404);
    expect(
      (await coordinator.json('POST', `/api/v1/certificates/${certificateId}/revoke`, { reason: 'x' })).status,
    ).toBe(403);
    expect((await coordinator.json('POST', `/api/v1/certificates/${certificateId}/reissue`)).status).toBe(403);
    expect((await coordinator.get(`/courses/${slug}/gradebook`)).status).toBe(403);
    expect((await coordinator.get(`/courses/${slug}/gradebook.csv`)).status).toBe(403);
    const bulk = await coordinator.json('POST', `/api/v1/courses/${slug}/enrolments/bulk`, { csv: 'me@karvan.test' });
    expect(bulk.status).toBe(403);
    const [row] = await t.db.query<Array<{ revoked_at: Date | null; revision: number }>>(
      'SELECT revoked_at, revision FROM certificates WHERE id = $1',
      [certificateId],
    );
    expect(row).toEqual({ revoked_at: null, revision: 1 });
  });

  it('refuses to link a course to a cohort when that would bypass the course’s own enrolment rule', async () => {
    const { client: author } = await person(t, ['trainee', 'trainer'], 'Key Course Author');
    const slug = `key-${Date.now().toString(36)}`;
    await author.postForm('/authoring/courses', {
      title: 'Key course',
      slug,
      summary: 'S.',
      language: 'en',
      enrolmentMode: 'key',
    });
    const { client: coordinator } = await person(t, ['trainee', 'coordinator'], 'Linking Coordinator');
    const cohortId = await makeCohort(coordinator);
    const linked = await coordinator.json('POST', `/api/v1/cohorts/${cohortId}`, {
      title: 'Summer 2027',
      startsOn: '2027-07-05',
      endsOn: '2027-07-09',
      capacity: 2,
      opensAt: new Date(Date.now() - 3600_000).toISOString(),
      closesAt: new Date(Date.now() + 3600_000).toISOString(),
      courses: [slug],
    });
    expect(linked.status).toBe(400);
    expect(linked.text).toContain(slug);
    const rows = await t.db.query('SELECT 1 FROM cohort_courses WHERE cohort_id = $1', [cohortId]);
    expect(rows).toEqual([]);
  });

  it('ends cohort access on the next request once an admin removes the coordinator role', async () => {
    const coordinator = await person(t, ['trainee', 'coordinator'], 'Demoted Coordinator');
    const cohortId = await makeCohort(coordinator.client);
    await apply(t, cohortId, 'young_researcher', 'Applicant For Review');
    const [{ id: applicationId }] = await t.db.query<Array<{ id: string }>>(
      'SELECT id FROM applications WHERE cohort_id = $1',
      [cohortId],
    );
    expect((await coordinator.client.json('GET', `/api/v1/cohorts/${cohortId}/reviews`)).status).toBe(200);
    const admin = await person(t, ['trainee', 'admin'], 'Demoting Admin');
    const demoted = await admin.client.json('PUT', `/api/v1/admin/users/${coordinator.userId}/roles`, {
      roles: ['trainee'],
    });
    expect(demoted.status).toBe(200);
    expect((await coordinator.client.json('GET', `/api/v1/cohorts/${cohortId}/reviews`)).status).toBe(403);
    expect((await coordinator.client.get(`/applications/${applicationId}/files/cv`)).status).toBe(404);
    const review = await coordinator.client.json('POST', `/api/v1/applications/${applicationId}/review`, {
      scores: { relevance: 10, motivation: 5 },
    });
    expect(review.status).toBe(403);
    expect(await t.db.query('SELECT 1 FROM application_reviews WHERE application_id = $1', [applicationId])).toEqual(
      [],
    );
    const audit = await admin.client.json('GET', '/api/v1/admin/access/audit');
    const entries = audit.json<{
      entries: Array<{ action: string; subject: string; before: { role: string } | null }>;
    }>().entries;
    expect(
      entries.filter((e) => e.subject === coordinator.email && e.action === 'revoke').map((e) => e.before?.role),
    ).toEqual(['cohort_coordinator', 'coordinator']);
  });

  it('refuses a coordinator applying to their own cohort, and reviewing or deciding their own application', async () => {
    const coordinator = await person(t, ['trainee', 'coordinator'], 'Self-Selecting Coordinator');
    const cohortId = await makeCohort(coordinator.client);
    const own = await coordinator.client.json('PUT', `/api/v1/cohorts/${cohortId}/application`, {
      category: 'official',
      answers: { motivation: 'Me.' },
    });
    expect(own.status).toBe(403);
    // An application made before the person joined the staff is still theirs to neither score nor decide.
    const applicant = await apply(t, cohortId, 'official', 'Later Co-coordinator');
    await t.db.query(`INSERT INTO grants (user_id, role, scope_kind) VALUES ($1, 'coordinator', 'site')`, [
      applicant.userId,
    ]);
    const applicationId = applicant.applicationId;
    // The staff form refuses an applicant; a grant given another way (an organisation's role, a
    // direct grant) still gives no say over their own application.
    const refused = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/staff`, {
      email: applicant.email,
      role: 'coordinator',
    });
    expect(refused.status).toBe(400);
    await t.db.query(
      `INSERT INTO grants (user_id, role, scope_kind, scope_id) VALUES ($1, 'cohort_coordinator', 'cohort', $2)`,
      [applicant.userId, cohortId],
    );
    const score = await applicant.client.json('POST', `/api/v1/applications/${applicationId}/review`, {
      scores: { relevance: 10, motivation: 5 },
    });
    expect(score.status).toBe(403);
    const decision = await applicant.client.json('POST', `/api/v1/cohorts/${cohortId}/decisions`, {
      ids: [applicationId],
      decision: 'accept',
    });
    expect(decision.json<{ changed: string[] }>().changed).toEqual([]);
    const [{ status }] = await t.db.query<Array<{ status: string }>>('SELECT status FROM applications WHERE id = $1', [
      applicationId,
    ]);
    expect(status).toBe('submitted');
  });

  it('shows a cohort coordinator the gradebook of a linked course for their members only', async () => {
    const slug = await certificateCourse(t, 'A linked course');
    const coordinator = await person(t, ['trainee', 'coordinator'], 'Linked Coordinator');
    const cohortId = await makeCohort(coordinator.client, { courses: [slug] });
    const member = await apply(t, cohortId, 'young_researcher', 'Member Of The Cohort');
    const decided = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/decisions`, {
      ids: [member.applicationId],
      decision: 'accept',
    });
    expect(decided.json<{ changed: string[] }>().changed).toEqual([member.applicationId]);
    expect((await member.client.json('POST', `/api/v1/applications/${member.applicationId}/confirm`)).status).toBe(200);
    const outsider = await completeCourse(t, slug, 'Not A Member');

    const book = await coordinator.client.json('GET', `/api/v1/courses/${slug}/gradebook`);
    expect(book.status).toBe(200);
    expect(book.json<{ rows: Array<{ name: string }> }>().rows.map((r) => r.name)).toEqual(['Member Of The Cohort']);
    expect(book.text).not.toContain(outsider.email);
    // The course's certificates page lists every completion, not only the cohort's: the gradebook
    // links to it only for those who may open it.
    expect(book.json<{ canManageCertificates: boolean }>().canManageCertificates).toBe(false);
    const page = await coordinator.client.get(`/courses/${slug}/gradebook`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(`href="/courses/${slug}/certificates"`);
    expect((await coordinator.client.get(`/courses/${slug}/certificates`)).status).toBe(403);

    const other = await person(t, ['trainee', 'coordinator'], 'Unlinked Coordinator');
    await makeCohort(other.client);
    expect((await other.client.json('GET', `/api/v1/courses/${slug}/gradebook`)).status).toBe(403);
  });
});
