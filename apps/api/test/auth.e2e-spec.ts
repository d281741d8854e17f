import { createUser, TEST_PASSWORD } from '@karvan/testing';
import { signIn, startTestApp, type TestApp } from './test-app.js';

describe('accounts: registration, sign-in and sign-out', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('registers a trainee, who is then signed in', async () => {
    const client = t.client();
    await client.get('/register');
    const email = `new-${Date.now()}@karvan.test`;
    const res = await client.postForm('/register', {
      name: 'Aysel Məmmədova',
      email,
      password: 'a long enough password',
      organisation: 'State Migration Service',
      position: 'Specialist',
      locale: 'az',
    });
    expect(res.status).toBe(303);
    const me = await client.json('GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.json()).toMatchObject({ email, name: 'Aysel Məmmədova', roles: ['trainee'], locale: 'az' });
  });

  it('shows the form again with field errors for bad input, and creates nothing', async () => {
    const client = t.client();
    await client.get('/register');
    const res = await client.postForm('/register', {
      name: '',
      email: 'not-an-email',
      password: 'short',
      locale: 'en',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).toContain('Enter an e-mail address');
    const [{ n }] = await t.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM users WHERE email = 'not-an-email'`,
    );
    expect(n).toBe(0);
  });

  it('refuses a second account with the same e-mail, whatever its case', async () => {
    const { email } = await createUser(t.db);
    const client = t.client();
    await client.get('/register');
    const res = await client.postForm('/register', {
      name: 'Copy',
      email: email.toUpperCase(),
      password: 'a long enough password',
      locale: 'en',
    });
    expect(res.status).toBe(409);
    expect(res.text).toContain('already exists');
  });

  it('signs in with a new session id and signs out', async () => {
    const { email } = await createUser(t.db, ['trainee'], 'Rashad');
    const client = t.client();
    client.cookies.set('karvan_session', 'planted-by-someone-else');
    const res = await signIn(client, email, TEST_PASSWORD);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/');
    const session = client.cookies.get('karvan_session');
    expect(session).toBeDefined();
    expect(session).not.toBe('planted-by-someone-else');
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('karvan_session='));
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);

    expect((await client.get('/profile')).status).toBe(200);
    const out = await client.postForm('/logout', {});
    expect(out.status).toBe(303);
    expect((await client.get('/profile')).status).toBe(303);

    // The old cookie is dead on the server too, not only forgotten by this browser.
    const replay = t.client();
    replay.cookies.set('karvan_session', session!);
    expect((await replay.json('GET', '/api/v1/me')).status).toBe(401);
  });

  it('goes back to the page that asked for a sign-in, and only to a local one', async () => {
    const { email } = await createUser(t.db);
    const client = t.client();
    const asked = await client.get('/profile');
    expect(asked.location).toBe('/login?next=%2Fprofile');
    await client.get('/login?next=/profile');
    expect((await client.postForm('/login', { email, password: TEST_PASSWORD, next: '/profile' })).location).toBe(
      '/profile',
    );
    const other = t.client();
    await other.get('/login');
    const res = await other.postForm('/login', { email, password: TEST_PASSWORD, next: '//evil.example/' });
    expect(res.location).toBe('/');
  });

  it('answers a wrong password with the form again and no session', async () => {
    const { email } = await createUser(t.db);
    const client = t.client();
    const res = await signIn(client, email, 'not the password');
    expect(res.status).toBe(401);
    expect(res.text).toContain('The e-mail address or password is not right.');
    expect(res.text).toContain(`value="${email}"`);
    expect(client.cookies.has('karvan_session')).toBe(false);
  });

  it('locks an account after five failures, even for the right password, from any address', async () => {
    const { email } = await createUser(t.db);
    for (let i = 0; i < 5; i++) expect((await signIn(t.client(), email, `wrong ${i}`)).status).toBe(401);
    const res = await signIn(t.client(), email, TEST_PASSWORD);
    expect(res.status).toBe(429);
    expect(res.text).toContain('Too many failed sign-in attempts. Try again in 15 minutes.');
  });

  it('limits failures per address across accounts', async () => {
    const client = t.client();
    for (let i = 0; i < 30; i++) await signIn(client, `nobody-${i}@karvan.test`, 'whatever');
    const { email } = await createUser(t.db);
    expect((await signIn(client, email, TEST_PASSWORD)).status).toBe(429);
    expect((await signIn(t.client(), email, TEST_PASSWORD)).status).toBe(303);
  });

  it('signs out other sessions when the password changes', async () => {
    const { email } = await createUser(t.db);
    const laptop = t.client();
    const phone = t.client();
    await signIn(laptop, email, TEST_PASSWORD);
    await signIn(phone, email, TEST_PASSWORD);
    const wrong = await laptop.postForm('/profile/password', {
      currentPassword: 'not it',
      newPassword: 'another long password',
    });
    expect(wrong.status).toBe(422);
    const res = await laptop.postForm('/profile/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'another long password',
    });
    expect(res.status).toBe(303);
    expect((await laptop.get('/profile')).status).toBe(200);
    expect((await phone.json('GET', '/api/v1/me')).status).toBe(401);
    expect((await signIn(t.client(), email, 'another long password')).status).toBe(303);
  });

  it('refuses a form without its CSRF token', async () => {
    const { email } = await createUser(t.db);
    const client = t.client();
    await signIn(client, email, TEST_PASSWORD);
    const res = await client.postForm('/profile', { _csrf: null, name: 'X', locale: 'en' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('This form has expired');
    const json = await client.json('PATCH', '/api/v1/me', { name: 'X', locale: 'en' }, { 'x-csrf-token': 'forged' });
    expect(json.status).toBe(403);
    expect(json.json()).toMatchObject({ error: { status: 403, code: 'csrf_failed' } });
  });
});

// Its own describe: Passport's strategies are process-wide, so one app closes before the next starts.
describe('registration switched off', () => {
  it('keeps registration closed when configured so', async () => {
    const closed = await startTestApp({ REGISTRATION: 'closed' });
    try {
      const client = closed.client();
      expect((await client.get('/register')).text).toContain('Registration is closed');
      const res = await client.postForm('/register', {
        name: 'X',
        email: 'closed@karvan.test',
        password: 'a long enough password',
        locale: 'en',
      });
      expect(res.status).toBe(403);
    } finally {
      await closed.close();
    }
  });
});
