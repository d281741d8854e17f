// Where a page's CPU goes, by Linux `perf` (Debian package linux-perf): the api runs with
// --perf-basic-prof so JavaScript frames have names, wrk loads one page, and perf samples the api's
// own CPU: kernel, V8's C++ and JavaScript alike. V8's profiler (profile-pages.mjs) samples wall
// time: it blamed socket writes for half of /login and never showed the copying and encoding of
// pages to UTF-8, a fifth of the module page's CPU.
// Usage: npm run build && node bench/perf-pages.mjs [path] (default: a module page, signed in);
// PERF_ANONYMOUS=1 asks as a visitor, PERF_ACCEPT_ENCODING sets Accept-Encoding.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoReader, ensureWrk, MODULE_PAGE, wrk } from './bench-lib.mjs';

const path = process.argv[2] ?? MODULE_PAGE;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
try {
  execFileSync('perf', ['--version'], { stdio: 'ignore' });
} catch {
  throw new Error('perf is missing: sudo apt-get install -y linux-perf');
}
ensureWrk();
const { installation, api, trainee, readers } = await demoReader('perf', ['--perf-basic-prof']);
const headers = process.env.PERF_ANONYMOUS ? {} : { cookie: trainee.cookie };
if (process.env.PERF_ACCEPT_ENCODING) headers['accept-encoding'] = process.env.PERF_ACCEPT_ENCODING;
// Signed in, as 100 trainees in turn (as bench:pages loads them).
const script = process.env.PERF_ANONYMOUS ? undefined : readers;
const url = installation.env.BASE_URL + path;
await wrk(url, headers, { seconds: 3, script }); // warm-up: compiled code, kept texts
const dir = mkdtempSync(join(tmpdir(), 'karvan-perf-'));
const data = join(dir, 'perf.data');
const load = wrk(url, headers, { seconds: SECONDS + 2, script });
await new Promise((resolve) => setTimeout(resolve, 1000));
const perf = spawn(
  'perf',
  ['record', '-F', '999', '-g', '-p', String(api.pid), '-o', data, '--', 'sleep', String(SECONDS)],
  {
    stdio: 'ignore',
  },
);
await new Promise((resolve) => perf.once('exit', resolve));
const result = await load;
console.log(`${path}: ${result.rps.toFixed(0)} req/s while sampled, p99 ${result.p99} ms\n`);
const report = (...args) =>
  execFileSync('perf', ['report', '-i', data, '--stdio', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n')
    .filter((line) => /^\s+[\d.]+%/.test(line));
console.log('self time by function (kernel [k], V8 and Node [.], JavaScript JS:):');
console.log(report('--no-children', '--sort', 'sym').slice(0, 30).join('\n'));
console.log('\nJavaScript functions with what they call:');
console.log(
  report('--children', '--sort', 'sym', '-g', 'none')
    .filter((line) => line.includes('JS:'))
    .slice(0, 30)
    .join('\n'),
);
await api.stop();
await installation.stop();
rmSync(dir, { recursive: true, force: true });
// The symbol map --perf-basic-prof wrote for the api's JavaScript.
rmSync(`/tmp/perf-${api.pid}.map`, { force: true });
