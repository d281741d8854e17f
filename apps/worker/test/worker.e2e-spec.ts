import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { loadConfig } from '@karvan/config';
import { installQueueBackend } from '@karvan/jobs';
import { createUser, TEST_PASSWORD, waitFor, type WebClient } from '@karvan/testing';
import { signIn, startTestApp, type TestApp } from '../../api/test/test-app.js';
import { WorkerModule } from '../src/worker.module.js';

function waitForState(client: WebClient, jobId: string, wanted: string): Promise<Record<string, unknown>> {
  return waitFor(`job ${jobId} to reach ${wanted}`, async () => {
    const status = (await client.json('GET', `/api/v1/admin/jobs/maintenance/${jobId}`)).json();
    return status.state === wanted ? status : undefined;
  });
}

describe('jobs: api and worker as separate parts on Redis', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let admin: WebClient;

  beforeAll(async () => {
    api = await startTestApp();
    const config = loadConfig();
    installQueueBackend(config);
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    const { email } = await createUser(api.db, ['admin']);
    admin = api.client();
    await signIn(admin, email, TEST_PASSWORD);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('runs a job queued by the api in the worker and reports its result', async () => {
    await api.db.query(
      `INSERT INTO sessions (id, user_id, expires_at)
       SELECT repeat('e', 64), id, now() - interval '1 hour' FROM users LIMIT 1`,
    );
    const queued = await admin.json('POST', '/api/v1/admin/jobs/purge-expired');
    expect(queued.status).toBe(201);
    const { jobId } = queued.json<{ jobId: string }>();
    const status = await waitForState(admin, jobId, 'completed');
    expect(status.result).toMatchObject({ sessions: expect.any(Number), mailRequeued: expect.any(Number) });
    expect((status.result as { sessions: number }).sessions).toBeGreaterThanOrEqual(1);
    const left = await api.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM sessions WHERE id = repeat('e', 64)`,
    );
    expect(left[0].n).toBe(0);
  });

  it('says so when asked about a job that does not exist', async () => {
    const res = await admin.json('GET', '/api/v1/admin/jobs/maintenance/no-such-job');
    expect(res.status).toBe(404);
  });
});
