import pg from 'pg';
import { loadConfig } from '@karvan/config';
import { createDataSource, runMigrationsLocked } from '@karvan/database';
import { ENTITIES } from '@karvan/domain';
import type { DataSource } from 'typeorm';

/**
 * An empty database of its own, for tests that need a state no other test may see (no admin at
 * all, a schema with no migrations). Named after the run's database so teardown drops it too.
 */
export async function createScratchDatabase(suffix: string): Promise<string> {
  const runUrl = new URL(loadConfig().databaseUrl ?? '');
  const name = `${runUrl.pathname.slice(1)}_${suffix}`;
  const adminUrl = new URL(runUrl);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(runUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A migrated scratch database, opened: for domain tests that talk to PostgreSQL without the api. */
export async function openScratchDataSource(suffix: string): Promise<DataSource> {
  const db = createDataSource({ url: await createScratchDatabase(suffix), entities: ENTITIES, poolMax: 5 });
  await db.initialize();
  await runMigrationsLocked(db);
  return db;
}
