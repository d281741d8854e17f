// Benchmark: the api with the Node flags it is deployed with (API_NODE_ARGS) against the same api
// with none, two processes on one database, alternating rounds of wrk on the signed-in module page.
// Run with `npm run bench:flags` (it builds first); BENCH_ROUNDS (default 3), BENCH_SECONDS (5).
import {
  API_NODE_ARGS,
  demoReader,
  ensureWrk,
  freePort,
  median,
  MODULE_PAGE,
  startProcess,
  summary,
  wrk,
} from './bench-lib.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PATH = MODULE_PAGE;

ensureWrk();
const { installation, api: withFlags, trainee } = await demoReader('flags');
const ports = [Number(installation.env.PORT), await freePort()];
const at = (port) => `http://127.0.0.1:${port}`;
const without = await startProcess(
  'api',
  { ...installation.env, PORT: String(ports[1]), BASE_URL: at(ports[1]), CONTENT_SYNC: 'off' },
  [],
  [],
);

const apis = [
  { name: `flags ${API_NODE_ARGS.join(' ') || '(none: BENCH_NODE_ARGS is empty)'}`, port: ports[0], rps: [], p99: [] },
  { name: 'no flags', port: ports[1], rps: [], p99: [] },
];
const load = (api, seconds) => wrk(at(api.port) + PATH, { cookie: trainee.cookie }, { connections: 100, seconds });
for (const api of apis) await load(api, 3); // warm-up, not measured
for (let round = 0; round < ROUNDS; round++) {
  for (const api of apis) {
    const result = await load(api, SECONDS);
    if (result.non2xx + result.errors > 0) throw new Error(`${api.name}: ${result.non2xx + result.errors} failures`);
    api.rps.push(result.rps);
    api.p99.push(result.p99);
  }
}

console.log(`module page, wrk -t1 -c100, ${SECONDS} s × ${ROUNDS} alternating rounds; median (min–max)`);
for (const api of apis) {
  console.log(`${api.name.padEnd(36)} ${summary(api.rps, 0)} req/s  p99 ${summary(api.p99, 1)} ms`);
}
const ratios = apis[0].rps.map((rps, i) => rps / apis[1].rps[i]);
console.log(`with ÷ without: ${summary(ratios)} (median ${median(ratios).toFixed(2)})`);
await withFlags.stop();
await without.stop();
await installation.stop();
