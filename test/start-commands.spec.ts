import { readFileSync } from 'node:fs';

/**
 * The api's and the worker's Node flags are each written in several places: package.json's start
 * scripts, the Docker image's command or the Compose file, and the benchmarks (which must measure
 * them as deployed). This keeps them the same, so a change to one that forgets the others fails
 * here, not in production.
 */
const file = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const API_MAIN = 'dist/apps/api/apps/api/src/main.js';
const WORKER_MAIN = 'dist/apps/worker/apps/worker/src/main.js';

/** The words between `node` and the main file in a command. */
function flagsBefore(command: string, mainFile = API_MAIN): string[] {
  const words = command.split(/[\s",'[\]]+/).filter(Boolean);
  const main = words.findIndex((word) => word.endsWith(mainFile));
  const node = words.lastIndexOf('node', main);
  if (main < 0 || node < 0) throw new Error(`no "node … ${mainFile}" in: ${command}`);
  return words.slice(node + 1, main);
}

/** The default of a `NAME = … ? [flags] : …` constant in bench/bench-lib.mjs. */
function benchFlags(name: string): string[] | undefined {
  const list = new RegExp(`${name} =[\\s\\S]*?\\? \\[([^\\]]*)\\]`).exec(file('bench/bench-lib.mjs'))?.[1];
  return list?.split(/[\s',]+/).filter(Boolean);
}

describe('how the api and the worker are started', () => {
  const scripts = (JSON.parse(file('package.json')) as { scripts: Record<string, string> }).scripts;
  const dockerCommand = file('docker/Dockerfile')
    .split('\n')
    .find((line) => line.startsWith('CMD '));
  const composeWorker = file('docker/compose.yaml')
    .split('\n')
    .find((line) => line.includes(WORKER_MAIN));

  it('runs the api with the same Node flags from npm, from the Docker image and in the benchmarks', () => {
    const npm = flagsBefore(scripts['start:api']);
    expect(npm).toContain('--max-semi-space-size=64');
    expect(flagsBefore(dockerCommand ?? '')).toEqual(npm);
    expect(benchFlags('API_NODE_ARGS')).toEqual(npm);
  });

  it('runs the worker with the same Node flags from npm, from Compose and in the benchmarks', () => {
    const npm = flagsBefore(scripts['start:worker'], WORKER_MAIN);
    expect(npm).toContain('--max-semi-space-size=32');
    expect(flagsBefore(composeWorker ?? '', WORKER_MAIN)).toEqual(npm);
    expect(benchFlags('WORKER_NODE_ARGS')).toEqual(npm);
  });

  it('is what npm start runs after the build', () => {
    expect(scripts.start).toBe('npm run build && npm run start:api');
  });

  it('reads flags from a command, and refuses a command without the main file', () => {
    expect(flagsBefore('node --a=1 --b dist/apps/api/apps/api/src/main.js')).toEqual(['--a=1', '--b']);
    expect(flagsBefore(`command: ['node', '--c', '${WORKER_MAIN}']`, WORKER_MAIN)).toEqual(['--c']);
    expect(() => flagsBefore('node dist/apps/worker/apps/worker/src/main.js')).toThrow(/no "node/);
  });
});
