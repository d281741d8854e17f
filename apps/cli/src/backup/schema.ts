import { MIGRATIONS } from '@karvan/database';
import type { DataSource } from 'typeorm';
import { BackupError } from './manifest.js';

/** The name of the last migration applied to this database. */
export async function latestMigration(db: DataSource): Promise<string> {
  const [row] = await db
    .query<Array<{ name: string }>>(
      `SELECT name FROM public.typeorm_migrations ORDER BY timestamp DESC, id DESC LIMIT 1`,
    )
    .catch(() => []);
  if (!row) throw new BackupError('The database has no Karvan schema (no migrations applied): nothing to back up.');
  return row.name;
}

/** The migrations up to and including the archive's; refused when this Karvan does not know it. */
export function migrationsUpTo(name: string): typeof MIGRATIONS {
  const index = MIGRATIONS.findIndex((m) => m.name === name);
  if (index === -1) {
    throw new BackupError(
      `The backup was made by a Karvan whose schema ends at migration ${name}, which this version does not know: restore it with that version or a newer one.`,
    );
  }
  return MIGRATIONS.slice(0, index + 1);
}

export async function serverVersion(db: DataSource): Promise<{ text: string; major: number }> {
  const [row] = await db.query<Array<{ text: string; num: string }>>(
    `SELECT current_setting('server_version') AS text, current_setting('server_version_num') AS num`,
  );
  return { text: row.text, major: Math.floor(Number(row.num) / 10000) };
}

/** True when the database holds no tables, views or sequences outside the system schemas. */
export async function databaseIsEmpty(db: DataSource): Promise<boolean> {
  const [row] = await db.query<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
     WHERE s.nspname NOT IN ('pg_catalog', 'information_schema') AND s.nspname NOT LIKE 'pg\\_toast%'
       AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
  );
  return row.n === 0;
}
