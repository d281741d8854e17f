// Shared by the benchmarks: what their processes use, read from outside them (Linux /proc, ps):
// resident memory, the live heap from a snapshot, and CPU time by group of processes.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Resident memory of a process, from /proc (Linux). */
export function rssMb(pid) {
  const status = execFileSync('cat', [`/proc/${pid}/status`]).toString();
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

/**
 * Memory of processes over rounds of the same work; a leak shows as growth from one round to the
 * next. RSS after each of BENCH_RSS_ROUNDS rounds (default 2), read before any heap snapshot
 * (writing a snapshot takes memory the process keeps); then the live heap after the last of those
 * and one more round. The processes must have been started with `heapSnapshotArgs(dir)`.
 */
const RSS_ROUNDS = Math.max(2, Number(process.env.BENCH_RSS_ROUNDS ?? 2));

export async function memoryRounds(pids, dir, work) {
  const rss = [];
  const heap = [];
  const liveHeaps = async () => {
    const sizes = [];
    for (const pid of pids) sizes.push(await liveHeapMb(pid, dir));
    return sizes;
  };
  while (rss.length < RSS_ROUNDS) {
    await work();
    rss.push(pids.map(rssMb));
  }
  heap.push(await liveHeaps());
  await work();
  heap.push(await liveHeaps());
  return { rss, heap };
}

/** Node options that let `liveHeapMb` take a heap snapshot of the process on a signal. */
export function heapSnapshotArgs(dir) {
  return ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`];
}

/**
 * The live heap of a process started with `heapSnapshotArgs(dir)`, in MB: V8 collects garbage
 * before it writes a snapshot, so unlike RSS this is what the process still holds. Sums the
 * snapshot's node sizes, then deletes the file.
 */
export async function liveHeapMb(pid, dir) {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  let file;
  let lastSize = -1;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    file ??= readdirSync(dir).find((name) => name.endsWith('.heapsnapshot') && !before.has(name));
    if (!file) continue;
    const size = statSync(join(dir, file)).size;
    if (size > 0 && size === lastSize) break;
    lastSize = size;
  }
  const snapshot = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  rmSync(join(dir, file));
  const fields = snapshot.snapshot.meta.node_fields;
  const selfSize = fields.indexOf('self_size');
  let bytes = 0;
  for (let i = selfSize; i < snapshot.nodes.length; i += fields.length) bytes += snapshot.nodes[i];
  return bytes / 1024 / 1024;
}

/**
 * CPU time in ms used so far by each group of processes: `pids` names our own, and every
 * PostgreSQL and Redis process on the machine is counted under 'postgres' and 'redis'.
 */
export function cpuMsByGroup(pids) {
  const groups = {};
  for (const line of execFileSync('ps', ['-eo', 'pid=,comm=']).toString().trim().split('\n')) {
    const [pid, comm] = line.trim().split(/\s+/);
    const group =
      Object.entries(pids).find(([, list]) => list.includes(Number(pid)))?.[0] ??
      (comm.startsWith('postgres') ? 'postgres' : comm.startsWith('redis') ? 'redis' : null);
    if (!group) continue;
    try {
      // utime and stime, in clock ticks (100 a second), after the command name's closing parenthesis.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      groups[group] = (groups[group] ?? 0) + (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // The process ended between ps and the read.
    }
  }
  return groups;
}
