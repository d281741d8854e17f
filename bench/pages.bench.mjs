// Benchmark: the pages people open most, each against a raw node:http server sending the same bytes,
// measured in the same run. Signed-in pages are asked for by 100 trainees in turn, each with their
// own session and progress (many-readers.mjs). The api runs as its own process (`node main.js`, services mode), the
// load comes from wrk in another; targets and baselines alternate for BENCH_ROUNDS rounds and the
// median and the range are printed. Then the api's RSS and live heap over rounds of 10,000 page requests.
// Run with `npm run bench:pages` (it builds first). BENCH_SECONDS per measurement (default 5).
// BENCH_ACCEPT_ENCODING="br, gzip" asks for every page as a browser does; the baseline then sends
// the same compressed bytes, so the ratio includes what compressing costs.
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  alternate,
  benchInstallation,
  certificateBurst,
  enrol,
  ensureWrk,
  freePort,
  heapSnapshotArgs,
  memoryRounds,
  median,
  rawServer,
  signIn,
  startProcess,
  summary,
  wrk,
} from './bench-lib.mjs';
import { manyReaders, rotatingCookies, rotatingPaths } from './many-readers.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 100;
const COURSE = 'migration-management-fundamentals';

ensureWrk();
const port = await freePort();
const installation = await benchInstallation('pages', { PORT: String(port), BASE_URL: `http://127.0.0.1:${port}` });
const { env, cli } = installation;
const snapshots = mkdtempSync(join(tmpdir(), 'karvan-bench-heap-'));
const api = await startProcess('api', { ...env, CONTENT_SYNC: 'on-start' }, heapSnapshotArgs(snapshots));
cli('demo', 'seed'); // after the content sync: the demo finishes a shipped course
// The demo trainee's finished course has a certificate, and /verify is asked for 100 codes in
// turn (checks of one code would share each batch's read): a worker issues them.
const worker = await startProcess('worker', { ...env, CONTENT_SYNC: 'off' });
const base = env.BASE_URL;
const codes = await certificateCodes(base, CONNECTIONS);
await worker.stop();

const trainee = await signIn(base, 'trainee@karvan.example');
await enrol(base, trainee.cookie, trainee.csrf, COURSE);
// Under load, signed-in pages are asked for by 100 readers in turn (see many-readers.mjs); the
// demo trainee's pages are what the baseline sends.
const readers = rotatingCookies(await manyReaders(installation.databaseUrl, COURSE, CONNECTIONS));
const signedIn = { headers: { cookie: trainee.cookie }, script: readers };
const pages = [
  {
    name: 'module page',
    path: `/courses/${COURSE}/modules/migration-governance-azerbaijan`,
    ...signedIn,
    target: 0.25,
  },
  { name: 'catalogue /courses', path: '/courses', ...signedIn, target: 0.15 },
  { name: 'course page', path: `/courses/${COURSE}`, ...signedIn, target: 0.15 },
  { name: 'home (trainee)', path: '/', ...signedIn, target: 0.15 },
  { name: 'anonymous /login', path: '/login', headers: {}, target: 0.35 },
  {
    name: 'anonymous /verify',
    path: `/verify/${codes[0]}`,
    headers: {},
    script: rotatingPaths(codes.map((code) => `/verify/${code}`)),
    target: 0.35,
  },
];
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING;
for (const page of pages) {
  const res = await fetch(base + page.path, { headers: page.headers });
  if (res.status !== 200) throw new Error(`${page.path} answered ${res.status}`);
  page.body = Buffer.from(await res.arrayBuffer());
  page.raw = await rawServer(page.body);
  if (ACCEPT_ENCODING) {
    page.headers = { ...page.headers, 'accept-encoding': ACCEPT_ENCODING };
    const sent = await undecoded(base + page.path, page.headers);
    page.raw.close();
    page.raw = await rawServer(sent.body, 'text/html; charset=utf-8', {
      'content-encoding': sent.encoding,
      vary: 'accept-encoding',
    });
  }
  const compressed = await fetch(base + page.path, { headers: { ...page.headers, 'accept-encoding': 'br, gzip' } });
  page.transferred =
    Number(compressed.headers.get('content-length') ?? 0) || (await compressed.arrayBuffer()).byteLength;
  page.encoding = compressed.headers.get('content-encoding') ?? 'none';
}

