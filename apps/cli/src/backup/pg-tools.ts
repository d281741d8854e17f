import { spawn } from 'node:child_process';
import { BackupError } from './manifest.js';

/** Runs a PostgreSQL client tool; rejects with its own error output when it fails. */
export function runTool(tool: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? notInstalled(tool) : error));
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new BackupError(`${tool} failed (exit ${code}): ${err.trim()}`)),
    );
  });
}

/**
 * pg_dump refuses a server newer than itself, and pg_restore reads only dumps as old as it: both
 * must be at least the server's major version. Checked first, so the message says what to install.
 */
export async function checkToolVersion(tool: 'pg_dump' | 'pg_restore', serverMajor: number): Promise<void> {
  const output = await runTool(tool, ['--version']);
  const major = Number(/\)\s*(\d+)/.exec(output)?.[1]);
  if (!(major >= serverMajor)) {
    throw new BackupError(
      `${tool} ${major || '(unknown version)'} cannot work with PostgreSQL ${serverMajor}: install postgresql-client-${serverMajor} or newer.`,
    );
  }
}

function notInstalled(tool: string): BackupError {
  return new BackupError(
    `${tool} is not installed: install PostgreSQL's client tools (apt-get install postgresql-client).`,
  );
}

export async function pgDump(url: string, file: string): Promise<void> {
  await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${url}`]);
}

/** Into an empty database, all or nothing. */
export async function pgRestore(url: string, file: string): Promise<void> {
  await runTool('pg_restore', [
    '--exit-on-error',
    '--single-transaction',
    '--no-owner',
    '--no-privileges',
    `--dbname=${url}`,
    file,
  ]);
}
