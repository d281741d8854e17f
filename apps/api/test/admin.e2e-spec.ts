import { createScratchDatabase, createUser, TEST_PASSWORD, type WebClient } from '@karvan/testing';
import { signIn, startTestApp, type TestApp } from './test-app.js';

describe('admin: users and roles', () => {
  let t: TestApp;
  let admin: WebClient;

  beforeAll(async () => {
    t = await startTestApp();
    const { email } = await createUser(t.db, ['trainee', 'admin'], 'Admin');
    admin = t.client();
    await signIn(admin, email, TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('lists users on a page and in JSON', async () => {
    const { user } = await createUser(t.db, ['trainee'], 'Günay Əliyeva');
    const page = await admin.get(`/admin/users?q=${encodeURIComponent('Günay')}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Günay Əliyeva');
    const json = await admin.json('GET', `/api/v1/admin/users?q=${encodeURIComponent(user.email)}`);
    expect(json.json()).toMatchObject({ total: 1, users: [{ id: user.id, roles: ['trainee'] }] });
  });

  it('changes roles, and the change reaches the user without signing in again', async () => {
    const target = await createUser(t.db);
    const trainee = t.client();
    await signIn(trainee, target.email, TEST_PASSWORD);
    expect((await trainee.get('/admin/users')).status).toBe(403);

    const res = await admin.postForm(`/admin/users/${target.user.id}/roles`, { roles: ['trainee', 'admin'] });
    expect(res.status).toBe(303);
    expect((await admin.get(res.location!)).text).toContain('were saved');
    // At once: nothing about a session is cached (page-caches.e2e-spec.ts checks another process).
    expect((await trainee.get('/admin/users')).status).toBe(200);

    const demote = await admin.json('PUT', `/api/v1/admin/users/${target.user.id}/roles`, { roles: ['trainer'] });
    expect(demote.json()).toMatchObject({ roles: ['trainer'] });
    expect((await trainee.get('/admin/users')).status).toBe(403);
  });

  it('sees a role change made by another process on the next request', async () => {
    const target = await createUser(t.db);
    const trainee = t.client();
    await signIn(trainee, target.email, TEST_PASSWORD);
    expect((await trainee.json('GET', '/api/v1/admin/users')).status).toBe(403);
    // Written straight to the database, as another api process would.
    await t.db.query(`INSERT INTO grants (user_id, role, scope_kind) VALUES ($1, 'admin', 'site')`, [target.user.id]);
    expect((await trainee.json('GET', '/api/v1/admin/users')).status).toBe(200);
  });

  it('refuses unknown roles and unknown fields with 400', async () => {
    const target = await createUser(t.db);
    const path = `/api/v1/admin/users/${target.user.id}/roles`;
    const unknownRole = await admin.json('PUT', path, { roles: ['superuser'] });
    expect(unknownRole.status).toBe(400);
    const unknownField = await admin.json('PUT', path, { roles: ['trainee'], isAdmin: true });
    expect(unknownField.status).toBe(400);
    expect(unknownField.json()).toMatchObject({
      error: {
        status: 400,
        code: 'validation_failed',
        details: ['property isAdmin should not exist'],
        params: { fields: 'isAdmin' },
      },
    });
    const notAnId = await admin.json('PUT', '/api/v1/admin/users/42/roles', { roles: ['trainee'] });
    expect(notAnId.status).toBe(400);
  });

  describe('who may call the admin routes', () => {
    const pages = [
      ['GET', '/admin/users'],
      ['POST', '/admin/users/00000000-0000-4000-8000-000000000000/roles'],
    ] as const;
    const api = [
      ['GET', '/api/v1/admin/users'],
      ['PUT', '/api/v1/admin/users/00000000-0000-4000-8000-000000000000/roles'],
      ['POST', '/api/v1/admin/jobs/purge-expired'],
      ['GET', '/api/v1/admin/jobs/maintenance/1'],
    ] as const;

    it.each(['trainee', 'trainer', 'coordinator'] as const)('refuses a %s (HTML and JSON)', async (role) => {
      const { email } = await createUser(t.db, [role]);
      const client = t.client();
      await signIn(client, email, TEST_PASSWORD);
      for (const [method, path] of pages) {
        const res = method === 'GET' ? await client.get(path) : await client.postForm(path, { roles: ['admin'] });
        expect([method, path, res.status]).toEqual([method, path, 403]);
        expect(res.headers.get('content-type')).toMatch(/text\/html/);
      }
      for (const [method, path] of api) {
        const res = await client.json(method, path, method === 'PUT' ? { roles: ['admin'] } : undefined);
        expect([method, path, res.status]).toEqual([method, path, 403]);
        expect(res.json()).toMatchObject({ error: { status: 403, code: 'forbidden' } });
      }
    });

    it('sends an anonymous browser to sign in, and answers an anonymous API call with 401', async () => {
      const client = t.client();
      for (const [method, path] of pages) {
        const res = method === 'GET' ? await client.get(path) : await client.postForm(path, { roles: ['admin'] });
        expect(res.status).toBe(method === 'GET' ? 303 : 401);
      }
      for (const [method, path] of api) {
        const res = await client.json(method, path, method === 'PUT' ? { roles: ['admin'] } : undefined);
        expect(res.status).toBe(401);
        expect(res.json()).toMatchObject({ error: { code: 'login_required' } });
      }
    });
  });
});

// Its own database: no other test's admin may exist there. Its own describe, because Passport's
// strategies are process-wide: an app must be closed before the next one starts.
describe('the last admin', () => {
  it('cannot lose the admin role', async () => {
    const lone = await startTestApp({ DATABASE_URL: await createScratchDatabase('last_admin') });
    try {
      const only = await createUser(lone.db, ['admin']);
      const client = lone.client();
      await signIn(client, only.email, TEST_PASSWORD);
      const res = await client.json('PUT', `/api/v1/admin/users/${only.user.id}/roles`, { roles: ['trainee'] });
      expect(res.status).toBe(409);
      expect(res.json()).toMatchObject({ error: { code: 'last_admin' } });
      expect((await client.json('GET', '/api/v1/me')).json()).toMatchObject({ roles: ['admin'] });
      // From the account page: the page again, saying why and what to do, the roles unchanged.
      const page = await client.postForm(`/admin/users/${only.user.id}/roles`, { roles: 'trainee' });
      expect(page.status).toBe(409);
      expect(page.text).toContain('This is the last admin: give another user the admin role first.');
      expect(page.text).toContain('name="roles" value="admin" checked');
      expect((await client.json('GET', '/api/v1/me')).json()).toMatchObject({ roles: ['admin'] });
    } finally {
      await lone.close();
    }
  });
});

describe('personal access tokens', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lets an API client act with a Bearer token, without CSRF, until it is revoked', async () => {
    const { email } = await createUser(t.db, ['trainee'], 'Token Owner');
    const browser = t.client();
    await signIn(browser, email, TEST_PASSWORD);
    const created = await browser.postForm('/profile/tokens', {
      name: 'report script',
      scope: 'read-write',
      expiresInDays: '30',
    });
    expect(created.status).toBe(201);
    const token = /<code class="token" id="new-token">([^<]+)<\/code>/.exec(created.text)?.[1];
    expect(token).toMatch(/^krv_/);

    const api = t.client(token);
    expect((await api.json('GET', '/api/v1/me')).json()).toMatchObject({ email, name: 'Token Owner' });
    const patched = await api.json('PATCH', '/api/v1/me', { name: 'Renamed', locale: 'ru' });
    expect(patched.status).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Renamed', locale: 'ru' });

    const [{ id }] = (await api.json('GET', '/api/v1/me/tokens')).json<Array<{ id: string }>>();
    expect((await browser.json('DELETE', `/api/v1/me/tokens/${id}`)).status).toBe(204);
    expect((await api.json('GET', '/api/v1/me')).status).toBe(401);
  });

  it('does not let one user revoke another user’s token', async () => {
    const owner = await createUser(t.db);
    const other = await createUser(t.db);
    const ownerClient = t.client();
    await signIn(ownerClient, owner.email, TEST_PASSWORD);
    const { id, token } = (await ownerClient.json('POST', '/api/v1/me/tokens', { name: 'mine' })).json<{
      id: string;
      token: string;
    }>();
    const otherClient = t.client();
    await signIn(otherClient, other.email, TEST_PASSWORD);
    const res = await otherClient.json('DELETE', `/api/v1/me/tokens/${id}`);
    expect(res.status).toBe(404);
    expect((await t.client(token).json('GET', '/api/v1/me')).status).toBe(200);
  });

  async function tokenFor(scope: 'read' | 'read-write' = 'read-write') {
    const owner = await createUser(t.db);
    const browser = t.client();
    await signIn(browser, owner.email, TEST_PASSWORD);
    const res = await browser.json('POST', '/api/v1/me/tokens', { name: 'script', scope });
    expect(res.status).toBe(201);
    return { ...owner, browser, ...res.json<{ id: string; token: string }>() };
  }

  it('shows each token’s scope and expiry, 90 days unless chosen otherwise', async () => {
    const { browser, id } = await tokenFor('read');
    const [listed] = (await browser.json('GET', '/api/v1/me/tokens')).json<
      Array<{ id: string; scope: string; expiresAt: string }>
    >();
    expect(listed).toMatchObject({ id, scope: 'read' });
    const days = (Date.parse(listed.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);
    const page = await browser.get('/profile');
    expect(page.text).toContain('<td>Read only</td>');
    expect(page.text).toContain('<th scope="col">Expires</th>');
    const odd = await browser.json('POST', '/api/v1/me/tokens', { name: 'odd', expiresInDays: 45 });
    expect(odd.status).toBe(400);
  });

  it('refuses writes with a read-only token', async () => {
    const { token } = await tokenFor('read');
    const api = t.client(token);
    expect((await api.json('GET', '/api/v1/me')).status).toBe(200);
    const res = await api.json('PATCH', '/api/v1/me', { name: 'Renamed', locale: 'en' });
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({
      error: { code: 'token_read_only', message: 'This access token is read-only.' },
    });
    expect((await api.json('DELETE', '/api/v1/me/tokens/00000000-0000-4000-8000-000000000000')).status).toBe(403);
  });

  it('refuses to let a token create tokens', async () => {
    const { token } = await tokenFor('read-write');
    const res = await t.client(token).json('POST', '/api/v1/me/tokens', { name: 'successor', scope: 'read-write' });
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'token_cannot_create_tokens' } });
  });

  it('refuses a token after its owner changed the password', async () => {
    const { browser, token } = await tokenFor();
    const api = t.client(token);
    expect((await api.json('GET', '/api/v1/me')).status).toBe(200);
    const changed = await browser.json('PUT', '/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(changed.status).toBe(204);
    expect((await api.json('GET', '/api/v1/me')).status).toBe(401);
  });

  it('refuses a token of a disabled account, and an expired token', async () => {
    const disabled = await tokenFor();
    await t.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [disabled.user.id]);
    expect((await t.client(disabled.token).json('GET', '/api/v1/me')).status).toBe(401);
    const expired = await tokenFor();
    await t.db.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);
    expect((await t.client(expired.token).json('GET', '/api/v1/me')).status).toBe(401);
  });

  it('throttles token creation per address', async () => {
    const { browser } = await tokenFor();
    for (let i = 0; i < 19; i++)
      expect((await browser.json('POST', '/api/v1/me/tokens', { name: `t${i}` })).status).toBe(201);
    const res = await browser.json('POST', '/api/v1/me/tokens', { name: 'one too many' });
    expect(res.status).toBe(429);
    expect(res.json()).toMatchObject({ error: { status: 429, code: 'throttled', params: { count: 60 } } });
  });

  it('answers a made-up token with 401', async () => {
    expect((await t.client('krv_made-up').json('GET', '/api/v1/me')).status).toBe(401);
  });
});
