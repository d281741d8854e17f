import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';

/** Written next to pgdata while an embedded database is open, so other processes can reach it. */
const ADDRESS_FILE = 'embedded-server.json';

interface Address {
  url: string;
  pid: number;
}

export async function announceEmbedded(dataDir: string, url: string): Promise<void> {
  const address: Address = { url, pid: process.pid };
  await writeFile(join(dataDir, ADDRESS_FILE), JSON.stringify(address), { mode: 0o600 });
}

export async function withdrawEmbedded(dataDir: string): Promise<void> {
  await rm(join(dataDir, ADDRESS_FILE), { force: true });
}

/**
 * The address of the embedded database another process (a running server) holds open on this
 * data directory, or undefined when none answers: a file left by a killed process is ignored.
 */
export async function runningEmbeddedUrl(dataDir: string): Promise<string | undefined> {
  const address = await readAddress(dataDir);
  if (!address || !processAlive(address.pid)) return undefined;
  const client = new pg.Client({ connectionString: address.url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const [row] = (await client.query<{ version: string }>('SELECT version()')).rows;
    return row.version.includes('PGlite') ? address.url : undefined;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function readAddress(dataDir: string): Promise<Address | undefined> {
  try {
    return JSON.parse(await readFile(join(dataDir, ADDRESS_FILE), 'utf8')) as Address;
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
