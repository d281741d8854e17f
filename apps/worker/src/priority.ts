import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import type { WorkerPriority } from '@karvan/config';

/**
 * Lowers the priority of a whole process (this one unless told), so that its jobs take only the
 * CPU the api's pages leave. Returns a warning when it had to settle for less than asked.
 *
 * `idle` is Linux's idle scheduling class (set with `chrt`, part of util-linux): a page's request
 * then preempts a job at once. Under a nice value, Linux's scheduler still lets a running job
 * finish its time slice first, and the module page's p99 during a certificate burst was 52.5 ms at
 * nice 10 against 44.1 ms in the idle class (bench:certificates, five rounds each).
 */
export function lowerPriority(priority: WorkerPriority, pid = process.pid): string | undefined {
  if (priority !== 'idle') {
    renice(pid, priority);
    return undefined;
  }
  renice(pid, 19); // What remains if the idle class cannot be had.
  try {
    execFileSync('chrt', ['--idle', '--all-tasks', '--pid', '0', String(pid)], { stdio: 'ignore' });
    return undefined;
  } catch {
    return "Could not put the worker in Linux's idle scheduling class (chrt, from util-linux); it runs at nice 19.";
  }
}

/**
 * On Linux a nice value belongs to a thread, and `setPriority()` sets only the one named: the
 * threads Node had already started (V8's garbage-collector and compiler helpers, libuv's pool) kept
 * nice 0. So each thread listed under /proc is set; threads started later inherit from their parent.
 */
function renice(pid: number, nice: number): void {
  setPriority(pid, nice);
  for (const thread of threadIds(pid)) {
    try {
      setPriority(thread, nice);
    } catch {
      // The thread ended between the listing and the call.
    }
  }
}

function threadIds(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return []; // No /proc (not Linux): the process's priority above is all there is.
  }
}
