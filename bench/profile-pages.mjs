// Where a page's time goes: runs the api under V8's CPU profiler while wrk loads one page, then
// prints the self time per package (or Karvan file) and the busiest functions.
// Usage: npm run build && node bench/profile-pages.mjs [path] (default: a module page, signed in).
// The raw .cpuprofile is kept (its path is printed) for Chrome DevTools.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoReader, ensureWrk, MODULE_PAGE, wrk } from './bench-lib.mjs';

const path = process.argv[2] ?? MODULE_PAGE;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
ensureWrk();
// Kept after the run (its path is printed), unlike the installation's own folder.
const profileDir = mkdtempSync(join(tmpdir(), 'karvan-profile-cpu-'));
const { installation, api, trainee, readers } = await demoReader('profile', [
  '--cpu-prof',
  `--cpu-prof-dir=${profileDir}`,
]);
const { env } = installation;
const headers = process.env.PROFILE_ANONYMOUS ? {} : { cookie: trainee.cookie };
if (process.env.PROFILE_ACCEPT_ENCODING) headers['accept-encoding'] = process.env.PROFILE_ACCEPT_ENCODING;
// Signed in, as 100 trainees in turn (as bench:pages loads them).
const script = process.env.PROFILE_ANONYMOUS ? undefined : readers;
// V8 stamps samples with the monotonic clock that hrtime reads, so the load's window can be cut out.
const window = { from: process.hrtime.bigint() / 1000n };
const result = await wrk(env.BASE_URL + path, headers, { connections: 50, seconds: SECONDS, script });
window.to = process.hrtime.bigint() / 1000n;
await api.stop();
await installation.stop();
console.log(`${path}: ${result.rps.toFixed(0)} req/s under the profiler, p99 ${result.p99} ms`);

const file = join(
  profileDir,
  readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile')),
);
report(JSON.parse(readFileSync(file, 'utf8')));
console.log(`profile: ${file}`);

function report(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  let at = BigInt(profile.startTime);
  profile.samples.forEach((id, i) => {
    at += BigInt(deltas[i] ?? 0);
    if (at >= window.from && at <= window.to) self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byPlace = new Map();
  const byFunction = new Map();
  for (const [id, micros] of self) {
    const { callFrame } = byId.get(id);
    const place = placeOf(callFrame.url, callFrame.functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
    const fn = `${callFrame.functionName || '(anonymous)'} ${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
  }
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, micros]) => `  ${((100 * micros) / total).toFixed(1).padStart(5)} %  ${name}`)
      .join('\n');
  console.log(`\nself time by place:\n${top(byPlace, 25)}\n\nbusiest functions:\n${top(byFunction, 30)}`);
}

function placeOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return url;
  return shortUrl(url);
}

function shortUrl(url) {
  return url.replace(/^file:\/\/.*?\/dist\/apps\/[^/]+\//, '').replace(/^file:\/\/.*node_modules\//, '');
}
