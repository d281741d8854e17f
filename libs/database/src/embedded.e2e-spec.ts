import pg from 'pg';
import { createDataSource, prepared, startEmbeddedPostgres, type EmbeddedPostgres } from '@karvan/database';

describe('embedded PostgreSQL (PGlite over a socket)', () => {
  let embedded: EmbeddedPostgres;

  beforeAll(async () => {
    embedded = await startEmbeddedPostgres();
  });
  afterAll(() => embedded.stop());

  it('answers many connections sending parameterised queries at once, each its own result', async () => {
    const pool = new pg.Pool({ connectionString: embedded.url, max: 8 });
    try {
      const results = await Promise.all(
        // A different statement each time: a Bind landing on another connection's Parse would show.
        Array.from({ length: 300 }, (_, i) =>
          pool.query<{ n: number; s: string }>(`SELECT $1::int + ${i} AS n, $2::text AS s`, [i, `v${i}`]),
        ),
      );
      results.forEach((result, i) => expect(result.rows[0]).toEqual({ n: 2 * i, s: `v${i}` }));
    } finally {
      await pool.end();
    }
  });

  it('keeps a transaction on one connection apart from the others', async () => {
    const pool = new pg.Pool({ connectionString: embedded.url, max: 4 });
    try {
      await pool.query('CREATE TABLE IF NOT EXISTS counter (n int)');
      const client = await pool.connect();
      await client.query('BEGIN');
      await client.query('INSERT INTO counter VALUES ($1)', [1]);
      const outside = pool.query<{ c: number }>('SELECT count(*)::int AS c FROM counter WHERE n = $1', [1]);
      await client.query('ROLLBACK');
      client.release();
      expect((await outside).rows[0].c).toBe(0);
    } finally {
      await pool.end();
    }
  });

  it('runs `prepared` statements as plain ones, since its connections share one session', async () => {
    const db = createDataSource({ url: embedded.url, entities: [], poolMax: 4, preparedStatements: false });
    await db.initialize();
    try {
      // Named, the second connection to prepare the statement would be refused ("already exists").
      const rows = await Promise.all(
        Array.from({ length: 40 }, (_, i) => prepared<Array<{ v: number }>>(db, 'SELECT $1::int + 1 AS v', [i])),
      );
      expect(rows.map(([row]) => row.v)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const [{ count }] = await db.query<Array<{ count: number }>>(
        'SELECT count(*)::int AS count FROM pg_prepared_statements',
      );
      expect(count).toBe(0);
    } finally {
      await db.destroy();
    }
  });
});
