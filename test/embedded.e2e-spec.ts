import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, withEmbeddedDatabase } from '@karvan/config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@karvan/database';
import { installQueueBackend } from '@karvan/jobs';
import { DEMO_COMPLETED_COURSE } from '@karvan/demo';
import { createUser, shippedContent, TEST_PASSWORD, waitFor, WebClient } from '@karvan/testing';
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

/**
 * One data directory through two starts, as a laptop sees it: PGlite's first start (its initdb and
 * every migration) is most of this suite's time, so the stop, the restart and the job round trip
 * share it rather than each making their own.
 */
describe('embedded mode (PGlite + BullMQ on PostgreSQL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'karvan-embedded-'));
  let contentDir: string;
  beforeAll(async () => {
    // The demo's completed course, not the whole curriculum: syncing that into PGlite takes minutes.
    contentDir = await shippedContent([DEMO_COMPLETED_COURSE]);
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(contentDir, { recursive: true, force: true });
  });

  it('runs without DATABASE_URL, and stops within seconds in the middle of a certificate job', async () => {
    // The first start seeds the demo, whose trainee's certificate is then being rendered, slowly.
    const first = await startEmbedded(dataDir, {
      CONTENT_SYNC: 'on-start',
      CONTENT_DIR: contentDir,
      CERTIFICATE_SWEEP_SECONDS: '1',
      KARVAN_FAULT_CERTIFICATE_PAUSE_MS: '3000',
    });
    expect(first.config.mode).toBe('embedded');
    expect(first.config.queueBackend).toBe('postgres');
    await createUser(first.db, ['admin'], 'Embedded Admin');
    await waitFor('the certificate job to start', async () => {
      const [row] = await first.db.query<Array<{ attempts: number }>>(`SELECT attempts FROM certificates LIMIT 1`);
      return (row?.attempts ?? 0) > 0;
    });
    const stopping = Date.now();
    await first.stop();
    // Bounds a hang, not speed: a loaded machine may take a while to close PGlite and the api.
    expect(Date.now() - stopping).toBeLessThan(60_000);
  });

  it('keeps its data across a restart, issues the certificate and completes a job round trip', async () => {
    const app = await startEmbedded(dataDir, { CERTIFICATE_SWEEP_SECONDS: '1' });
    try {
      const [admin] = await app.db.query<Array<{ email: string }>>(
        `SELECT email FROM users WHERE name = 'Embedded Admin'`,
      );
      expect(admin).toBeDefined();
      await waitFor('the certificate to be issued after the restart', async () => {
        const [row] = await app.db.query<Array<{ status: string }>>(`SELECT status FROM certificates LIMIT 1`);
        return row?.status === 'issued';
      });
      const [{ n }] = await app.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM certificates`);
      expect(n).toBe(1);

      const client = new WebClient(app.url);
      expect((await signIn(client, admin.email, TEST_PASSWORD)).status).toBe(303);
      const { jobId } = (await client.json('POST', '/api/v1/admin/jobs/purge-expired')).json<{ jobId: string }>();
      await waitFor('the maintenance job to complete', async () => {
        const status = (await client.json('GET', `/api/v1/admin/jobs/maintenance/${jobId}`)).json();
        return status.state === 'completed';
      });
      expect((await new WebClient(app.url).get('/health')).json()).toMatchObject({ status: 'ok' });
    } finally {
      await app.stop();
    }
  });
});
