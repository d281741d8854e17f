// Benchmark: the api talking to PostgreSQL over its Unix socket against the same api over TCP on
// 127.0.0.1, two processes on one database, alternating rounds of wrk on the signed-in module page.
// For a PostgreSQL on the api's own machine (docs/operations.md, "PostgreSQL on the same machine").
// Run with `npm run bench:socket` (it builds first); BENCH_ROUNDS (default 3), BENCH_SECONDS (5),
// BENCH_PG_SOCKET_DIR (default /var/run/postgresql). The database itself is made over TCP
// (BENCH_PG_ADMIN_URL); the other benchmarks run over the socket with that set to a socket address.
import { existsSync } from 'node:fs';
import { compareApis, demoReader, ensureWrk, freePort, MODULE_PAGE, startProcess } from './bench-lib.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SOCKET_DIR = process.env.BENCH_PG_SOCKET_DIR ?? '/var/run/postgresql';

if (!existsSync(`${SOCKET_DIR}/.s.PGSQL.5432`)) throw new Error(`no PostgreSQL socket in ${SOCKET_DIR}`);
ensureWrk();
const { installation, api: overTcp, trainee, readers } = await demoReader('socket');
const tcpUrl = new URL(installation.env.DATABASE_URL);
if (tcpUrl.port && tcpUrl.port !== '5432') throw new Error('the socket is for port 5432, the database is not');
const socketUrl = `postgres://${tcpUrl.username}@${encodeURIComponent(SOCKET_DIR)}${tcpUrl.pathname}`;
const port = await freePort();
const overSocket = await startProcess('api', {
  ...installation.env,
  DATABASE_URL: socketUrl,
  PORT: String(port),
  BASE_URL: `http://127.0.0.1:${port}`,
  CONTENT_SYNC: 'off',
});
const apis = [
  { name: 'PostgreSQL over the Unix socket', port },
  { name: 'over TCP on 127.0.0.1', port: installation.env.PORT },
];
await compareApis(apis, MODULE_PAGE, { cookie: trainee.cookie }, { rounds: ROUNDS, seconds: SECONDS, script: readers });
await overSocket.stop();
await overTcp.stop();
await installation.stop();
