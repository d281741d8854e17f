import { loadConfig } from '@karvan/config';
import { createDataSource, prepared, startEmbeddedPostgres } from '@karvan/database';
import type { DataSource } from 'typeorm';

const STATEMENT = 'SELECT $1::int + 1 AS v';

async function open(url: string, preparedStatements?: boolean): Promise<DataSource> {
  const db = createDataSource({ url, entities: [], poolMax: 4, preparedStatements });
  await db.initialize();
  return db;
}

/** Many calls at once, so the pool opens several connections that each run the statement. */
async function manyAtOnce(db: DataSource): Promise<number[]> {
  const rows = await Promise.all(
    Array.from({ length: 40 }, (_, i) => prepared<Array<{ v: number }>>(db, STATEMENT, [i])),
  );
  return rows.map(([row]) => row.v);
}

describe('prepared statements', () => {
  it('are prepared once per connection on PostgreSQL, and answer like plain queries', async () => {
    const db = await open(loadConfig().databaseUrl!);
    try {
      expect(await manyAtOnce(db)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const names = await db.transaction(async (tx) => {
        await prepared(tx, STATEMENT, [1]);
        return tx.query<Array<{ statement: string }>>(
          `SELECT statement FROM pg_prepared_statements WHERE name LIKE 'karvan\\_%'`,
        );
      });
      expect(names).toEqual([{ statement: STATEMENT }]);
    } finally {
      await db.destroy();
    }
  });

  it('stay plain statements on the embedded database, whose connections share one session', async () => {
    const embedded = await startEmbeddedPostgres();
    const db = await open(embedded.url, false);
    try {
      // Named, the second connection to prepare the statement would be refused ("already exists").
      expect(await manyAtOnce(db)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const [{ count }] = await db.query<Array<{ count: number }>>(
        'SELECT count(*)::int AS count FROM pg_prepared_statements',
      );
      expect(count).toBe(0);
    } finally {
      await db.destroy();
      await embedded.stop();
    }
  });
});
