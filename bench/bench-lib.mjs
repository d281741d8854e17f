// Shared by the benchmarks: a scratch database, api and worker processes, the load generator (wrk,
// in its own process), alternating rounds with median and spread, and the demo trainee's session.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { manyReaders, rotatingCookies } from './many-readers.mjs';
import { rssMb } from './process-stats.mjs';

export * from './process-stats.mjs';

export const dist = new URL('../dist/apps/api/', import.meta.url);
const runFile = promisify(execFile);
const API_MAIN = new URL('../dist/apps/api/apps/api/src/main.js', import.meta.url).pathname;
const WORKER_MAIN = new URL('../dist/apps/worker/apps/worker/src/main.js', import.meta.url).pathname;

/**
 * The Node flags the api runs with in production (package.json's start scripts, the Docker image's
 * command; test/start-commands.spec.ts keeps them the same): a 64 MB young generation, so a page's
 * many short-lived objects die in fewer scavenges (docs/operations.md, "Node flags").
 * BENCH_NODE_ARGS replaces them, to measure without ("") or with other flags.
 */
export const API_NODE_ARGS =
  process.env.BENCH_NODE_ARGS === undefined
    ? ['--max-semi-space-size=64']
    : process.env.BENCH_NODE_ARGS.split(' ').filter(Boolean);

/**
 * The worker's Node flags in production (package.json's start:worker, docker/compose.yaml; the same
 * test keeps them in step): a 32 MB young generation, so rendering's short-lived objects die in
 * fewer scavenges. BENCH_WORKER_NODE_ARGS replaces them ("" for none).
 */
export const WORKER_NODE_ARGS =
  process.env.BENCH_WORKER_NODE_ARGS === undefined
    ? ['--max-semi-space-size=32']
    : process.env.BENCH_WORKER_NODE_ARGS.split(' ').filter(Boolean);

/** wrk is the load generator (Debian package `wrk`); installed here when missing and we are root. */
export function ensureWrk() {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (error) {
    // wrk --version exits 1 after printing its banner; only a missing binary is a problem.
    if (error.code !== 'ENOENT') return;
    if (process.getuid?.() !== 0) throw new Error('wrk is missing: sudo apt-get install -y wrk');
    execFileSync('apt-get', ['install', '-y', '-q', 'wrk'], { stdio: 'inherit' });
  }
}

/**
 * One wrk run: requests/s, latency percentiles (ms) and failures. `-t1`, as the figures
 * were taken, so the load generator takes one core at most. `script`: a wrk Lua script (many-readers.mjs).
 */
