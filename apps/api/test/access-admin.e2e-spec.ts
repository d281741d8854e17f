import { randomUUID } from 'node:crypto';
import { certificateCourse } from './certificate-helpers.js';
import { person } from './summer-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

/** Admins manage organisations and grants in the browser; every change is audited. */
describe('grants in the admin pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('gives an organisation manager a course through the organisation, takes it back at once, and audits both', async () => {
    const admin = await person(t, ['trainee', 'admin'], 'Access Admin');
    const manager = await person(t, ['trainee'], 'Incoming Manager');
    const slug = await certificateCourse(t, 'Border procedures');
    const orgSlug = `sbs-${randomUUID().slice(0, 8)}`;

    const created = await admin.client.postForm('/admin/organisations', {
      name: 'State Border Service',
      slug: orgSlug,
    });
    expect(created.status).toBe(303);
    const orgPath = created.location!;
    expect(orgPath).toMatch(/^\/admin\/access\/organisation\/[0-9a-f-]{36}$/);
    expect((await admin.client.postForm(`${orgPath}/attach`, { kind: 'course', target: slug })).status).toBe(303);
    expect((await manager.client.get(`/courses/${slug}/gradebook`)).status).toBe(403);

    const granted = await admin.client.postForm(`${orgPath}/grants`, {
      email: manager.email,
      role: 'organisation_manager',
    });
    expect(granted.status).toBe(303);
    const page = await admin.client.get(orgPath);
    expect(page.text).toContain('Incoming Manager');
    expect(page.text).toContain('Organisation manager');
    expect((await manager.client.get(`/courses/${slug}/gradebook`)).status).toBe(200);

    const revoked = await admin.client.postForm(`${orgPath}/grants/revoke`, {
      userId: manager.userId,
      role: 'organisation_manager',
    });
    expect(revoked.status).toBe(303);
    expect((await manager.client.get(`/courses/${slug}/gradebook`)).status).toBe(403);

    const audit = await admin.client.get('/admin/access/audit.csv');
    expect(audit.headers.get('content-type')).toContain('text/csv');
    const lines = audit.text.split('\n').filter((line) => line.includes(manager.email));
    expect(lines.some((l) => l.includes(',grant,') && l.includes('organisation_manager'))).toBe(true);
    expect(lines.some((l) => l.includes(',revoke,') && l.includes('organisation_manager'))).toBe(true);
    // The export and the page name the organisation, which an id alone would leave to be looked up.
    const managerLines = lines.filter((l) => l.includes('organisation_manager'));
    expect(managerLines).toHaveLength(2);
    expect(managerLines.every((l) => l.includes('State Border Service'))).toBe(true);
    const log = await admin.client.get('/admin/access/audit');
    const row = log.text.split('<tr>').find((r) => r.includes(manager.email) && r.includes('Role given'));
    expect(row).toContain(`Organisation manager · Organisation: <a href="${orgPath}">State Border Service</a>`);
  });

  it('refuses a role on a scope it does not fit, and a grant to an unknown address, with a message', async () => {
    const admin = await person(t, ['trainee', 'admin'], 'Careful Admin');
    const slug = await certificateCourse(t, 'Asylum procedures');
    const [{ id }] = await t.db.query<Array<{ id: string }>>('SELECT id FROM courses WHERE slug = $1', [slug]);
    const wrong = await admin.client.json('POST', `/api/v1/admin/access/course/${id}/grants`, {
      email: admin.email,
      role: 'cohort_reviewer',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json<{ error: { code: string } }>().error.code).toBe('wrong_scope');
    const nobody = await admin.client.json('POST', `/api/v1/admin/access/course/${id}/grants`, {
      email: 'nobody@karvan.test',
      role: 'course_author',
    });
    expect(nobody.status).toBe(404);
    expect(await t.db.query(`SELECT 1 FROM grants WHERE scope_id = $1 AND role <> 'course_author'`, [id])).toEqual([]);
  });

  it('lists a person’s grants and removes one from their page', async () => {
    const admin = await person(t, ['trainee', 'admin'], 'Listing Admin');
    const trainer = await person(t, ['trainee', 'trainer'], 'Listed Trainer');
    const slug = await certificateCourse(t, 'Readmission');
    const [{ id }] = await t.db.query<Array<{ id: string }>>('SELECT id FROM courses WHERE slug = $1', [slug]);
    await admin.client.json('POST', `/api/v1/admin/access/course/${id}/grants`, {
      email: trainer.email,
      role: 'course_author',
    });
    const page = await admin.client.get(`/admin/users/${trainer.userId}/access`);
    expect(page.text).toContain('Course author');
    expect(page.text).toContain('Readmission');
    const removed = await admin.client.postForm(`/admin/users/${trainer.userId}/access/revoke`, {
      role: 'course_author',
      kind: 'course',
      scopeId: id,
    });
    expect(removed.status).toBe(303);
    expect((await trainer.client.get(`/authoring/courses/${slug}`)).status).toBe(403);
    const grants = await admin.client.json('GET', `/api/v1/admin/users/${trainer.userId}/grants`);
    expect(
      grants
        .json<Array<{ role: string }>>()
        .map((g) => g.role)
        .sort(),
    ).toEqual(['trainee', 'trainer']);
  });
});
