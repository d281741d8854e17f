// Benchmark: the api with the Node flags it is deployed with (API_NODE_ARGS) against the same api
// with none, two processes on one database, alternating rounds of wrk on the signed-in module page.
// Run with `npm run bench:flags` (it builds first); BENCH_ROUNDS (default 3), BENCH_SECONDS (5).
import {
  API_NODE_ARGS,
  compareApis,
  demoReader,
  ensureWrk,
  freePort,
  MODULE_PAGE,
  startProcess,
} from './bench-lib.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

ensureWrk();
const { installation, api: withFlags, trainee, readers } = await demoReader('flags');
const port = await freePort();
const without = await startProcess(
  'api',
  { ...installation.env, PORT: String(port), BASE_URL: `http://127.0.0.1:${port}`, CONTENT_SYNC: 'off' },
  [],
  [],
);
const apis = [
  { name: `flags ${API_NODE_ARGS.join(' ') || '(none: BENCH_NODE_ARGS is empty)'}`, port: installation.env.PORT },
  { name: 'no flags', port },
];
await compareApis(apis, MODULE_PAGE, { cookie: trainee.cookie }, { rounds: ROUNDS, seconds: SECONDS, script: readers });
await withFlags.stop();
await without.stop();
await installation.stop();
