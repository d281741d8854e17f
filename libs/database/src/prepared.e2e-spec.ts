import { loadConfig } from '@karvan/config';
import { createDataSource, prepared } from '@karvan/database';
import type { DataSource } from 'typeorm';

const STATEMENT = 'SELECT $1::int + 1 AS v';

/** Many calls at once, so the pool opens several connections that each run the statement. */
async function manyAtOnce(db: DataSource): Promise<number[]> {
  const rows = await Promise.all(
    Array.from({ length: 40 }, (_, i) => prepared<Array<{ v: number }>>(db, STATEMENT, [i])),
  );
  return rows.map(([row]) => row.v);
}

describe('prepared statements', () => {
  it('are prepared once per connection on PostgreSQL, and answer like plain queries', async () => {
    const db = createDataSource({ url: loadConfig().databaseUrl!, entities: [], poolMax: 4 });
    await db.initialize();
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
});
