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

  it('refuses to reveal that an address already has an account, and e-mails its owner instead', async () => {
    const { email } = await createUser(t.db);
    const client = t.client();
    await client.get('/register');
    const taken = await client.postForm('/register', {
      name: 'Copy',
      email: email.toUpperCase(),
      password: 'a long enough password',
      locale: 'en',
    });
    const fresh = await t.client().postForm('/register', {
      name: 'New',
      email: `fresh-${Date.now()}@karvan.test`,
      password: 'a long enough password',
      locale: 'en',
    });
    expect([taken.status, taken.location, taken.text]).toEqual([fresh.status, fresh.location, fresh.text]);
    expect(taken.text).not.toMatch(/already|exists/i);
    expect(client.cookies.has('karvan_session')).toBe(false);
    const mails = await t.db.query<Array<{ subject: string; body_text: string }>>(
      'SELECT subject, body_text FROM outbox_emails WHERE to_address = $1',
      [email],
    );
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Someone tried to register with your e-mail address');
    expect(mails[0].body_text).toContain(`${t.config.baseUrl}/login`);
  });

  it.each([
    ['eleven char', 'Use a password of at least 12 characters.'],
    ['QWERTY123456', 'This password is on a list of common passwords'],
    ['aaaaaaaaaaaaaaaa', 'A password of one character repeated is easy to guess'],
  ])('refuses the weak password "%s" at registration, and creates nothing', async (password, message) => {
    const email = `weak-${Date.now()}-${password.length}@karvan.test`;
    const res = await t.client().postForm('/register', { name: 'Weak', email, password, locale: 'en' });
    expect(res.status).toBe(422);
    expect(res.text).toContain(message);
    const [{ n }] = await t.db.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM users WHERE email = $1', [
      email,
    ]);
    expect(n).toBe(0);
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

    // A signed-in page is kept in no cache: Back after signing out asks the server again.
    const own = await client.get('/profile');
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('private, no-store');
    for (const path of ['/', '/courses', '/glossary']) {
      expect((await client.get(path)).headers.get('cache-control')).toBe('private, no-store');
    }
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

  it('evaluates no more than five guesses at an account, however many arrive at once', async () => {
    const { email } = await createUser(t.db);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signIn(t.client(), email, `wrong guess ${i}`)),
    );
    const wrong = answers.filter(
      (r) => r.status === 401 && r.text.includes('The e-mail address or password is not right.'),
    );
    const later = answers.filter((r) => r.status === 429 && r.text.includes('Try again in 1 minute.'));
    expect([wrong.length, later.length]).toEqual([5, 5]);
    // The right password waits too: a guess during the back-off is not evaluated.
    expect((await signIn(t.client(), email, TEST_PASSWORD)).status).toBe(429);
  });

  it('refuses to keep the owner out once the back-off has passed', async () => {
    const { email } = await createUser(t.db);
    for (let i = 0; i < 5; i++) expect((await signIn(t.client(), email, `wrong ${i}`)).status).toBe(401);
    expect((await signIn(t.client(), email, TEST_PASSWORD)).status).toBe(429);
    await t.db.query(
      `UPDATE login_throttle SET locked_until = now() - interval '1 second', window_start = window_start - interval '31 seconds'
       WHERE key = $1`,
      [`account:${email}`],
    );
    expect((await signIn(t.client(), email, TEST_PASSWORD)).status).toBe(303);
    const [{ n }] = await t.db.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM login_throttle WHERE key = $1',
      [`account:${email}`],
    );
    expect(n).toBe(0);
  });

  it('doubles the wait for each guess past the fifth, up to 15 minutes', async () => {
    const { email } = await createUser(t.db);
    const key = `account:${email}`;
    const waits: number[] = [];
    for (let i = 0; i < 11; i++) {
      await t.db.query(`UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE key = $1`, [key]);
      expect((await signIn(t.client(), email, `wrong ${i}`)).status).toBe(401);
      const [row] = await t.db.query<Array<{ wait: number | null }>>(
        'SELECT ceil(extract(epoch FROM locked_until - clock_timestamp()))::int AS wait FROM login_throttle WHERE key = $1',
        [key],
      );
      waits.push(Math.max(0, row.wait ?? 0));
    }
    // Read after the answer: on a loaded machine a few seconds of the wait may have passed already.
    const expected = [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900];
    const withinFiveSeconds = waits.map((wait, i) =>
      wait <= expected[i] && wait > expected[i] - 5 ? expected[i] : wait,
    );
    expect(withinFiveSeconds).toEqual(expected);
    expect((await signIn(t.client(), email, TEST_PASSWORD)).text).toContain('Try again in 15 minutes.');
  });

  it('throttles sign-in per address without locking the accounts of that address out', async () => {
    const office = t.client();
    for (let i = 0; i < 30; i++) await signIn(office, `nobody-${i}@karvan.test`, 'whatever');
    const { email } = await createUser(t.db);
    const throttled = await signIn(office, email, TEST_PASSWORD);
    expect(throttled.status).toBe(429);
    expect(throttled.text).toContain('Too many requests from your network. Wait 1 minute and try again.');
    expect(throttled.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await signIn(t.client(), email, TEST_PASSWORD)).status).toBe(303);
  });

  it('throttles registration per address, with the message in the visitor’s language', async () => {
    const client = t.client();
    client.cookies.set('karvan_lang', 'az');
    for (let i = 0; i < 10; i++) {
      expect((await client.postForm('/register', { name: '', email: 'x', password: '', locale: 'az' })).status).toBe(
        422,
      );
    }
    const res = await client.postForm('/register', { name: '', email: 'x', password: '', locale: 'az' });
    expect(res.status).toBe(429);
    expect(res.text).toContain('Şəbəkənizdən həddindən çox sorğu gəldi. 60 dəqiqə gözləyin');
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
    const common = await laptop.postForm('/profile/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Password1234',
    });
    expect(common.status).toBe(422);
    expect(common.text).toContain('This password is on a list of common passwords');
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
