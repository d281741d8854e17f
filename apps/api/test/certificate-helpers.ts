import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createScratchDatabase,
  createUser,
  TEST_PASSWORD,
  WAIT_LIMIT_MS,
  waitFor,
  type WebClient,
} from '@karvan/testing';
import type { DataSource } from 'typeorm';
import { signIn, startTestApp, type TestApp } from './test-app.js';

// Kept here as well: the certificate and summer tests import it from this file.
export { waitFor };

export interface CertificateApp {
  t: TestApp;
  storage: string;
  close(): Promise<void>;
}

/**
 * The api with its worker in-process, on a database, storage folder and queue prefix of its own:
 * this file's worker takes no other file's certificates.
 */
export async function startCertificateApp(name: string): Promise<CertificateApp> {
  const storage = mkdtempSync(join(tmpdir(), 'karvan-certs-'));
  const t = await startTestApp(
    {
      DATABASE_URL: await createScratchDatabase(name),
      STORAGE_DIR: storage,
      CERTIFICATE_SWEEP_SECONDS: '2',
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_${name}`,
    },
    true,
  );
  return {
    t,
    storage,
    close: async () => {
      await t.close();
      rmSync(storage, { recursive: true, force: true });
    },
  };
}

/** A new account with one role, signed in. */
export async function signedIn(t: TestApp, role: 'admin' | 'coordinator' | 'trainer' | 'trainee'): Promise<WebClient> {
  const { email } = await createUser(t.db, [role], `A ${role}`);
  const client = t.client();
  await signIn(client, email, TEST_PASSWORD);
  return client;
}

const MODULE = `---
title: Only module
summary: The one module.
objectives:
  - Finish the course.
duration: 90
sources:
  - A primary source
---

## Text

Read this.
`;

/**
 * A published one-module course made in the editor by a new trainer; returns its slug. It has no
 * quiz, so it issues certificates only once an admin approves it, which is done unless `approved` is false.
 */
export async function certificateCourse(
  t: TestApp,
  title = 'Border management basics',
  { approved = true } = {},
): Promise<string> {
  const author = await createUser(t.db, ['trainer'], 'Course Author');
  const trainer = t.client();
  await signIn(trainer, author.email, TEST_PASSWORD);
  const slug = `cert-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
  await trainer.postForm('/authoring/courses', { title, slug, summary: 'S.', language: 'en', enrolmentMode: 'open' });
  await trainer.postForm(`/authoring/courses/${slug}/modules`, { title: 'Only module', slug: 'only' });
  await trainer.json('PUT', `/api/v1/authoring/courses/${slug}/modules/only`, { markdown: MODULE });
  await trainer.postForm(`/authoring/courses/${slug}/status`, { status: 'published' });
  if (approved) {
    const admin = await createUser(t.db, ['admin'], 'Approving Admin');
    const client = t.client();
    await signIn(client, admin.email, TEST_PASSWORD);
    expect((await client.json('PUT', `/api/v1/authoring/courses/${slug}/certificate-approval`)).status).toBe(200);
  }
  return slug;
}

export interface Holder {
  client: WebClient;
  userId: string;
  email: string;
}

/** A new trainee who enrols in the course and reads its module, which completes it. */
export async function completeCourse(t: TestApp, slug: string, name = 'Gülnarə Şükürova'): Promise<Holder> {
  const { user, email } = await createUser(t.db, ['trainee'], name);
  const client = t.client();
  await signIn(client, email, TEST_PASSWORD);
  expect((await client.postForm(`/courses/${slug}/enrol`, {})).status).toBe(303);
  const read = await client.postForm(`/courses/${slug}/modules/only/read`, {});
  expect(read.location).toBe(`/courses/${slug}?notice=completed`);
  return { client, userId: user.id, email };
}

export interface CertificateRow {
  id: string;
  code: string;
  status: string;
  revision: number;
  attempts: number;
  pdf_key: string | null;
  last_error: string | null;
}

export async function certificatesOf(db: DataSource, userId: string): Promise<CertificateRow[]> {
  return db.query(
    `SELECT id, code, status, revision, attempts, pdf_key, last_error FROM certificates WHERE user_id = $1`,
    [userId],
  );
}

export async function mailsFor(db: DataSource, email: string, subjectPart = 'certificate'): Promise<number> {
  const [row] = await db.query<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM outbox_emails WHERE to_address = $1 AND subject ILIKE '%' || $2 || '%'`,
    [email, subjectPart],
  );
  return row.n;
}

export async function waitIssued(db: DataSource, userId: string, ms = WAIT_LIMIT_MS): Promise<CertificateRow> {
  return waitFor(
    'the certificate to be issued',
    async () => {
      const [row] = await certificatesOf(db, userId);
      return row?.status === 'issued' ? row : undefined;
    },
    ms,
  );
}

const WORKER = 'dist/apps/worker/apps/worker/src/main.js';

/** The real worker process, built by `npm run build` (the test script builds first). */
export function startWorker(env: Record<string, string>, nodeOptions: string[] = []): ChildProcess {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first`);
  return spawn(process.execPath, [...nodeOptions, WORKER], {
    // Normal priority: these tests are about recovery, and priority.spec.ts tests the lowering.
    // At nice 10 a worker beside four busy test processes got a sliver of the two cores, and in CI
    // a restarted one missed its minute to finish a stalled certificate (2026-12-06).
    env: { ...process.env, LOG_LEVEL: 'error', WORKER_NICE: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function stopWorker(worker: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!worker || worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  worker.kill(signal);
  await exited;
}
