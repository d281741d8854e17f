// Benchmark: does another replica serve more? 1 and then 2 api processes behind nginx on loopback
// (module page, signed in, wrk in its own process), and 1 and then 2 worker processes issuing a
// burst of certificates, all on one PostgreSQL and Redis. Alternating rounds; median and range.
// Run with `npm run bench:scale` (it builds first). BENCH_SECONDS, BENCH_ROUNDS, BENCH_CERTIFICATES.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  alternate,
  benchInstallation,
  certificateBurst,
  enrol,
  ensureWrk,
  freePort,
  signIn,
  startProcess,
  summary,
  wrk,
} from './bench-lib.mjs';
import { manyReaders, rotatingCookies } from './many-readers.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BURST = Number(process.env.BENCH_CERTIFICATES ?? 300);
const MODULE = '/courses/migration-management-fundamentals/modules/migration-governance-azerbaijan';

ensureWrk();
ensureNginx();
const ports = [await freePort(), await freePort()];
const balancerPort = await freePort();
const base = `http://127.0.0.1:${balancerPort}`;
const installation = await benchInstallation('scale', {
  BASE_URL: base,
  CONTENT_SYNC: 'off',
  CERTIFICATE_SWEEP_SECONDS: '3600',
});
const { env, cli } = installation;
cli('content', 'sync', 'content');
cli('demo', 'seed');
const apis = [];
for (const port of ports) apis.push(await startProcess('api', { ...env, PORT: String(port) }));
const balancers = {};
await switchBalancer(ports.slice(0, 1));

const trainee = await signIn(base, 'trainee@karvan.example');
await enrol(base, trainee.cookie, trainee.csrf, 'migration-management-fundamentals');
const headers = { cookie: trainee.cookie };
// Read by 100 trainees in turn, as bench:pages does (many-readers.mjs).
const script = rotatingCookies(await manyReaders(installation.databaseUrl, 'migration-management-fundamentals', 100));

// Pages: the balancer in front of one api, then of two, alternating.
const pages = await alternate(ROUNDS, {
  one: async () => {
    await switchBalancer(ports.slice(0, 1));
    return wrk(base + MODULE, headers, { seconds: SECONDS, script });
  },
  two: async () => {
    await switchBalancer(ports);
    return wrk(base + MODULE, headers, { seconds: SECONDS, script });
  },
});
await switchBalancer(ports);

// Certificates: one worker, then two, each issuing a burst.
const { default: pg } = await import('pg');
const db = new pg.Client({ connectionString: installation.databaseUrl });
await db.connect();
const workers = [];
const rates = await alternate(ROUNDS, {
  one: () => withWorkers(1, () => burst(BURST)),
  two: () => withWorkers(2, () => burst(BURST)),
});

console.log(`machine: ${cpus().length} × ${cpus()[0].model}; node ${process.version}; services mode`);
console.log(`${ROUNDS} alternating rounds, median (min–max); nginx on loopback in front of the api processes\n`);
const rps = (list) => list.map((r) => r.rps);
console.log(
  `module page, 1 api    ${summary(rps(pages.one), 0)} req/s  p99 ${summary(
    pages.one.map((r) => r.p99),
    0,
  )} ms`,
);
console.log(
  `module page, 2 apis   ${summary(rps(pages.two), 0)} req/s  p99 ${summary(
    pages.two.map((r) => r.p99),
    0,
  )} ms`,
);
console.log(`  2 ÷ 1: ${summary(pages.two.map((r, i) => r.rps / pages.one[i].rps))}`);
console.log(`certificates, 1 worker   ${summary(rates.one, 1)} /s  (${BURST} per burst)`);
console.log(`certificates, 2 workers  ${summary(rates.two, 1)} /s`);
console.log(`  2 ÷ 1: ${summary(rates.two.map((r, i) => r / rates.one[i]))}`);

await db.end();
await withWorkers(0, async () => undefined);
await balancers.current?.stop();
for (const api of apis) await api.stop();
await installation.stop();

async function withWorkers(count, work) {
  while (workers.length < count) workers.push(await startProcess('worker', env));
  while (workers.length > count) await workers.pop().stop();
  return work();
}

/** Certificates per second for a burst of `count`. */
async function burst(count) {
  const admin = await signIn(base, 'admin@karvan.example');
  const query = async (sql, params) => (await db.query(sql, params)).rows;
  return count / (await certificateBurst(query, base, admin, count));
}

async function switchBalancer(upstreams) {
  const key = upstreams.length;
  if (balancers.currentKey === key) return;
  await balancers.current?.stop();
  balancers.current = await nginx(upstreams, balancerPort);
  balancers.currentKey = key;
}

/** nginx (Debian package) as the loopback load balancer, round robin with kept-alive upstreams. */
async function nginx(upstreams, port) {
  const prefix = mkdtempSync(join(tmpdir(), 'karvan-nginx-'));
  mkdirSync(join(prefix, 'logs'));
  const servers = upstreams.map((p) => `server 127.0.0.1:${p};`).join(' ');
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `worker_processes 1; pid ${prefix}/nginx.pid; error_log ${prefix}/logs/error.log error;
     events { worker_connections 1024; }
     http { access_log off;
       upstream karvan { ${servers} keepalive 64; }
       server { listen 127.0.0.1:${port};
         location / { proxy_pass http://karvan; proxy_http_version 1.1; proxy_set_header Connection "";
                      proxy_set_header Host $host; proxy_set_header X-Forwarded-For $remote_addr; } } }`,
  );
  const child = spawn('nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: 'inherit',
  });
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await sleep(50);
  }
  return {
    stop: async () => {
      child.kill('SIGQUIT');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

function ensureNginx() {
  try {
    execFileSync('nginx', ['-v'], { stdio: 'ignore' });
  } catch {
    if (process.getuid?.() !== 0) throw new Error('nginx is missing: sudo apt-get install -y nginx-light');
    execFileSync('apt-get', ['install', '-y', '-q', 'nginx-light'], { stdio: 'inherit' });
    execFileSync('sh', ['-c', 'service nginx stop || true'], { stdio: 'ignore' });
  }
}
