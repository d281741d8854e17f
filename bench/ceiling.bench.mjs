// Benchmark: how near raw node:http a page can come on this machine, step by step. The same bytes
// (the signed-in module page) are sent by raw node:http, by Fastify alone, by Nest on Fastify, and
// by Nest on Fastify after one prepared PostgreSQL query (what the lightest signed-in page needs:
// who is asking), each in its own process, alternating with wrk for BENCH_ROUNDS rounds; then by
// Karvan itself. It shows how much of the distance to raw is the framework and the database,
// before any of Karvan's work. Run with `npm run bench:ceiling` (it builds first).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpus } from 'node:os';
import { alternate, demoReader, ensureWrk, freePort, median, MODULE_PAGE, summary, wrk } from './bench-lib.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PATH = MODULE_PAGE;

ensureWrk();
const { installation, api, base, trainee, readers } = await demoReader('ceiling');
const page = await fetch(base + PATH, { headers: { cookie: trainee.cookie } });
if (page.status !== 200) throw new Error(`${PATH} answered ${page.status}`);
const body = Buffer.from(await page.arrayBuffer());

const servers = {};
for (const kind of ['raw', 'fastify', 'nest', 'nest-query']) servers[kind] = await startServer(kind);
const load =
  (url, headers = {}, script = undefined) =>
  () =>
    wrk(url, headers, { connections: 100, seconds: SECONDS, script });
const measurements = {
  'raw node:http': load(servers.raw.url),
  'Fastify alone': load(servers.fastify.url),
  'Nest on Fastify': load(servers.nest.url),
  'Nest + one PostgreSQL query': load(servers['nest-query'].url),
  'Karvan module page': load(base + PATH, { cookie: trainee.cookie }, readers),
};
for (const measure of Object.values(measurements)) await measure(); // warm-up, not measured
const results = await alternate(ROUNDS, measurements);

console.log(`machine: ${cpus().length} × ${cpus()[0].model}; node ${process.version}`);
console.log(
  `the same ${body.length} B, wrk -t1 -c100, ${SECONDS} s × ${ROUNDS} alternating rounds; median (min–max)\n`,
);
for (const [name, runs] of Object.entries(results)) {
  const ratios = runs.map((run, i) => run.rps / results['raw node:http'][i].rps);
  const failures = runs.reduce((n, run) => n + run.non2xx + run.errors, 0);
  console.log(
    `${name.padEnd(28)} ${summary(
      runs.map((run) => run.rps),
      0,
    ).padEnd(
      22,
    )} req/s  ${summary(ratios).padEnd(18)} of raw  p99 ${median(runs.map((run) => run.p99)).toFixed(1)} ms` +
      (failures ? `  FAILURES ${failures}` : ''),
  );
}

for (const server of Object.values(servers)) server.child.kill('SIGTERM');
await api.stop();
await installation.stop();
process.exit(0);

/** One of the baseline servers in its own process (this file, run with the kind as argument). */
async function startServer(kind) {
  const serverPort = await freePort();
  const child = spawn(process.execPath, [new URL('./ceiling-server.mjs', import.meta.url).pathname, kind], {
    env: { ...process.env, PORT: String(serverPort), DATABASE_URL: installation.databaseUrl },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(body);
  const [line] = await once(child.stdout, 'data');
  if (!String(line).startsWith('ready')) throw new Error(`${kind}: ${line}`);
  return { child, url: `http://127.0.0.1:${serverPort}/` };
}
