import type { AppConfig } from '@karvan/config';
import {
  createDataSource,
  runMigrationsLocked,
  runningEmbeddedUrl,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '@karvan/database';
import { ENTITIES } from '@karvan/domain';
import type { DataSource } from 'typeorm';

export interface OpenDatabase {
  dataSource: DataSource;
  applied: string[];
  close(): Promise<void>;
}

/**
 * The CLI's own connection. In embedded mode it connects to the server running on the same data
 * directory when there is one, and otherwise opens the PGlite data directory itself.
 */
export async function openDatabase(config: AppConfig, { migrate = true } = {}): Promise<OpenDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl ?? (await runningEmbeddedUrl(config.dataDir));
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
    url = embedded.url;
  }
  // The embedded database (this process's or a running api's) is one shared session: no named statements.
  const preparedStatements = config.databaseUrl !== undefined;
  const dataSource = createDataSource({ url, entities: ENTITIES, poolMax: 2, preparedStatements });
  await dataSource.initialize();
  const applied = migrate ? await runMigrationsLocked(dataSource) : [];
  return {
    dataSource,
    applied,
    async close() {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
