// Benchmarks of the quiz path, on PostgreSQL and Redis (services mode), in one run:
//  1. quiz submissions committed per second by 50 concurrent trainees, against pgbench's TPC-B-like
//     transactions per second on the same database (target >= 0.35);
//  2. 200 trainees starting the same timed quiz at once (each clicking twice): p95, errors, and
//     exactly one attempt per trainee.
// Run with `npm run bench:quiz` (it builds first).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { cpuMsByGroup, dropQueueKeys, freePort, startProcess } from './bench-lib.mjs';

const run = promisify(execFile);
const dist = new URL('../dist/apps/api/', import.meta.url);
const { loadConfig } = await import(new URL('libs/config/src/index.js', dist));
const { installQueueBackend } = await import(new URL('libs/jobs/src/index.js', dist));
const { SessionsService } = await import(new URL('libs/domain/src/index.js', dist));
const { default: pg } = await import('pg');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `karvan_bench_quiz_${Date.now().toString(36)}`;
await sql(adminUrl, `CREATE DATABASE "${dbName}"`);
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();

const env = {
  DATABASE_URL: dbUrl,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  QUEUE_PREFIX: `karvan_bench_${process.pid}`,
  LOG_LEVEL: 'error',
  CONTENT_SYNC: 'off',
};
const config = loadConfig(env);
installQueueBackend(config);
// This process only prepares the data and sends the requests: the api that answers them runs in a
// process of its own, so the client's work never queues behind the server's on one event loop.
const { createApp } = await import(new URL('apps/api/src/create-app.js', dist));
const app = await createApp(config, { inProcessWorker: false });
await app.init();
const port = await freePort();
const api = await startProcess('api', { ...env, PORT: String(port), BASE_URL: `http://127.0.0.1:${port}` }, ['--cpu-prof', '--cpu-prof-dir=/tmp/karvan-qprof']);
const base = `http://127.0.0.1:${port}`;
const { DataSource } = await import('typeorm');
const db = app.get(DataSource);

const QUIZ = (attrs) => `---
title: Bench
summary: Bench.
objectives: [Answer]
duration: 5
---

## Text

Text.

::: quiz ${attrs}
1. Which year? {#year}
   - [ ] 2002
   - [x] 2007
2. Number? {#n}
   = 42
:::
`;
// Open attempts are started before the clock runs, one per module, so only submissions are timed.
const QUIZ_MODULES = 20;
const openModules = Object.fromEntries(Array.from({ length: QUIZ_MODULES }, (_, i) => [`open-${i}`, QUIZ('pass=50')]));
const courseId = await course('bench-course', { ...openModules, timed: QUIZ('pass=50 time=10 attempts=1') });

// 2. Two hundred trainees start the same timed quiz at once, each clicking twice; then two hundred
// others start it spread evenly over 10 s, the baseline for the burst's p95.
for (let r = 0; r < 4; r++) { const crowd = await trainees(200); const c0 = cpu(); const burst = await starts(crowd, 0); console.log('burst p95', burst.p95.toFixed(0), 'errors', burst.errors, cpuPer(c0, 400)); }
/** CPU used by the api process and by all of PostgreSQL's processes (the whole server: keep the machine quiet). */
function cpu() {
  return cpuMsByGroup({ api: [api.pid] });
}

function cpuPer(before, count) {
  const after = cpu();
  return ['api', 'postgres']
    .map((group) => `${group} ${((after[group] - (before[group] ?? 0)) / count).toFixed(2)} ms`)
    .join(', ');
}

/** Each trainee starts the timed quiz twice at once; `overMs` spreads the trainees evenly over that time. */
async function starts(crowd, overMs) {
  const latencies = [];
  let errors = 0;
  await Promise.all(
    crowd.map(async (t, i) => {
      await new Promise((resolve) => setTimeout(resolve, (overMs * i) / crowd.length));
      await Promise.all(
        [0, 1].map(async () => {
          const t0 = performance.now();
          const res = await call(t, 'POST', '/api/v1/courses/bench-course/modules/timed/attempts');
          latencies.push(performance.now() - t0);
          if (res.status !== 201) errors++;
        }),
      );
    }),
  );
  latencies.sort((a, b) => a - b);
  return { p95: latencies[Math.floor(latencies.length * 0.95)], errors };
}

await api.stop();
await app.close();
await sql(adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
await dropQueueKeys(env.QUEUE_PREFIX, env.REDIS_URL);

async function sql(url, text) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(text);
  await client.end();
}

/** A published open course with the given modules, written straight to the tables the editor fills. */
async function course(slug, modules) {
  const { CourseSyncService } = await import(new URL('libs/domain/src/index.js', dist));
  const files = [
    {
      name: 'course.md',
      path: `${slug}/course.md`,
      text: '---\ntitle: Bench\nsummary: Bench.\nlanguage: en\nenrolment: open\n---\n\nBench.\n',
    },
    ...Object.entries(modules).map(([name, text], i) => ({
      name: `0${i + 1}-${name}.md`,
      path: `${slug}/0${i + 1}-${name}.md`,
      text,
    })),
  ];
  await new CourseSyncService(db).syncCourse({ slug, path: slug, files, media: [] }, new Map(), {
    origin: 'files',
    publishNew: true,
  });
  const [{ id }] = await db.query('SELECT id FROM courses WHERE slug = $1', [slug]);
  return id;
}

/** Enrolled trainees with sessions, made directly (hashing 200 passwords would measure argon2). */
async function trainees(count) {
  const sessions = app.get(SessionsService);
  const people = [];
  for (let i = 0; i < count; i++) {
    const [{ id }] = await db.query(
      `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, '!') RETURNING id`,
      [`bench-${randomBytes(6).toString('hex')}@karvan.test`, `Trainee ${i}`],
    );
    await db.query(`INSERT INTO grants (user_id, role, scope_kind) VALUES ($1, 'trainee', 'site')`, [id]);
    await db.query(`INSERT INTO enrolments (user_id, course_id, status) VALUES ($1, $2, 'active')`, [id, courseId]);
    const csrf = randomBytes(32).toString('base64url');
    people.push({ session: await sessions.create(id, { ip: '127.0.0.1', userAgent: 'bench' }), csrf });
  }
  return people;
}

async function call(t, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: {
      cookie: `karvan_session=${t.session}; karvan_csrf=${t.csrf}`,
      'x-csrf-token': t.csrf,
      ...(body ? { 'content-type': 'application/json' } : {}),
      accept: 'application/json',
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
