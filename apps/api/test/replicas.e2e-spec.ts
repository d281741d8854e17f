import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { createScratchDatabase, createUser, freePort, loopbackSmtp, TEST_PASSWORD, WebClient } from '@karvan/testing';
import { certificateCourse, completeCourse, startWorker, stopWorker, waitFor } from './certificate-helpers.js';
import { signIn, startTestApp, type TestApp } from './test-app.js';

// Five processes start on a two-core machine, and 500 certificates are rendered and mailed.
jest.setTimeout(300_000);

const API = new URL('../../../dist/apps/api/apps/api/src/main.js', import.meta.url).pathname;
const BURST = 500;

/**
 * Two api processes and two worker processes on one PostgreSQL, Redis and storage folder, as a
 * scaled-out deployment runs: nothing a person does may depend on which replica answers.
 */
describe('two api and two worker processes', () => {
  const smtp = loopbackSmtp();
  const children: ChildProcess[] = [];
  let fixture: TestApp;
  let apis: string[];
  let storage: string;

  beforeAll(async () => {
    const database = await createScratchDatabase('replicas');
    storage = mkdtempSync(join(tmpdir(), 'karvan-replicas-'));
    const env = {
      DATABASE_URL: database,
      STORAGE_DIR: storage,
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_replicas`,
      SMTP_URL: await smtp.start(),
      CONTENT_SYNC: 'off',
      CERTIFICATE_SWEEP_SECONDS: '3600',
      LOG_LEVEL: 'error',
    };
    // The fixture app migrates the database and makes the test's data; it runs no worker.
    fixture = await startTestApp(env);
    const ports = [await freePort(), await freePort()];
    apis = ports.map((port) => `http://127.0.0.1:${port}`);
    for (const port of ports) children.push(startApi({ ...env, PORT: String(port), BASE_URL: apis[0] }));
    children.push(startWorker(env), startWorker(env));
    for (const url of apis) {
      await waitFor(`the api at ${url}`, () =>
        fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        ),
      );
    }
  });
  afterAll(async () => {
    for (const child of children) await stopWorker(child);
    await fixture?.close();
    await smtp.close();
    rmSync(storage, { recursive: true, force: true });
  });

  it('keeps a session and its CSRF token across the api processes', async () => {
    const { email, user } = await createUser(fixture.db, ['trainee'], 'Nərgiz Əliyeva');
    const first = new WebClient(apis[0]);
    await signIn(first, email, TEST_PASSWORD);
    const second = sameBrowser(first, apis[1]);
    const profile = await second.get('/profile');
    expect(profile.status).toBe(200);
    expect(profile.text).toContain('Nərgiz Əliyeva');
    // The form's token came from the first process; the second accepts it.
    const slug = await certificateCourse(fixture);
    const enrolled = await second.postForm(`/courses/${slug}/enrol`, {});
    expect(enrolled.status).toBe(303);
    const [row] = await fixture.db.query<Array<{ status: string }>>(
      `SELECT e.status FROM enrolments e JOIN courses c ON c.id = e.course_id WHERE c.slug = $1 AND e.user_id = $2`,
      [slug, user.id],
    );
    expect(row.status).toBe('active');
    const forged = sameBrowser(first, apis[1]);
    forged.cookies.set('karvan_csrf', 'A'.repeat(43));
    expect((await forged.postForm(`/courses/${slug}/enrol`, { _csrf: 'B'.repeat(43) })).status).toBe(403);
  });

  it('serves a PDF written by either worker from either api', async () => {
    const slug = await certificateCourse(fixture);
    const holder = await completeCourse(fixture, slug);
    const [cert] = await waitFor('the certificate', async () => {
      const rows = await fixture.db.query<Array<{ id: string }>>(
        `SELECT id FROM certificates WHERE user_id = $1 AND status = 'issued'`,
        [holder.userId],
      );
      return rows.length ? rows : undefined;
    });
    const bodies = await Promise.all(
      apis.map(async (url) => {
        const res = await sameBrowser(holder.client, url).get(`/certificates/${cert.id}/certificate.pdf`);
        expect(res.status).toBe(200);
        return res.bytes;
      }),
    );
    expect(bodies[0].subarray(0, 5).toString()).toBe('%PDF-');
    expect(bodies[0].equals(bodies[1])).toBe(true);
  });

  it('issues a burst of 500 certificates exactly once each, with one e-mail each', async () => {
    const slug = await certificateCourse(fixture, 'Readmission agreements');
    const [{ id: courseId }] = await fixture.db.query<Array<{ id: string }>>('SELECT id FROM courses WHERE slug = $1', [
      slug,
    ]);
    // 500 people who completed the course before it issued certificates (made in one statement;
    // signing 500 people in would measure the password hash, not the replicas).
    await fixture.db.query(
      `WITH people AS (
         INSERT INTO users (email, name, password_hash, locale)
         SELECT 'burst-' || g || '-' || $2 || '@karvan.test', 'Rəşad Məmmədov ' || g, 'x', (ARRAY['en','az','ru'])[1 + g % 3]
         FROM generate_series(1, $1::int) g RETURNING id
       )
       INSERT INTO course_completions (user_id, course_id) SELECT id, $3 FROM people`,
      [BURST, slug, courseId],
    );
    const admin = await createUser(fixture.db, ['admin'], 'Burst Admin');
    const client = new WebClient(apis[1]);
    await signIn(client, admin.email, TEST_PASSWORD);
    expect((await client.postForm(`/courses/${slug}/certificates/issue`, {})).status).toBeLessThan(400);

    const counts = () =>
      fixture.db.query<Array<{ issued: number; rows: number; people: number }>>(
        `SELECT count(*) FILTER (WHERE status = 'issued')::int AS issued, count(*)::int AS rows,
           count(DISTINCT user_id)::int AS people FROM certificates WHERE course_id = $1`,
        [courseId],
      );
    await waitFor('500 certificates', async () => (await counts())[0].issued === BURST || undefined, 240_000);
    expect((await counts())[0]).toEqual({ issued: BURST, rows: BURST, people: BURST });
    const received = () => smtp.received.filter((m) => m.includes(`-${slug}@karvan.test`)).length;
    await waitFor('500 e-mails', () => Promise.resolve(received() >= BURST || undefined), 240_000);
    const files = readdirSync(join(storage, 'certificates'));
    const ids = await fixture.db.query<Array<{ id: string }>>('SELECT id FROM certificates WHERE course_id = $1', [
      courseId,
    ]);
    expect(ids.filter(({ id }) => files.includes(`${id}.pdf`))).toHaveLength(BURST);
    // Late duplicates would arrive after the count is reached: give them a moment, then count again.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(received()).toBe(BURST);
  });
});

/** The same cookies (session, CSRF, language) sent to another replica. */
function sameBrowser(client: WebClient, url: string): WebClient {
  const copy = new WebClient(url);
  for (const [name, value] of client.cookies) copy.cookies.set(name, value);
  return copy;
}

function startApi(env: Record<string, string>): ChildProcess {
  if (!existsSync(API)) throw new Error(`${API} is missing: run \`npm run build\` first`);
  return spawn(process.execPath, [API], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}
