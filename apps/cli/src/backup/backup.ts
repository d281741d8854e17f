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
}

/**
 * One archive of the database and STORAGE_DIR from a running installation. The database is read
 * first and the files after: a certificate's PDF is stored before its row says issued, so every
 * issued certificate in the dump has its file in the archive.
 */
export async function createBackup(config: AppConfig, target: string): Promise<BackupSummary> {
  const file = resolve(target);
  if (existsSync(file)) throw new BackupError(`${file} already exists: choose a new file name.`);
  const work = await mkdtemp(join(tmpdir(), 'karvan-backup-'));
  try {
    const database = await dumpDatabase(config, work);
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
    return { file, manifest };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function dumpDatabase(config: AppConfig, work: string) {
  const db = await openDatabase(config, { migrate: false });
  try {
    const migration = await latestMigration(db.dataSource);
    const server = await serverVersion(db.dataSource);
    if (config.databaseUrl) {
      await checkToolVersion('pg_dump', server.major);
      await pgDump(config.databaseUrl, join(work, 'database.pgdump'));
      const info = { entry: 'database.pgdump', format: 'pg_dump-custom' as const, serverVersion: server.text };
      return { entry: info.entry, migration, info };
    }
    await dumpRows(db.dataSource, join(work, 'database.jsonl'));
    const info = { entry: 'database.jsonl', format: 'karvan-rows' as const, serverVersion: server.text };
    return { entry: info.entry, migration, info };
  } finally {
    await db.close();
  }
}
