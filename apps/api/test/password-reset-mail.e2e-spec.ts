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

// One app and one SMTP server for both the reset and the address-change tests: each boot costs CI time.
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

describe('password reset by e-mail through SMTP', () => {
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

describe('changing the e-mail address, confirmed from the new mailbox through SMTP', () => {
  /** Messages whose To header is this address (a notice names the new address in its body too). */
  const addressedTo = (email: string) =>
    smtp.received.filter((m) => new RegExp(`^To: .*${email.replace(/[.+]/g, '\\$&')}`, 'mi').test(m));
  const linkIn = (message: string, path: string) => {
    const match = new RegExp(`https?://[^\\s]+(/${path}/[A-Za-z0-9_-]+)`).exec(decoded(message));
    if (!match) throw new Error(`no /${path}/ link in:\n${message}`);
    return match[1];
  };

  async function signedIn(email: string): Promise<WebClient> {
    const client = t.client();
    expect((await signIn(client, email, TEST_PASSWORD)).status).toBe(303);
    return client;
  }

  it('asks for the password, mails a one-use link to the new address and a notice to the old one', async () => {
    const { email } = await createUser(t.db, ['trainee'], 'Günay Əliyeva');
    const newEmail = `moved-${email}`;
    const me = await signedIn(email);

    // A reset link sent to the old address must stop working once the address changes.
    await t.client().postForm('/forgot-password', { email });
    const resetPath = linkIn(await waitFor('the reset e-mail', () => Promise.resolve(addressedTo(email)[0])), 'reset');

    const wrong = await me.postForm('/profile/email', { newEmail, currentPassword: 'not my password' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('href="#email-password"');
    expect(wrong.text).toContain(`value="${newEmail}"`);
    const same = await me.postForm('/profile/email', { newEmail: email.toUpperCase(), currentPassword: TEST_PASSWORD });
    expect(same.status).toBe(422);
    expect(same.text).toContain('This is already the address of your account.');

    const asked = await me.postForm('/profile/email', { newEmail, currentPassword: TEST_PASSWORD });
    expect(asked.status).toBe(303);
    const profile = await me.get(asked.location!);
    expect(profile.text).toContain('We sent a confirmation link to the new address.');
    expect(profile.text).toContain(`A change to ${newEmail} is waiting for confirmation`);

    const confirmMail = await waitFor('the confirmation e-mail', () => Promise.resolve(addressedTo(newEmail)[0]));
    expect(confirmMail).toContain('Confirm your new Karvan e-mail address');
    const notice = await waitFor('the notice to the old address', () =>
      Promise.resolve(addressedTo(email).find((m) => m.includes('is being changed'))),
    );
    expect(decoded(notice)).toContain(newEmail);
    expect(decoded(notice)).not.toContain('/email-change/');
    const path = linkIn(confirmMail, 'email-change');
    const stored = await t.db.query<Array<{ token_hash: string }>>(
      'SELECT token_hash FROM email_changes c JOIN users u ON u.id = c.user_id WHERE u.email = $1',
      [email],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(path.split('/').pop()!);

    // Until the link is used, nothing changes; opening it only shows what will.
    expect((await signIn(t.client(), email, TEST_PASSWORD)).status).toBe(303);
    const reader = t.client();
    const page = await reader.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain(newEmail);
    expect((await signIn(t.client(), email, TEST_PASSWORD)).status).toBe(303);

    const confirmed = await reader.postForm(path, {});
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).toBe('/email-change/done');
    expect((await reader.get(confirmed.location!)).text).toContain('Your e-mail address was changed');
    expect((await me.get('/profile')).text).toContain(newEmail);
    expect((await signIn(t.client(), email, TEST_PASSWORD)).status).toBe(401);
    expect((await signIn(t.client(), newEmail, TEST_PASSWORD)).status).toBe(303);
    expect((await reader.get(path)).status).toBe(404);
    expect((await reader.postForm(path, {})).status).toBe(404);
    expect((await t.client().get(resetPath)).status).toBe(404);
  });

  it('cancels a pending change: the link stops working and the profile no longer shows it', async () => {
    const { email } = await createUser(t.db, ['trainee'], 'Orxan Məmmədli');
    const newEmail = `other-${email}`;
    const me = await signedIn(email);
    await me.postForm('/profile/email', { newEmail, currentPassword: TEST_PASSWORD });
    const path = linkIn(
      await waitFor('the confirmation e-mail', () => Promise.resolve(addressedTo(newEmail)[0])),
      'email-change',
    );
    const cancelled = await me.postForm('/profile/email/cancel', {});
    expect(cancelled.status).toBe(303);
    const profile = await me.get(cancelled.location!);
    expect(profile.text).toContain('was cancelled');
    expect(profile.text).not.toContain('is waiting for confirmation');
    const gone = await t.client().get(path);
    expect(gone.status).toBe(404);
    expect(gone.text).toContain('not valid any more');
  });

  it('never moves an account to an address another account uses, and does not tell the one asking', async () => {
    const { email } = await createUser(t.db, ['trainee'], 'Samir Quliyev');
    const { email: taken } = await createUser(t.db, ['trainee'], 'Lalə Babayeva');
    const me = await signedIn(email);
    const asked = await me.postForm('/profile/email', {
      newEmail: taken.toUpperCase(),
      currentPassword: TEST_PASSWORD,
    });
    expect(asked.status).toBe(303);
    expect(asked.location).toBe('/profile?notice=emailRequested');
    expect((await me.get(asked.location!)).text).toContain('is waiting for confirmation');

    const toOwner = await waitFor('the e-mail to the address’s owner', () => Promise.resolve(addressedTo(taken)[0]));
    expect(toOwner).toContain('Someone tried to use your e-mail address');
    expect(decoded(toOwner)).not.toContain('/email-change/');
    await waitFor('the notice to the old address', () => Promise.resolve(addressedTo(email)[0]));
    const [row] = await t.db.query<Array<{ email: string }>>('SELECT email FROM users WHERE email = $1', [email]);
    expect(row?.email).toBe(email);
  });
});
