import { createUser, TEST_PASSWORD } from '@karvan/testing';
import { signIn, startTestApp, type TestApp } from './test-app.js';

describe('web shell and API conventions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports the database and the queue at /health', async () => {
    const res = await t.client().get('/health');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', checks: { database: 'up', queue: 'up' } });
  });

  it('publishes the OpenAPI document', async () => {
    const res = await t.client().get('/api/docs/json');
    expect(res.status).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/me', '/api/v1/admin/users', '/health']));
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/login'))).toBe(false);
    expect((await t.client().get('/api/docs')).status).toBe(200);
  });

  it('sends a strict Content-Security-Policy and other security headers on pages', async () => {
    const res = await t.client().get('/login');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const csrf = res.headers.getSetCookie().find((c) => c.startsWith('karvan_csrf='));
    expect(csrf).toMatch(/HttpOnly/);
  });

  it('answers every API error in one shape', async () => {
    const client = t.client();
    const missing = await client.json('GET', '/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ error: { status: 404, code: 'not_found', requestId: expect.any(String) } });

    const { email } = await createUser(t.db);
    await signIn(client, email, TEST_PASSWORD);
    const badJson = await client.request('PATCH', '/api/v1/me', '{"name": ', {
      'content-type': 'application/json',
      'x-csrf-token': client.csrfToken!,
    });
    expect(badJson.status).toBe(400);
    expect(badJson.json()).toMatchObject({ error: { status: 400 } });
    expect(badJson.text).not.toMatch(/at .*\.js:\d+/);

    const invalid = await client.json('PATCH', '/api/v1/me', { name: '', locale: 'fr' });
    expect(invalid.status).toBe(400);
    expect(invalid.json()).toMatchObject({ error: { code: 'validation_failed', details: expect.any(Array) } });
  });

  it('shows a translated page for a missing page', async () => {
    const res = await t.client().get('/no-such-page', { 'accept-language': 'ru' });
    expect(res.status).toBe(404);
    expect(res.text).toContain('<html lang="ru">');
    expect(res.text).toContain('Запрошенная страница не существует.');
  });

  it('picks the language from Accept-Language, then from the switcher, and keeps it', async () => {
    const client = t.client();
    expect((await client.get('/login', { 'accept-language': 'az-AZ,az;q=0.9,en;q=0.5' })).text).toContain(
      '<html lang="az">',
    );
    const res = await client.postForm('/language', { locale: 'ru', next: '/login' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/login');
    const page = await client.get('/login');
    expect(page.text).toContain('<html lang="ru">');
    expect(page.text).toContain('Адрес электронной почты');
    expect((await client.postForm('/language', { locale: 'xx' })).status).toBe(400);
  });

  it('saves the switched language in a signed-in user’s profile', async () => {
    const { email } = await createUser(t.db);
    const client = t.client();
    await signIn(client, email, TEST_PASSWORD);
    await client.postForm('/language', { locale: 'az', next: '/profile' });
    expect((await client.json('GET', '/api/v1/me')).json()).toMatchObject({ locale: 'az' });
    const profile = await client.get('/profile');
    expect(profile.text).toContain('Şəxsi məlumatlar');
    expect(profile.text).toContain('Üstünlük verilən dil');
  });

  it('uses the right plural forms on the admin page', async () => {
    const { email } = await createUser(t.db, ['admin']);
    const client = t.client();
    await signIn(client, email, TEST_PASSWORD);
    await client.postForm('/language', { locale: 'ru' });
    const res = await client.get(`/admin/users?q=${encodeURIComponent(email)}`);
    expect(res.text).toContain('1 пользователь');
  });

  it('refuses unknown fields in a form with 400', async () => {
    const { email } = await createUser(t.db);
    const client = t.client();
    await signIn(client, email, TEST_PASSWORD);
    const res = await client.postForm('/profile', { name: 'A', locale: 'en', isAdmin: 'true' });
    expect(res.status).toBe(400);
  });
});
