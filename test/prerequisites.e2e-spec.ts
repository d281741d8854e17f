import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { freePort } from '@karvan/testing';

jest.setTimeout(120_000);

const SCRIPT = join(process.cwd(), 'scripts/test-prerequisites.sh');
const IS_ROOT = process.getuid?.() === 0;

/** Runs the bootstrap with the given environment on top of this process's. */
function bootstrap(env: Record<string, string>, args: string[] = []) {
  const run = spawnSync('/bin/bash', [SCRIPT, ...args], {
    env: { ...process.env, KARVAN_TEST_WAIT: '60', ...env },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function redisAnswers(port: number): boolean {
  return spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG';
}

function redisProcessId(port: number): string {
  const info = execFileSync('redis-cli', ['-p', String(port), 'info', 'server']).toString();
  return /process_id:(\d+)/.exec(info)?.[1] ?? '';
}

describe('the test bootstrap with Redis', () => {
  let dir: string;
  let port: number;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'karvan-prereq-redis-'));
    port = await freePort();
  });
  afterEach(() => {
    const pidFile = join(dir, `redis-${port}.pid`);
    if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts a Redis that is down and returns once it answers', () => {
    expect(redisAnswers(port)).toBe(false);
    const run = bootstrap({ KARVAN_TEST_REDIS_PORT: String(port), KARVAN_TEST_REDIS_DIR: dir }, ['redis']);
    expect(run).toMatchObject({ status: 0 });
    expect(redisAnswers(port)).toBe(true);
  });

  it('leaves a Redis that answers alone', async () => {
    const running = await startRedis(port);
    try {
      const run = bootstrap({ KARVAN_TEST_REDIS_PORT: String(port), KARVAN_TEST_REDIS_DIR: dir }, ['redis']);
      expect(run).toMatchObject({ status: 0, stdout: '' });
      expect(redisProcessId(port)).toBe(String(running.pid));
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await stop(running);
    }
  });
});

describe('the test bootstrap with PostgreSQL', () => {
  const bin = postgresBin();
  const asOwner = IS_ROOT ? ['runuser', '-u', 'postgres', '--'] : [];
  let dir: string;
  let port: number;

  // A cluster of the test's own, never the machine's: initdb refuses to run as root.
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'karvan-prereq-pg-'));
    chmodSync(dir, 0o700);
    if (IS_ROOT) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'])), 0);
    port = await freePort();
    run([...asOwner, join(bin, 'initdb'), '-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres']);
  });
  afterAll(() => {
    const stopCommand = [...asOwner, join(bin, 'pg_ctl'), '-D', join(dir, 'data'), '-m', 'immediate', 'stop'];
    spawnSync(stopCommand[0], stopCommand.slice(1));
    rmSync(dir, { recursive: true, force: true });
  });

  function startCommand(): string {
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
    const pgCtl = `${join(bin, 'pg_ctl')} -D ${join(dir, 'data')} -l ${join(dir, 'log')} -o '${options}' start`;
    return IS_ROOT ? `runuser -u postgres -- ${pgCtl}` : pgCtl;
  }

  it('starts a stopped cluster and returns once it accepts connections', () => {
    expect(postgresAnswers(port)).toBe(false);
    const result = bootstrap({ KARVAN_TEST_PG_PORT: String(port), KARVAN_TEST_PG_START: startCommand() }, ['postgres']);
    expect(result).toMatchObject({ status: 0 });
    expect(postgresAnswers(port)).toBe(true);
  });

  it('leaves a cluster that answers alone', () => {
    expect(postgresAnswers(port)).toBe(true);
    // A start command that fails: the bootstrap would exit non-zero had it tried to start PostgreSQL.
    const result = bootstrap({ KARVAN_TEST_PG_PORT: String(port), KARVAN_TEST_PG_START: 'exit 1' }, ['postgres']);
    expect(result).toMatchObject({ status: 0, stdout: '' });
  });
});

describe('the test bootstrap without root', () => {
  it('names each missing prerequisite on a line of its own and fails', () => {
    const asNobody = IS_ROOT ? ['runuser', '-u', 'nobody', '--'] : [];
    const command = [...asNobody, 'env', 'PATH=/nonexistent', 'KARVAN_TEST_CHROMIUM=/nonexistent', '/bin/bash', SCRIPT];
    const result = spawnSync(command[0], command.slice(1), { encoding: 'utf8' });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines.every((line) => line.startsWith('missing: '))).toBe(true);
    for (const pkg of [
      'openssl',
      'zbar-tools',
      'poppler-utils',
      'weasyprint',
      'epubcheck',
      'chromium',
      'redis-server',
    ]) {
      expect(lines.filter((line) => line.endsWith(`apt-get install -y ${pkg})`))).toHaveLength(1);
    }
  });
});

function run(command: string[]): void {
  execFileSync(command[0], command.slice(1), { stdio: 'ignore' });
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const [version] = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return join(root, version, 'bin');
}

function postgresAnswers(port: number): boolean {
  return spawnSync('pg_isready', ['-q', '-h', '127.0.0.1', '-p', String(port)]).status === 0;
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', ''], {
    stdio: 'ignore',
  });
  for (let waited = 0; !redisAnswers(port); waited += 100) {
    if (waited > 30_000) throw new Error('the private Redis did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
