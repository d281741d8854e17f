import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, withEmbeddedDatabase } from '@karvan/config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@karvan/database';
import { installQueueBackend } from '@karvan/jobs';
import { createUser, TEST_PASSWORD, waitFor, WebClient } from '@karvan/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { createApp } from '../apps/api/src/create-app.js';
import { signIn } from '../apps/api/test/test-app.js';

/** `npm start` with no configuration: PGlite in-process, BullMQ on its Postgres backend, one process. */
async function startEmbedded(dataDir: string, env: Record<string, string> = {}) {
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir });
  const config = withEmbeddedDatabase(
    loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error', TRUST_PROXY: 'true', CONTENT_SYNC: 'off', ...env }),
    embedded.url,
  );
  installQueueBackend(config);
  const app: NestFastifyApplication = await createApp(config, { inProcessWorker: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return {
    config,
    url,
    db: app.get(DataSource),
    async stop() {
      await app.close();
      await embedded.stop();
    },
  };
}

describe('embedded mode (PGlite + BullMQ on PostgreSQL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'karvan-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs without DATABASE_URL and completes a job round trip in one process', async () => {
    const app = await startEmbedded(dataDir);
    try {
      expect(app.config.mode).toBe('embedded');
      expect(app.config.queueBackend).toBe('postgres');
      const { email } = await createUser(app.db, ['admin'], 'Embedded Admin');
      const admin = new WebClient(app.url);
      expect((await signIn(admin, email, TEST_PASSWORD)).status).toBe(303);
      const { jobId } = (await admin.json('POST', '/api/v1/admin/jobs/purge-expired')).json<{ jobId: string }>();
      await waitFor('the maintenance job to complete', async () => {
        const status = (await admin.json('GET', `/api/v1/admin/jobs/maintenance/${jobId}`)).json();
        return status.state === 'completed';
      });
      expect((await new WebClient(app.url).get('/health')).json()).toMatchObject({ status: 'ok' });
    } finally {
      await app.stop();
    }
  });

  it('keeps its data across a restart', async () => {
    const app = await startEmbedded(dataDir);
    try {
      const rows = await app.db.query<unknown[]>(`SELECT name FROM users WHERE name = 'Embedded Admin'`);
      expect(rows).toHaveLength(1);
    } finally {
      await app.stop();
    }
  });
});

describe('embedded mode stopping in the middle of a certificate job', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'karvan-embedded-stop-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops within seconds, and issues the certificate after the restart', async () => {
    // The first start seeds the demo, whose trainee's certificate is then being rendered, slowly.
    const first = await startEmbedded(dataDir, {
      CONTENT_SYNC: 'on-start',
      CERTIFICATE_SWEEP_SECONDS: '1',
      KARVAN_FAULT_CERTIFICATE_PAUSE_MS: '3000',
    });
    await waitFor('the certificate job to start', async () => {
      const [row] = await first.db.query<Array<{ attempts: number }>>(`SELECT attempts FROM certificates LIMIT 1`);
      return (row?.attempts ?? 0) > 0;
    });
    const stopping = Date.now();
    await first.stop();
    // Bounds a hang, not speed: a loaded machine may take a while to close PGlite and the api.
    expect(Date.now() - stopping).toBeLessThan(60_000);

    const second = await startEmbedded(dataDir, { CERTIFICATE_SWEEP_SECONDS: '1' });
    try {
      await waitFor('the certificate to be issued after the restart', async () => {
        const [row] = await second.db.query<Array<{ status: string }>>(`SELECT status FROM certificates LIMIT 1`);
        return row?.status === 'issued';
      });
      const [{ n }] = await second.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM certificates`);
      expect(n).toBe(1);
    } finally {
      await second.stop();
    }
  });
});
