import type { AppConfig } from '@karvan/config';
import { createDataSource, runMigrationsLocked, startEmbeddedPostgres, type EmbeddedPostgres } from '@karvan/database';
import { ENTITIES } from '@karvan/domain';
import type { DataSource } from 'typeorm';

export interface OpenDatabase {
  dataSource: DataSource;
  applied: string[];
  close(): Promise<void>;
}

/**
 * The CLI's own connection. In embedded mode it opens the PGlite data directory itself, so the
 * Karvan server must not be running on the same directory at the same time.
 */
export async function openDatabase(config: AppConfig): Promise<OpenDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
    url = embedded.url;
  }
  const dataSource = createDataSource({ url, entities: ENTITIES, poolMax: 2 });
  await dataSource.initialize();
  const applied = await runMigrationsLocked(dataSource);
  return {
    dataSource,
    applied,
    async close() {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
