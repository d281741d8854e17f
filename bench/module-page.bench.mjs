// Benchmark: the module page a signed-in trainee reads, under 100 concurrent connections,
// against a raw node:http server sending the same bytes, measured in the same run.
// Run with `npm run bench` (it builds first). Prints requests/s, p99 latency and the ratio.
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dist, load as loadWith, scratchDatabase, signInAsDemoTrainee } from './bench-lib.mjs';

const { loadConfig, withEmbeddedDatabase } = await import(new URL('libs/config/src/index.js', dist));
const { startEmbeddedPostgres } = await import(new URL('libs/database/src/index.js', dist));
const { installQueueBackend } = await import(new URL('libs/jobs/src/index.js', dist));

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 100;
const dataDir = mkdtempSync(join(tmpdir(), 'karvan-bench-'));

// Services mode by default (PostgreSQL and Redis, as in production); BENCH_MODE=embedded for PGlite.
const database = process.env.BENCH_MODE === 'embedded' ? await embeddedDatabase() : await scratchDatabase();
const env = {
  DATA_DIR: dataDir,
  LOG_LEVEL: 'error',
  CONTENT_SYNC: 'on-start',
  QUEUE_PREFIX: `karvan_bench_${process.pid}`,
};
const config = database.embedded
  ? withEmbeddedDatabase(loadConfig(env), database.url)
  : loadConfig({ ...env, DATABASE_URL: database.url, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
installQueueBackend(config);
const { createApp } = await import(new URL('apps/api/src/create-app.js', dist));
const app = await createApp(config, { inProcessWorker: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;

const cookie = await signInAsDemoTrainee(app, base);
const path = '/courses/migration-management-fundamentals/modules/migration-governance-azerbaijan';
const page = await fetch(base + path, { headers: { cookie } });
if (page.status !== 200) throw new Error(`module page answered ${page.status}`);
const body = Buffer.from(await page.arrayBuffer());

const load = (url, headers) => loadWith(url, headers, { connections: CONNECTIONS, seconds: DURATION });
const karvan = await load(base + path, { cookie });
const raw = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
  res.end(body);
});
await new Promise((resolve) => raw.listen(0, '127.0.0.1', resolve));
const baseline = await load(`http://127.0.0.1:${raw.address().port}/`, {});

console.log(`mode: ${config.mode}`);
console.log(`module page: ${body.length} bytes, ${CONNECTIONS} connections, ${DURATION} s each`);
console.log(`raw node:http   ${baseline.requests.average.toFixed(0)} req/s  p99 ${baseline.latency.p99} ms  (= 1.00)`);
console.log(
  `karvan (Fastify) ${karvan.requests.average.toFixed(0)} req/s  p99 ${karvan.latency.p99} ms  ` +
    `(= ${(karvan.requests.average / baseline.requests.average).toFixed(2)} of raw)`,
);
if (karvan.non2xx > 0) console.log(`warning: ${karvan.non2xx} responses were not 2xx`);

raw.close();
await app.close();
await database.stop();
rmSync(dataDir, { recursive: true, force: true });

async function embeddedDatabase() {
  const db = await startEmbeddedPostgres({ dataDir });
  return { embedded: true, url: db.url, stop: () => db.stop() };
}
