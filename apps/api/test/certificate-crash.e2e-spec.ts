import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { createScratchDatabase, freePort } from '@karvan/testing';
import {
  certificateCourse,
  certificatesOf,
  completeCourse,
  mailsFor,
  startWorker,
  stopWorker,
  waitFor,
  waitIssued,
} from './certificate-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

// Several waits of up to a minute each on a loaded machine.
jest.setTimeout(300_000);

/** Real worker processes: killed with SIGKILL mid-render, and running across a Redis restart. */
describe('certificates survive a worker killed mid-render', () => {
  let t: TestApp;
  let storage: string;
  let worker: ChildProcess | undefined;
  const prefix = `${process.env.QUEUE_PREFIX}_kill`;
  let database: string;

  // A database and queue prefix of its own: no other test's worker may touch these certificates.
  beforeAll(async () => {
    database = await createScratchDatabase('cert_kill');
    storage = mkdtempSync(join(tmpdir(), 'karvan-kill-'));
    t = await startTestApp({ DATABASE_URL: database, STORAGE_DIR: storage, QUEUE_PREFIX: prefix });
  });
  afterAll(async () => {
    await stopWorker(worker);
    await t.close();
    rmSync(storage, { recursive: true, force: true });
  });

  it('ends with exactly one certificate, one PDF and one e-mail', async () => {
    const env = {
      DATABASE_URL: database,
      STORAGE_DIR: storage,
      QUEUE_PREFIX: prefix,
      CERTIFICATE_SWEEP_SECONDS: '3600',
    };
    // The first worker hangs in the middle of rendering, long enough to be killed there.
    worker = startWorker({ ...env, KARVAN_FAULT_CERTIFICATE_PAUSE_MS: '60000' });
    const slug = await certificateCourse(t);
    const holder = await completeCourse(t, slug);
    await waitFor('the worker to claim the certificate', async () => {
      const [row] = await certificatesOf(t.db, holder.userId);
      return row?.attempts === 1 ? row : undefined;
    });
    await stopWorker(worker, 'SIGKILL');
    const [killed] = await certificatesOf(t.db, holder.userId);
    expect(killed.status).toBe('pending');

    // A new worker finds the job stalled (its lock expired with the dead process) and finishes it.
    worker = startWorker(env);
    const cert = await waitIssued(t.db, holder.userId);
    expect(cert.attempts).toBe(2);
    expect(await certificatesOf(t.db, holder.userId)).toHaveLength(1);
    expect(readdirSync(join(storage, 'certificates'))).toEqual([`${cert.id}.pdf`]);
    await waitFor('the e-mail', async () => (await mailsFor(t.db, holder.email)) === 1);
  });

  it('keeps issuing after a heap snapshot is taken on a signal', async () => {
    await stopWorker(worker);
    // The benchmarks measure a worker's live heap this way; Nest's shutdown hooks once stopped it on SIGUSR2.
    const snapshots = mkdtempSync(join(tmpdir(), 'karvan-snapshot-'));
    worker = startWorker({ DATABASE_URL: database, STORAGE_DIR: storage, QUEUE_PREFIX: prefix }, [
      '--heapsnapshot-signal=SIGUSR2',
      `--diagnostic-dir=${snapshots}`,
    ]);
    const slug = await certificateCourse(t);
    await waitIssued(t.db, (await completeCourse(t, slug)).userId);
    worker.kill('SIGUSR2');
    await snapshotWritten(snapshots);
    const holder = await completeCourse(t, slug);
    await waitIssued(t.db, holder.userId);
    expect(worker.exitCode).toBeNull();
    rmSync(snapshots, { recursive: true, force: true });
  });
});

/** Waits until a heap snapshot in `dir` has stopped growing: the process has gone on from it. */
async function snapshotWritten(dir: string): Promise<void> {
  let last = -1;
  await waitFor('the heap snapshot to be written', async () => {
    const file = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot'));
    const size = file ? statSync(join(dir, file)).size : -1;
    const done = size > 0 && size === last;
    last = size;
    if (!done) await new Promise((resolve) => setTimeout(resolve, 1000));
    return done;
  });
}

describe('certificates survive a Redis restart while their jobs wait (services mode)', () => {
  let redis: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  let t: TestApp;
  let storage: string;
  let port: number;
  let database: string;

  /** A Redis of this test's own, which keeps nothing on disk: a restart loses every job. */
  async function startRedis(): Promise<ChildProcess> {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await waitFor('Redis to listen', async () => (await canConnect(port)) || undefined);
    return child;
  }

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis();
    storage = mkdtempSync(join(tmpdir(), 'karvan-redis-'));
    database = await createScratchDatabase('cert_redis');
    t = await startTestApp({ DATABASE_URL: database, STORAGE_DIR: storage, REDIS_URL: `redis://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await stopWorker(worker);
    await t.close();
    await stopWorker(redis);
    rmSync(storage, { recursive: true, force: true });
  });

  it('issues every certificate once the worker runs, including those whose jobs Redis lost', async () => {
    const slug = await certificateCourse(t);
    const before = [await completeCourse(t, slug), await completeCourse(t, slug), await completeCourse(t, slug)];
    await stopWorker(redis, 'SIGKILL');
    redis = await startRedis();
    // The restart lost every waiting job.
    expect(
      execFileSync('redis-cli', ['-p', String(port), 'dbsize'])
        .toString()
        .trim(),
    ).toBe('0');
    expect(await waitingRows(t)).toBe(3);
    // The api reconnects by itself: a completion after the restart queues its job on the new Redis.
    const after = await waitFor('the api to reconnect', async () => {
      try {
        return await completeCourse(t, slug);
      } catch {
        return undefined;
      }
    });
    worker = startWorker({
      DATABASE_URL: database,
      STORAGE_DIR: storage,
      REDIS_URL: `redis://127.0.0.1:${port}`,
      CERTIFICATE_SWEEP_SECONDS: '1',
    });
    for (const holder of [...before, after]) {
      const cert = await waitIssued(t.db, holder.userId);
      expect(await certificatesOf(t.db, holder.userId)).toHaveLength(1);
      expect(readdirSync(join(storage, 'certificates'))).toContain(`${cert.id}.pdf`);
      await waitFor('the e-mail', async () => (await mailsFor(t.db, holder.email)) === 1);
    }
  });
});

async function waitingRows(t: TestApp): Promise<number> {
  const [row] = await t.db.query<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM certificates WHERE status = 'pending'`,
  );
  return row.n;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
