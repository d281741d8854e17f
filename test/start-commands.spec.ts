import { readFileSync } from 'node:fs';

/**
 * The api's Node flags are written in three places: package.json's start script, the Docker
 * image's command, and the benchmarks (which must measure the api as it is deployed). This keeps
 * them the same, so a change to one that forgets the others fails here, not in production.
 */
const file = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const API_MAIN = 'dist/apps/api/apps/api/src/main.js';

/** The words between `node` and the api's main file in a command. */
function flagsBefore(command: string): string[] {
  const words = command.split(/[\s",[\]]+/).filter(Boolean);
  const main = words.findIndex((word) => word.endsWith(API_MAIN));
  const node = words.lastIndexOf('node', main);
  if (main < 0 || node < 0) throw new Error(`no "node … ${API_MAIN}" in: ${command}`);
  return words.slice(node + 1, main);
}

describe('how the api is started', () => {
  const scripts = (JSON.parse(file('package.json')) as { scripts: Record<string, string> }).scripts;
  const dockerCommand = file('docker/Dockerfile')
    .split('\n')
    .find((line) => line.startsWith('CMD '));
  const benchFlags = /API_NODE_ARGS =[\s\S]*?\? \[([^\]]*)\]/.exec(file('bench/bench-lib.mjs'))?.[1];

  it('runs with the same Node flags from npm, from the Docker image and in the benchmarks', () => {
    const npm = flagsBefore(scripts['start:api']);
    expect(npm).toContain('--max-semi-space-size=64');
    expect(flagsBefore(dockerCommand ?? '')).toEqual(npm);
    expect(benchFlags?.split(/[\s',]+/).filter(Boolean)).toEqual(npm);
  });

  it('is what npm start runs after the build', () => {
    expect(scripts.start).toBe('npm run build && npm run start:api');
  });

  it('reads flags from a command, and refuses a command without the api', () => {
    expect(flagsBefore('node --a=1 --b dist/apps/api/apps/api/src/main.js')).toEqual(['--a=1', '--b']);
    expect(() => flagsBefore('node dist/apps/worker/apps/worker/src/main.js')).toThrow(/no "node/);
  });
});
