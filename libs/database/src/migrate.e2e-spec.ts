import { createDataSource, MIGRATIONS, runMigrationsLocked } from '@karvan/database';
import { ENTITIES } from '@karvan/domain';
import { createScratchDatabase } from '@karvan/testing';

describe('migrations', () => {
  it('run up from an empty database', async () => {
    const url = await createScratchDatabase('migrate_once');
    const db = createDataSource({ url, entities: ENTITIES, poolMax: 2 });
    await db.initialize();
    try {
      expect(await runMigrationsLocked(db)).toHaveLength(MIGRATIONS.length);
      expect(await runMigrationsLocked(db)).toEqual([]);
      const tables = await db.query<Array<{ table_name: string }>>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
      );
      expect(tables.map((t) => t.table_name)).toEqual(
        expect.arrayContaining(['users', 'grants', 'sessions', 'api_tokens', 'login_throttle']),
      );
    } finally {
      await db.destroy();
    }
  });

  it('hold the advisory lock when several processes start at once', async () => {
    const url = await createScratchDatabase('migrate_parallel');
    const sources = [1, 2, 3].map(() => createDataSource({ url, entities: ENTITIES, poolMax: 2 }));
    await Promise.all(sources.map((s) => s.initialize()));
    try {
      const applied = await Promise.all(sources.map((s) => runMigrationsLocked(s)));
      // Exactly one of them applied everything; the others waited and found nothing to do.
      expect(applied.map((a) => a.length).sort()).toEqual([0, 0, MIGRATIONS.length]);
      const rows = await sources[0].query<unknown[]>('SELECT name FROM typeorm_migrations');
      expect(rows).toHaveLength(MIGRATIONS.length);
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
    }
  });
});
