import type { DataSource } from 'typeorm';

// Any fixed number works; it only has to be the same in every Karvan process.
const MIGRATION_LOCK_KEY = 7_362_841_190;

/**
 * Runs pending migrations while holding a Postgres advisory lock, so several processes can boot
 * at once: the first migrates, the others wait and then find nothing to do.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