const options = { connections: CONNECTIONS, seconds: SECONDS };
// Warm-up, not measured: the first load of a page compiles its code and fills the caches.
for (const page of pages) await wrk(base + page.path, page.headers, { ...options, seconds: 2, script: page.script });
const measurements = {};
for (const page of pages) {
  measurements[page.name] = () => wrk(base + page.path, page.headers, { ...options, script: page.script });
  measurements[`${page.name} (raw)`] = () => wrk(page.raw.url, {}, options);
}
const results = await alternate(ROUNDS, measurements);

console.log(`machine: ${cpus().length} × ${cpus()[0].model}; node ${process.version}; services mode`);
console.log(
  `wrk -t1 -c${CONNECTIONS}, ${SECONDS} s per measurement, ${ROUNDS} alternating rounds; median (min–max)` +
    (ACCEPT_ENCODING ? `; Accept-Encoding: ${ACCEPT_ENCODING}, the baseline sending the same compressed bytes` : '') +
    '\n',
);
for (const page of pages) {
  const karvan = results[page.name];
  const raw = results[`${page.name} (raw)`];
  const ratios = karvan.map((k, i) => k.rps / raw[i].rps);
  const failures = karvan.reduce((n, k) => n + k.non2xx + k.errors, 0);
  console.log(
    `${page.name.padEnd(20)} ${String(page.body.length).padStart(6)} B (${page.encoding} ${page.transferred} B)  ` +
      `karvan ${summary(
        karvan.map((k) => k.rps),
        0,
      )} req/s  p99 ${summary(
        karvan.map((k) => k.p99),
        1,
      )} ms  ` +
      `raw ${median(raw.map((r) => r.rps)).toFixed(0)} req/s  ratio ${summary(ratios)} (target ≥ ${page.target})` +
      (failures ? `  FAILURES ${failures}` : ''),
  );
}

// Memory: the api after rounds of the same 10,000 page requests (see memoryRounds). RSS moves with
// garbage collection, so the live heap after a full collection (a heap snapshot) is printed too.
const memory = await memoryRounds([api.pid], snapshots, () => requests(10_000, pages.slice(0, 4)));
console.log(`api's RSS after each 10,000 page requests: ${memory.rss.map(([mb]) => mb.toFixed(0)).join('; ')} MB`);
console.log(
  `api's live heap after the last: ${memory.heap[0][0].toFixed(1)} MB; after 10,000 more: ${memory.heap[1][0].toFixed(1)} MB`,
);
rmSync(snapshots, { recursive: true, force: true });

for (const page of pages) page.raw.close();
await api.stop();
await installation.stop();

async function requests(total, targets) {
  let next = 0;
  const one = async () => {
    while (next < total) {
      const page = targets[next++ % targets.length];
      const res = await fetch(base + page.path, { headers: page.headers });
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 20 }, one));
}

/** The body as sent (fetch would decode it), and its encoding. */
function undecoded(url, headers) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ encoding: res.headers['content-encoding'] ?? 'identity', body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** The demo trainee's certificate's code and `count - 1` more, issued as a burst is (bench-lib.mjs). */
async function certificateCodes(url, count) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: installation.databaseUrl });
  await client.connect();
  const query = async (sql, params) => (await client.query(sql, params)).rows;
  try {
    await certificateBurst(query, url, await signIn(url, 'admin@karvan.example'), count - 1);
    // The demo's own certificate is queued by the seed and may still be on its way.
    for (let waited = 0; ; waited += 50) {
      const rows = await query(`SELECT code FROM certificates WHERE status = 'issued' ORDER BY serial`);
      if (rows.length >= count) return rows.map((row) => row.code);
      if (waited > 30_000) throw new Error(`only ${rows.length} certificates were issued at ${url}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}
