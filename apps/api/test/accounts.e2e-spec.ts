import { createUser, TEST_PASSWORD, type WebClient } from '@karvan/testing';
import { signIn, startTestApp, type TestApp } from './test-app.js';

describe('admin account management', () => {
  let t: TestApp;
  let admin: WebClient;
  let adminId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const { email, user } = await createUser(t.db, ['trainee', 'admin'], 'Accounts Admin');
    adminId = user.id;
    admin = t.client();
    await signIn(admin, email, TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('deactivates after a confirmation page: sessions and tokens stop at once, and sign-in is refused', async () => {
    const { email, user } = await createUser(t.db, ['trainee'], 'Kamran Nəbiyev');
    const person = t.client();
    await signIn(person, email, TEST_PASSWORD);
    const token = (await person.json('POST', '/api/v1/me/tokens', { name: 'script', scope: 'read' })).json<{
      token: string;
    }>().token;
    expect((await t.client(token).json('GET', '/api/v1/me')).status).toBe(200);

    const confirm = await admin.get(`/admin/users/${user.id}/deactivate`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Deactivate the account of Kamran Nəbiyev?');
    // Asking changes nothing.
    expect((await person.get('/profile')).status).toBe(200);

    const done = await admin.postForm(`/admin/users/${user.id}/deactivate`, {});
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/admin/users/${user.id}?notice=deactivated`);
    const result = await admin.get(done.location!);
    expect(result.text).toContain('was deactivated');
    expect(result.text).toContain('Reactivate the account');

    expect((await person.get('/profile')).status).toBe(303);
    expect((await t.client(token).json('GET', '/api/v1/me')).status).toBe(401);
    const refused = await signIn(t.client(), email, TEST_PASSWORD);
    expect(refused.status).toBe(401);
    // The same answer as a wrong password: nothing tells that the account exists.
    expect(refused.text).toContain('not right');
    // A deactivated account gets no reset link either.
    await t.client().postForm('/forgot-password', { email });
    const [{ n }] = await t.db.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM password_resets WHERE user_id = $1',
      [user.id],
    );
    expect(n).toBe(0);

    const back = await admin.postForm(`/admin/users/${user.id}/reactivate`, {});
    expect(back.location).toBe(`/admin/users/${user.id}?notice=reactivated`);
    expect((await signIn(t.client(), email, TEST_PASSWORD)).status).toBe(303);
    // The old token stays ended: reactivating gives back the account, not what was revoked.
    expect((await t.client(token).json('GET', '/api/v1/me')).status).toBe(401);
  });

  it('refuses an admin deactivating themselves, and anyone without user.manage', async () => {
    const self = await admin.postForm(`/admin/users/${adminId}/deactivate`, {});
    expect(self.status).toBe(409);
    expect(self.text).toContain('cannot deactivate your own account');
    const { email, user } = await createUser(t.db, ['trainee', 'coordinator']);
    const coordinator = t.client();
    await signIn(coordinator, email, TEST_PASSWORD);
    expect((await coordinator.postForm(`/admin/users/${adminId}/deactivate`, {})).status).toBe(403);
    expect((await coordinator.json('POST', `/api/v1/admin/users/${user.id}/deactivate`)).status).toBe(403);
    expect((await admin.get('/admin/users/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('creates an account whose owner gets a link to choose a password', async () => {
    const email = `new-${Date.now().toString(36)}@karvan.test`;
    const created = await admin.postForm('/admin/users', {
      name: 'Aysel Məmmədli',
      email,
      organisation: 'State Migration Service',
      position: 'Inspector',
      locale: 'az',
      roles: ['trainee', 'trainer'],
    });
    expect(created.status).toBe(303);
    const list = await admin.get(created.location!);
    expect(list.text).toContain('The account of Aysel Məmmədli was created');
    const [mail] = await t.db.query<Array<{ subject: string; body_text: string }>>(
      'SELECT subject, body_text FROM outbox_emails WHERE to_address = $1',
      [email],
    );
    expect(mail.subject).toBe('Karvan hesabınız');
    expect(mail.body_text).toMatch(/\/reset\/[A-Za-z0-9_-]{20,}/);
    const json = await admin.json('GET', `/api/v1/admin/users?q=${encodeURIComponent(email)}`);
    expect(json.json()).toMatchObject({ total: 1, users: [{ roles: ['trainee', 'trainer'], status: 'active' }] });

    const again = await admin.postForm('/admin/users', { name: 'Someone', email, locale: 'en', roles: 'trainee' });
    expect(again.status).toBe(422);
    expect(again.text).toContain('Someone');
    const blank = await admin.postForm('/admin/users', { name: '', email: 'x', locale: 'en' });
    expect(blank.status).toBe(422);
  });

  it('filters the users page by role and status, and sends a reset link', async () => {
    const tag = `Filter${Date.now().toString(36)}`;
    const trainer = await createUser(t.db, ['trainee', 'trainer'], `${tag} Trainer`);
    const off = await createUser(t.db, ['trainee'], `${tag} Gone`);
    await admin.postForm(`/admin/users/${off.user.id}/deactivate`, {});
    const byRole = await admin.get(`/admin/users?q=${tag}&role=trainer&status=`);
    expect(byRole.text).toContain(`${tag} Trainer`);
    expect(byRole.text).not.toContain(`${tag} Gone`);
    const byStatus = await admin.get(`/admin/users?q=${tag}&role=&status=disabled`);
    expect(byStatus.text).toContain(`${tag} Gone`);
    expect(byStatus.text).not.toContain(`${tag} Trainer`);
    expect((await admin.get('/admin/users?status=nonsense')).status).toBe(400);

    const sent = await admin.postForm(`/admin/users/${trainer.user.id}/reset`, {});
    expect(sent.location).toBe(`/admin/users/${trainer.user.id}?notice=reset`);
    expect((await admin.get(sent.location!)).text).toContain('A reset link was sent');
    expect((await admin.postForm(`/admin/users/${off.user.id}/reset`, {})).status).toBe(409);
  });
});
