import type { WebClient } from '@karvan/testing';
import {
  startCertificateApp,
  certificateCourse,
  certificatesOf,
  completeCourse,
  signedIn,
  waitIssued,
  type CertificateApp,
} from './certificate-helpers.js';
import type { TestApp } from './test-app.js';

/** What makes a certificate worth signing, and what keeps a signed one honest. */
describe('certificates: when they are issued and when they are valid', () => {
  let app: CertificateApp;
  let t: TestApp;
  let slug: string;
  let admin: WebClient;
  const staff = (role: 'admin' | 'coordinator' | 'trainer' | 'trainee') => signedIn(t, role);

  beforeAll(async () => {
    app = await startCertificateApp('cert_rules');
    t = app.t;
    slug = await certificateCourse(t);
    admin = await staff('admin');
  });
  afterAll(() => app.close());

  it('refuses to call valid a certificate whose stored record was altered after it was signed', async () => {
    const holder = await completeCourse(t, slug, 'Honest Holder');
    const cert = await waitIssued(t.db, holder.userId);
    const verify = () => t.client().json('GET', `/api/v1/certificates/verify/${cert.code}`);
    expect((await verify()).json()).toMatchObject({ status: 'valid' });
    expect((await t.client().get(`/verify/${cert.code}`)).text).toContain('Valid certificate');
    const [{ payload }] = await t.db.query<Array<{ payload: string }>>(
      'SELECT payload FROM certificates WHERE id = $1',
      [cert.id],
    );
    await t.db.query('UPDATE certificates SET payload = $2 WHERE id = $1', [
      cert.id,
      payload.replace('Honest Holder', 'Forged Holder'),
    ]);
    expect((await verify()).json()).toMatchObject({ status: 'invalid' });
    expect((await t.client().get(`/verify/${cert.code}`)).text).toContain('Certificate record altered');
    await t.db.query('UPDATE certificates SET payload = $2 WHERE id = $1', [cert.id, payload]);
    expect((await verify()).json()).toMatchObject({ status: 'valid' });
  });

  it('refuses a certificate for a completion that takes no graded quiz, until an admin approves the course', async () => {
    const oneClick = await certificateCourse(t, 'One click', { approved: false });
    await t.db.query(`UPDATE courses SET completion = '{"modules":"none","quizzes":"none"}' WHERE slug = $1`, [
      oneClick,
    ]);
    const early = await completeCourse(t, oneClick, 'Early Clicker');
    const completions = await t.db.query<unknown[]>(
      'SELECT 1 FROM course_completions cc JOIN courses c ON c.id = cc.course_id WHERE c.slug = $1',
      [oneClick],
    );
    expect(completions).toHaveLength(1);
    expect(await certificatesOf(t.db, early.userId)).toEqual([]);
    // "Issue missing certificates" follows the same rule.
    const none = await admin.json('POST', `/api/v1/courses/${oneClick}/certificates/issue`);
    expect(none.json()).toEqual({ queued: 0 });
    expect((await admin.get(`/courses/${oneClick}/certificates`)).text).toContain(
      'This course issues no certificates at the moment',
    );
    expect(await certificatesOf(t.db, early.userId)).toEqual([]);

    const trainer = await staff('trainer');
    const approval = `/api/v1/authoring/courses/${oneClick}/certificate-approval`;
    expect((await trainer.json('PUT', approval)).status).toBe(403);
    expect((await (await staff('coordinator')).json('PUT', approval)).status).toBe(403);
    const approved = await admin.json('PUT', approval);
    expect(approved.json()).toMatchObject({ certificate: true, requiresGradedQuiz: false, issues: true });
    expect((await admin.get(`/authoring/courses/${oneClick}`)).text).toContain('Approved for certificates by A admin');

    const later = await completeCourse(t, oneClick, 'Later Clicker');
    expect(await certificatesOf(t.db, later.userId)).toMatchObject([{ status: expect.any(String) }]);
    await waitIssued(t.db, later.userId);
    expect((await admin.json('POST', `/api/v1/courses/${oneClick}/certificates/issue`)).json()).toEqual({
      queued: 1,
    });
    await waitIssued(t.db, early.userId);

    const withdrawn = await admin.postForm(`/authoring/courses/${oneClick}/certificate-approval`, {
      action: 'withdraw',
    });
    expect(withdrawn.location).toBe(`/authoring/courses/${oneClick}?notice=certificatesWithdrawn`);
    expect((await admin.json('GET', approval)).json()).toMatchObject({ approvedAt: null, issues: false });
    const afterWithdrawal = await completeCourse(t, oneClick, 'Third Clicker');
    expect(await certificatesOf(t.db, afterWithdrawal.userId)).toEqual([]);
  });
});
