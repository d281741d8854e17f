import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { lowerPriority } from './priority.js';

const SCHED_OTHER = 0;
const SCHED_IDLE = 5;

/** Each thread's nice value and scheduling policy, from /proc/<pid>/task/<tid>/stat (fields 19 and 41). */
function threads(pid: number): Array<{ nice: number; policy: number }> {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { nice: Number(fields[16]), policy: Number(fields[38]) };
  });
}

// Linux, as every machine Karvan runs and is tested on.
describe('lowerPriority', () => {
  let child: ChildProcess;

  beforeEach(async () => {
    // A Node process that has started its helper threads and then waits.
    child = spawn(process.execPath, ['-e', 'console.log("up"); setInterval(() => {}, 1000)'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    await once(child.stdout!, 'data');
    const before = threads(child.pid!);
    expect(before.length).toBeGreaterThan(1);
    expect(before.every((t) => t.nice === 0 && t.policy === SCHED_OTHER)).toBe(true);
  });

  afterEach(async () => {
    child.kill('SIGKILL');
    await once(child, 'exit');
  });

  it('gives every thread of the process the nice value, not only its main thread', () => {
    expect(lowerPriority(7, child.pid)).toBeUndefined();

    expect(threads(child.pid!).every((t) => t.nice === 7 && t.policy === SCHED_OTHER)).toBe(true);
  });

  it("puts every thread in Linux's idle scheduling class", () => {
    expect(lowerPriority('idle', child.pid)).toBeUndefined();

    expect(threads(child.pid!).every((t) => t.policy === SCHED_IDLE)).toBe(true);
  });
});
