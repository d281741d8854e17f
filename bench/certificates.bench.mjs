// Benchmark: certificates issued per second by two worker processes (claim, render, store, sign,
// mark issued, keep the e-mail in the outbox: no SMTP) against the same PDF template rendered in a
// plain loop in two processes, alternating for BENCH_ROUNDS rounds (median and range); and the
// module page's p99 while 1,000 certificates are being issued, against its p99 when idle, for as
// many rounds. The workers run at WORKER_NICE as set (`idle` unless set). Run with
// `npm run bench:certificates` (builds first).
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import {
  benchInstallation,
  certificateBurst,
  cpuMsByGroup,
  dropQueueKeys,
  ensureWrk,
  freePort,
  heapSnapshotArgs,
  median,
  memoryRounds,
  signIn,
  signInAsDemoTrainee,
  startProcess,
  summary,
  WORKER_NODE_ARGS,
  wrk,
} from './bench-lib.mjs';
import { manyReaders, rotatingCookies } from './many-readers.mjs';

ensureWrk();
const BURST = Number(process.env.BENCH_CERTIFICATES ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 100;
const port = await freePort();
const installation = await benchInstallation('certs', {
  PORT: String(port),
  BASE_URL: `http://127.0.0.1:${port}`,
  CERTIFICATE_SWEEP_SECONDS: '3600',
});
const { env, dataDir: storage } = installation;
// The api in its own process with its production flags, as in bench:pages: run inside this
// process (as it was), its idle p99 was 88 ms against 36 ms there.
const api = await startProcess('api', { ...env, CONTENT_SYNC: 'on-start' });
const base = env.BASE_URL;
const { default: pg } = await import('pg');
const pool = new pg.Pool({ connectionString: installation.databaseUrl, max: 2 });
const query = async (sql, params) => (await pool.query(sql, params)).rows;
const cookie = await signInAsDemoTrainee(env, base);
const admin = await signIn(base, 'admin@karvan.example');
const modulePath = `${base}/courses/migration-management-fundamentals/modules/migration-governance-azerbaijan`;

// The baseline: the template in a plain loop, two processes at once.
async function renderLoop() {
  const perProcess = Math.ceil(BURST / 2);
  const loops = await Promise.all(
    [0, 1].map(async () => {
      const script = new URL('./render-loop.mjs', import.meta.url).pathname;
      const { stdout } = await promisify(execFile)(process.execPath, [script, String(perProcess)]);
      return JSON.parse(stdout);
    }),
  );
  return {
    rate: loops.reduce((sum, l) => sum + l.count / l.seconds, 0),
    // A plain loop is all CPU: its time per PDF is what one rendering costs.
    cpuMs: (1000 * loops.reduce((sum, l) => sum + l.seconds / l.count, 0)) / loops.length,
  };
}

// Two worker processes issue the bursts.
const workers = [0, 1].map(() =>
  spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []),
      ...WORKER_NODE_ARGS,
      ...heapSnapshotArgs(storage),
      new URL('../dist/apps/worker/apps/worker/src/main.js', import.meta.url).pathname,
    ],
    {
      env: { ...process.env, ...env, CONTENT_SYNC: 'off' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  ),
);
await burst(20);
// The loop and a burst alternate, so that drift in the machine hits both. Where the CPU of the
// bursts goes: the workers and the api.
const groups = { workers: workers.map((w) => w.pid), api: [api.pid] };
const rounds = [];
const cpu = {};
for (let round = 0; round < ROUNDS; round++) {
  const loop = await renderLoop();
  const before = cpuMsByGroup(groups);
  const { seconds } = await burst(BURST);
  const after = cpuMsByGroup(groups);
  for (const group of Object.keys(after)) cpu[group] = (cpu[group] ?? 0) + after[group] - (before[group] ?? 0);
  rounds.push({ loop, rate: BURST / seconds });
}
const cpuPerCertificate = Object.keys(cpu)
  .map((group) => `${group} ${(cpu[group] / (BURST * ROUNDS)).toFixed(1)}`)
  .join(', ');

