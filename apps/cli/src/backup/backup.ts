import { existsSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AppConfig } from '@karvan/config';
import { openDatabase } from '../database.js';
import { writeArchive } from './archive.js';
import { fileEntry } from './checksum.js';
import { BackupError, newManifest, type Manifest } from './manifest.js';
import { checkToolVersion, pgDump } from './pg-tools.js';
import { dumpRows } from './rows-dump.js';
import { latestMigration, serverVersion } from './schema.js';
import { storageFiles } from './storage-files.js';

export interface BackupSummary {
  file: string;
  manifest: Manifest;
  /** Why the database was dumped as rows in services mode (pg_dump missing or too old). */
  note?: string;
}

export interface BackupOptions {
  /** Services mode uses pg_dump when it can read the server; false dumps rows, as embedded mode does. */
  pgDump?: boolean;
}

/**
 * One archive of the database and STORAGE_DIR from a running installation. The database is read
 * first and the files after: a certificate's PDF is stored before its row says issued, so every
 * issued certificate in the dump has its file in the archive.
 */
export async function createBackup(
  config: AppConfig,
  target: string,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  const file = resolve(target);
  if (existsSync(file)) throw new BackupError(`${file} already exists: choose a new file name.`);
  const work = await mkdtemp(join(tmpdir(), 'karvan-backup-'));
  try {
    const database = await dumpDatabase(config, work, options);
    const files = new Map([[database.entry, join(work, database.entry)], ...(await storageFiles(config.storageDir))]);
    const entries = [];
    for (const [name, path] of files) entries.push(await fileEntry(path, name));
    const manifest = newManifest({
      mode: config.mode,
      migration: database.migration,
      database: database.info,
      entries,
    });
    const partial = `${file}.part`;
    await writeArchive(partial, manifest, files);
    await rename(partial, file);
    return { file, manifest, note: database.note };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function dumpDatabase(config: AppConfig, work: string, options: BackupOptions) {
  const db = await openDatabase(config, { migrate: false });
  try {
    const migration = await latestMigration(db.dataSource);
    const server = await serverVersion(db.dataSource);
    const refusal = config.databaseUrl && options.pgDump !== false ? await pgDumpRefusal(server.major) : undefined;
    if (config.databaseUrl && options.pgDump !== false && !refusal) {
      await pgDump(config.databaseUrl, join(work, 'database.pgdump'));
      const info = { entry: 'database.pgdump', format: 'pg_dump-custom' as const, serverVersion: server.text };
      return { entry: info.entry, migration, info };
    }
    // Embedded mode always, and services mode where pg_dump cannot read the server (say, a client
    // 15 in the Docker image against PostgreSQL 16): every table's rows, read in one transaction.
    await dumpRows(db.dataSource, join(work, 'database.jsonl'));
    const info = { entry: 'database.jsonl', format: 'karvan-rows' as const, serverVersion: server.text };
    const note = refusal ? `${refusal} The database was dumped as rows instead.` : undefined;
    return { entry: info.entry, migration, info, note };
  } finally {
    await db.close();
  }
}

async function pgDumpRefusal(serverMajor: number): Promise<string | undefined> {
  try {
    await checkToolVersion('pg_dump', serverMajor);
    return undefined;
  } catch (error) {
    if (error instanceof BackupError) return error.message;
    throw error;
  }
}
