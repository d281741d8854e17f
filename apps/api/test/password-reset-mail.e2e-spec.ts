import { jest } from '@jest/globals';
import {
  createScratchDatabase,
  createUser,
  loopbackSmtp,
  TEST_PASSWORD,
  waitFor,
  type WebClient,
} from '@karvan/testing';
import { signIn, startTestApp, type TestApp } from './test-app.js';

jest.setTimeout(180_000);

/** The message's text with quoted-printable soft breaks and escapes undone. */
function decoded(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function resetPathIn(message: string): string {
  const match = /https?:\/\/[^\s]+(\/reset\/[A-Za-z0-9_-]+)/.exec(decoded(message));
  if (!match) throw new Error(`no reset link in:\n${message}`);
  return match[1];
}

describe('password reset by e-mail through SMTP', () => {
  const smtp = loopbackSmtp();
  let t: TestApp;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    t = await startTestApp(
      {
        DATABASE_URL: await createScratchDatabase('password_reset'),
        QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_reset`,
        SMTP_URL: smtpUrl,
      },
      true,
    );
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const messagesTo = (email: string) => smtp.received.filter((m) => m.includes(email));

  it('sends a one-use link; the new password works, the old one, other sessions and tokens end', async () => {
    const { email } = await createUser(t.db, ['trainee'], 'Rəna Hüseynova');
    const elsewhere = t.client();
    await signIn(elsewhere, email, TEST_PASSWORD);
    const made = await elsewhere.json('POST', '/api/v1/me/tokens', { name: 'laptop', scope: 'read' });
    expect(made.status).toBe(201);
    const token = made.json<{ token: string }>().token;
    expect((await t.client(token).json('GET', '/api/v1/me')).status).toBe(200);

    const browser = t.client();
    expect((await browser.get('/login')).text).toContain('href="/forgot-password"');
    const asked = await browser.postForm('/forgot-password', { email: email.toUpperCase() });
    expect(asked.status).toBe(303);
    const sentPage = await browser.get(asked.location!);
    expect(sentPage.text).toContain('If an account uses this address');

    const message = await waitFor('the reset e-mail', () => Promise.resolve(messagesTo(email)[0]));
    expect(message).toContain('Reset your Karvan password');
    const path = resetPathIn(message);
    // Only the hash of the link's token is stored.
    const token64 = path.split('/').pop()!;
    const stored = await t.db.query<Array<{ token_hash: string }>>(
      'SELECT token_hash FROM password_resets r JOIN users u ON u.id = r.user_id WHERE u.email = $1',
      [email],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token64);

    const form = await browser.get(path);
    expect(form.status).toBe(200);
    expect(form.text).toContain(email);
    const weak = await browser.postForm(path, { password: 'short' });
    expect(weak.status).toBe(422);
    const done = await browser.postForm(path, { password: 'a new and long passphrase' });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/login?reset=1');
    expect((await browser.get(done.location!)).text).toContain('Your password was changed');

    // The link works once; the other session and the token are over; only the new password signs in.
    expect((await browser.get(path)).status).toBe(404);
    expect((await browser.postForm(path, { password: 'another long passphrase' })).status).toBe(404);
    expect((await elsewhere.get('/profile')).status).toBe(303);
    expect((await t.client(token).json('GET', '/api/v1/me')).status).toBe(401);
    const oldPassword = await signIn(t.client(), email, TEST_PASSWORD);
    expect(oldPassword.status).toBe(401);
    expect(oldPassword.text).toContain('not right');
    const fresh = t.client();
    const signedIn = await signIn(fresh, email, 'a new and long passphrase');
    expect(signedIn.location).toBe('/');
    expect((await fresh.get('/profile')).status).toBe(200);
  });

  it('answers the same for an unknown address, and mails nobody', async () => {
    const before = smtp.received.length;
    const client: WebClient = t.client();
    const unknown = await client.postForm('/forgot-password', { email: 'nobody-here@karvan.test' });
    expect(unknown.status).toBe(303);
    expect(unknown.location).toBe('/forgot-password?sent=1');
    const bad = await client.postForm('/forgot-password', { email: 'not an address' });
    expect(bad.status).toBe(422);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(smtp.received.length).toBe(before);
  });

  it('refuses an expired link, and a link replaced by a newer one', async () => {
    const { email } = await createUser(t.db, ['trainee'], 'Elvin Qasımov');
    const client = t.client();
    await client.postForm('/forgot-password', { email });
    const first = resetPathIn(await waitFor('the first e-mail', () => Promise.resolve(messagesTo(email)[0])));
    // A second request within minutes sends nothing more.
    await client.postForm('/forgot-password', { email });
    await t.db.query(
      `UPDATE password_resets SET created_at = now() - interval '1 hour'
       WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
      [email],
    );
    await client.postForm('/forgot-password', { email });
    const second = resetPathIn(await waitFor('the second e-mail', () => Promise.resolve(messagesTo(email)[1])));
    expect(messagesTo(email)).toHaveLength(2);
    expect((await client.get(first)).status).toBe(404);
    expect((await client.get(second)).status).toBe(200);
    await t.db.query(
      `UPDATE password_resets SET expires_at = now() - interval '1 second'
       WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
      [email],
    );
    const expired = await client.get(second);
    expect(expired.status).toBe(404);
    expect(expired.text).toContain('not valid any more');
  });
});
