import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AppConfig } from '@karvan/config';
import { createDataSource, runMigrationsLocked, runningEmbeddedUrl, startEmbeddedPostgres } from '@karvan/database';
import { ENTITIES } from '@karvan/domain';
import type { DataSource } from 'typeorm';
import { unpackVerified } from './archive.js';
import { BackupError, type Manifest } from './manifest.js';
import { checkToolVersion, pgRestore } from './pg-tools.js';
import { loadRows } from './rows-dump.js';
import { databaseIsEmpty, migrationsUpTo } from './schema.js';
import { isEmptyDir, restoreStorage } from './storage-files.js';

/**
 * Puts an archive back into an empty installation: the archive is unpacked and every checksum
 * verified before the database or STORAGE_DIR is touched, and a target holding data is refused.
 */
export async function restoreBackup(config: AppConfig, source: string): Promise<Manifest> {
  if (config.databaseUrl) await refuseUnlessEmptyDatabase(config.databaseUrl);
  else await refuseUnlessEmptyDataDir(config.dataDir);
  if (!(await isEmptyDir(config.storageDir))) {
    throw new BackupError(`STORAGE_DIR (${config.storageDir}) is not empty: restore only into an empty installation.`);
  }
  const work = await mkdtemp(join(tmpdir(), 'karvan-restore-'));
  try {
    const manifest = await unpackVerified(resolve(source), work);
    migrationsUpTo(manifest.migration);
    const dump = join(work, manifest.database.entry);
    if (config.databaseUrl) await restoreServices(config.databaseUrl, manifest, dump);
    else await restoreEmbedded(config.dataDir, manifest, dump);
    await restoreStorage(work, config.storageDir);
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function refuseUnlessEmptyDatabase(url: string): Promise<void> {
  const db = await connect(url);
  try {
    if (!(await databaseIsEmpty(db))) {
      throw new BackupError('The database is not empty: restore only into a new, empty database (createdb).');
    }
  } finally {
    await db.destroy();
  }
}

async function refuseUnlessEmptyDataDir(dataDir: string): Promise<void> {
  if (await runningEmbeddedUrl(dataDir)) {
    throw new BackupError(`Karvan is running on ${dataDir}: stop it, and restore into an empty DATA_DIR.`);
  }
  if (!(await isEmptyDir(join(dataDir, 'pgdata')))) {
    throw new BackupError(`DATA_DIR (${dataDir}) already holds a database: restore only into an empty DATA_DIR.`);
  }
}

async function restoreServices(url: string, manifest: Manifest, dump: string): Promise<void> {
  if (manifest.database.format === 'pg_dump-custom') {
    await checkToolVersion('pg_restore', Number.parseInt(manifest.database.serverVersion, 10));
    await pgRestore(url, dump);
  } else {
    await loadAtMigration(url, manifest, dump);
  }
  await migrateFully(url);
}

async function restoreEmbedded(dataDir: string, manifest: Manifest, dump: string): Promise<void> {
  if (manifest.database.format !== 'karvan-rows') {
    throw new BackupError('This backup was made in services mode: restore it into PostgreSQL (set DATABASE_URL).');
  }
  const embedded = await startEmbeddedPostgres({ dataDir });
  try {
    await loadAtMigration(embedded.url, manifest, dump);
    await migrateFully(embedded.url);
    await embedded.stop();
  } catch (error) {
    // The directory was empty before: leave it so, for another attempt.
    await embedded.stop();
    await rm(join(dataDir, 'pgdata'), { recursive: true, force: true });
    throw error;
  }
}

/** The schema as it was when the dump was made, then the dump's rows. */
async function loadAtMigration(url: string, manifest: Manifest, dump: string): Promise<void> {
  const db = await connect(url, migrationsUpTo(manifest.migration));
  try {
    await runMigrationsLocked(db);
    await loadRows(db, dump);
  } finally {
    await db.destroy();
  }
}

/** Migrations newer than the backup, as the next start would apply them. */
async function migrateFully(url: string): Promise<void> {
  const db = await connect(url);
  try {
    await runMigrationsLocked(db);
  } finally {
    await db.destroy();
  }
}

async function connect(url: string, migrations?: ReturnType<typeof migrationsUpTo>): Promise<DataSource> {
  const db = createDataSource({ url, entities: ENTITIES, poolMax: 2, migrations, preparedStatements: false });
  await db.initialize();
  return db;
}