export async function wrk(url, headers = {}, { connections = 100, seconds = 10, threads = 1, script } = {}) {
  const args = [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--latency', '--timeout', '10s'];
  if (script) args.push('-s', script);
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  const { stdout } = await runFile('wrk', [...args, url], { maxBuffer: 1024 * 1024 });
  const number = (re) => Number(re.exec(stdout)?.[1] ?? 0);
  return {
    rps: number(/Requests\/sec:\s+([\d.]+)/),
    p50: latencyMs(/^\s+50%\s+(\S+)/m.exec(stdout)?.[1]),
    p99: latencyMs(/^\s+99%\s+(\S+)/m.exec(stdout)?.[1]),
    non2xx: number(/Non-2xx or 3xx responses:\s+(\d+)/),
    errors: [...stdout.matchAll(/(?:connect|read|write|timeout) (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0),
  };
}

function latencyMs(text) {
  if (!text) return NaN;
  const value = Number.parseFloat(text);
  if (text.endsWith('us')) return value / 1000;
  if (text.endsWith('ms')) return value;
  if (text.endsWith('m')) return value * 60_000;
  return value * 1000;
}

/** Runs every measurement once per round, alternating, so drift in the machine hits all of them. */
export async function alternate(rounds, measurements) {
  const results = Object.fromEntries(Object.keys(measurements).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, measure] of Object.entries(measurements)) results[name].push(await measure());
  }
  return results;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** "0.31 (0.29–0.33)": the median and the range over the rounds. */
export function summary(values, digits = 2) {
  const fixed = (n) => n.toFixed(digits);
  return `${fixed(median(values))} (${fixed(Math.min(...values))}–${fixed(Math.max(...values))})`;
}

/**
 * The same page from two or more apis ({ name, port }) on one database: a warm-up, then alternating
 * rounds of wrk; prints each one's median (min–max) and, per round, the first ÷ the second.
 */
export async function compareApis(apis, path, headers, { rounds, seconds, script }) {
  const load = (api, s) =>
    wrk(`http://127.0.0.1:${api.port}${path}`, headers, { connections: 100, seconds: s, script });
  for (const api of apis) await load(api, 3);
  const results = apis.map(() => ({ rps: [], p99: [] }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, api] of apis.entries()) {
      const result = await load(api, seconds);
      if (result.non2xx + result.errors > 0) throw new Error(`${api.name}: ${result.non2xx + result.errors} failures`);
      results[i].rps.push(result.rps);
      results[i].p99.push(result.p99);
    }
  }
  console.log(`${path}, wrk -t1 -c100, ${seconds} s × ${rounds} alternating rounds; median (min–max)`);
  for (const [i, api] of apis.entries()) {
    console.log(`${api.name.padEnd(36)} ${summary(results[i].rps, 0)} req/s  p99 ${summary(results[i].p99, 1)} ms`);
  }
  const ratios = results[0].rps.map((rps, i) => rps / results[1].rps[i]);
  console.log(`${apis[0].name} ÷ ${apis[1].name}: ${summary(ratios)}`);
}

/** A raw node:http server answering every request with the same bytes (and headers): the baseline. */
export async function rawServer(body, contentType = 'text/html; charset=utf-8', headers = {}) {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': body.length, ...headers });
    res.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

// Children die with the benchmark, even when it fails half-way.
const children = new Set();
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

/**
 * Starts `node main.js` of the api (with API_NODE_ARGS, or apiFlags) or the worker (with
 * WORKER_NODE_ARGS); resolves when it answers.
 */
export async function startProcess(kind, env, nodeArgs = [], apiFlags = API_NODE_ARGS) {
  const main = kind === 'api' ? API_MAIN : WORKER_MAIN;
  const flags = kind === 'api' ? apiFlags : WORKER_NODE_ARGS;
  const child = spawn(process.execPath, [...flags, ...nodeArgs, main], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let output = '';
  child.stdout.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  child.stderr.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  const ready =
    kind === 'api' ? () => fetch(`http://127.0.0.1:${env.PORT}/health`).then((r) => r.ok) : async () => true;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${kind} exited:\n${output}`);
    if (await ready().catch(() => false)) {
      if (kind === 'worker') await new Promise((r) => setTimeout(r, 1500));
      return { child, pid: child.pid, stop: () => stopProcess(child), rssMb: () => rssMb(child.pid) };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${kind} did not start:\n${output}`);
}

async function stopProcess(child) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

export async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** Signs a demo account in through the login form; returns the cookie header and the CSRF token. */
export async function signIn(url, email, password = 'karvan-demo') {
  const jar = new Map();
  const remember = (res) => {
    for (const c of res.headers.getSetCookie()) jar.set(c.split('=')[0], c.split(';')[0].split('=').slice(1).join('='));
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  remember(await fetch(`${url}/login`));
  const form = new URLSearchParams({ _csrf: jar.get('karvan_csrf'), email, password });
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    body: form,
    headers: { cookie: header() },
    redirect: 'manual',
  });
  if (res.status !== 303 && res.status !== 302) throw new Error(`sign-in as ${email} answered ${res.status}`);
  remember(res);
  return { cookie: header(), csrf: jar.get('karvan_csrf') };
}

/** Seeds the demo (the CLI, with the benchmark's settings), signs the demo trainee in and enrols them. */
export async function signInAsDemoTrainee(env, url) {
  execFileSync(
    process.execPath,
    [new URL('../dist/apps/cli/apps/cli/src/main.js', import.meta.url).pathname, 'demo', 'seed'],
    {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    },
  );
  const { cookie, csrf } = await signIn(url, 'trainee@karvan.example');
  await enrol(url, cookie, csrf, 'migration-management-fundamentals');
  return cookie;
}

export async function enrol(url, cookie, csrf, course) {
  await fetch(`${url}/courses/${course}/enrol`, {
    method: 'POST',
    body: new URLSearchParams({ _csrf: csrf }),
    headers: { cookie },
    redirect: 'manual',
  });
}

/**
 * A scratch installation for a benchmark: its own database (migrated), data folder and queue
 * prefix; `cli(...)` runs the command line against it; `stop()` drops it all. `settings` adds to
 * the environment every process of the benchmark gets (BASE_URL, PORT, …).
 */
export async function benchInstallation(name, settings = {}) {
  const database = await scratchDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), `karvan-${name}-`));
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `karvan_${name}_${process.pid}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    ...settings,
  };
  const cli = (...args) =>
    execFileSync(
      process.execPath,
      [new URL('../dist/apps/cli/apps/cli/src/main.js', import.meta.url).pathname, ...args],
      {
        env: { ...process.env, ...env },
        stdio: 'ignore',
      },
    );
  cli('db', 'migrate');
  return {
    env,
    dataDir,
    databaseUrl: database.url,
    cli,
    stop: async () => {
      await database.stop();
      await dropQueueKeys(env.QUEUE_PREFIX, env.REDIS_URL);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const DEMO_COURSE = 'migration-management-fundamentals';
/** The page the page benchmarks load most: a module of the demo course, 33 KB, signed in. */
export const MODULE_PAGE = `/courses/${DEMO_COURSE}/modules/migration-governance-azerbaijan`;

/**
 * An installation with the demo data, an api serving it (with `apiArgs` besides its flags), the
 * demo trainee signed in and enrolled in the demo course (whose pages the baselines send), and
 * `readers`, a wrk script that loads signed-in pages as 100 enrolled trainees in turn.
 */
export async function demoReader(name, apiArgs = []) {
  const port = await freePort();
  const installation = await benchInstallation(name, { PORT: String(port), BASE_URL: `http://127.0.0.1:${port}` });
  const api = await startProcess('api', { ...installation.env, CONTENT_SYNC: 'on-start' }, apiArgs);
  installation.cli('demo', 'seed'); // after the content sync: the demo finishes a shipped course
  const base = installation.env.BASE_URL;
  const trainee = await signIn(base, 'trainee@karvan.example');
  await enrol(base, trainee.cookie, trainee.csrf, DEMO_COURSE);
  // A wrk script for loading signed-in pages as 100 trainees in turn (many-readers.mjs).
  const readers = rotatingCookies(await manyReaders(installation.databaseUrl, DEMO_COURSE, 100));
  return { installation, api, base, trainee, readers };
}