// The module page's p99 idle, then while another burst is issued, alternating for the same
// rounds: one pair swung from 1.7 to 4.7 between runs. A first run warms the page up (compiled
// code, the text in memory): measured cold, the idle p99 was the slower of the two. Read by 100
// trainees in turn, as bench:pages does (many-readers.mjs).
const readers = rotatingCookies(
  await manyReaders(installation.databaseUrl, 'migration-management-fundamentals', CONNECTIONS),
);
const load = { connections: CONNECTIONS, seconds: SECONDS, script: readers };
await wrk(modulePath, { cookie }, { ...load, seconds: 3 });
const tails = [];
for (let round = 0; round < ROUNDS; round++) {
  const idle = await wrk(modulePath, { cookie }, load);
  const busyBurst = burst(BURST);
  const busy = await wrk(modulePath, { cookie }, load);
  tails.push({ idle, busy, seconds: (await busyBurst).seconds });
}
// Memory: the workers after more bursts of 1,000 (see memoryRounds).
const memory = await memoryRounds(
  workers.map((w) => w.pid),
  storage,
  () => burst(1000),
);

const loopRates = rounds.map((r) => r.loop.rate);
const workerRates = rounds.map((r) => r.rate);
const ratios = rounds.map((r) => r.rate / r.loop.rate);
const loopCpuMs = median(rounds.map((r) => r.loop.cpuMs)).toFixed(1);
console.log(`certificates: ${BURST} per burst, 2 worker processes (concurrency 2 each), services mode`);
console.log(`${ROUNDS} alternating rounds; median (min–max)`);
console.log(`plain render loop, 2 processes  ${summary(loopRates, 1)} PDFs/s`);
console.log(`workers, 2 processes           ${summary(workerRates, 1)} certificates/s`);
console.log(`ratio                          ${summary(ratios)} of the loop (target ≥ 0.8)`);
console.log(`CPU ms per certificate: ${cpuPerCertificate}; the loop's per PDF: ${loopCpuMs}`);
const p99s = (key) =>
  summary(
    tails.map((tail) => tail[key].p99),
    1,
  );
const rates = (key) =>
  summary(
    tails.map((tail) => tail[key].rps),
    0,
  );
console.log(`workers' priority: WORKER_NICE=${process.env.WORKER_NICE ?? 'idle (the default)'}`);
console.log(`module page p99 idle           ${p99s('idle')} ms  (${rates('idle')} req/s; target ≤ 50)`);
const burstSeconds = summary(
  tails.map((tail) => tail.seconds),
  1,
);
console.log(
  `module page p99 during burst   ${p99s('busy')} ms  (${rates('busy')} req/s; the bursts took ${burstSeconds} s)`,
);
console.log(`p99 during burst ÷ idle        ${summary(tails.map((t) => t.busy.p99 / t.idle.p99))}  (target ≤ 1.5)`);
const mb = (sizes, digits) => sizes.map((size) => size.toFixed(digits)).join(' and ');
console.log(
  `workers' RSS after each 1,000 more certificates: ${memory.rss.map((round) => mb(round, 0)).join('; ')} MB`,
);
console.log(
  `workers' live heap after the last: ${mb(memory.heap[0], 1)} MB; after 1,000 more: ${mb(memory.heap[1], 1)} MB`,
);
const non2xx = tails.reduce((sum, t) => sum + t.idle.non2xx + t.busy.non2xx, 0);
if (non2xx > 0) console.log(`warning: ${non2xx} responses were not 2xx`);

for (const worker of workers) worker.kill('SIGTERM');
await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve))));
await api.stop();
await pool.end();
await installation.stop();
await dropQueueKeys(env.QUEUE_PREFIX, env.REDIS_URL);

async function burst(count) {
  return { seconds: await certificateBurst(query, base, admin, count) };
}