/** Deletes the Redis keys of a queue prefix (jobs, rate-limit counters): a benchmark's leftovers. */
export async function dropQueueKeys(prefix, url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/** A PostgreSQL database of the benchmark's own, dropped by `stop()`. */
export async function scratchDatabase() {
  const { default: pg } = await import('pg');
  const admin = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `karvan_bench_${Date.now().toString(36)}_${process.pid}`;
  const run = async (sql) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { embedded: false, url: url.toString(), stop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/**
 * `count` trainees who completed the demo's fundamentals course get their certificates the way a
 * real burst does (an admin's "issue missing": one transaction records them, the dispatcher queues
 * the jobs). `query(sql, params)` resolves to rows. Resolves, once all are issued, to the seconds
 * from the admin's request.
 */
export async function certificateBurst(query, url, admin, count) {
  const [{ id: courseId }] = await query(`SELECT id FROM courses WHERE slug = 'migration-management-fundamentals'`);
  await query(
    `WITH people AS (
       INSERT INTO users (email, name, password_hash, locale)
       SELECT 'bench-' || g || '-' || gen_random_uuid() || '@karvan.example', 'Gülnarə Şükürova ' || g, 'x', 'az'
       FROM generate_series(1, $1::int) g RETURNING id
     )
     INSERT INTO course_completions (user_id, course_id) SELECT id, $2 FROM people`,
    [count, courseId],
  );
  const started = process.hrtime.bigint();
  await fetch(`${url}/courses/migration-management-fundamentals/certificates/issue`, {
    method: 'POST',
    body: new URLSearchParams({ _csrf: admin.csrf }),
    headers: { cookie: admin.cookie },
    redirect: 'manual',
  });
  for (;;) {
    const [{ n }] = await query(
      `SELECT count(*)::int AS n FROM certificates WHERE course_id = $1 AND status <> 'issued'`,
      [courseId],
    );
    if (n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}
