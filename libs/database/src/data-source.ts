import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';
import { allowPreparedStatements } from './prepared.js';

export interface DataSourceOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  poolMax?: number;
  /** Defaults to every migration; a restore applies only those its archive was made with. */
  migrations?: typeof MIGRATIONS;
  /** Named prepared statements for the hot queries (`prepared`); off for the embedded database. */
  preparedStatements?: boolean;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  const source = new DataSource({
    type: 'postgres',
    url: options.url,
    // Pinned: in embedded mode PGlite's one shared session has "public, bullmq" on its search_path.
    schema: 'public',
    entities: options.entities,
    migrations: options.migrations ?? MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: options.poolMax ?? 10 },
  });
  if (options.preparedStatements ?? true) allowPreparedStatements(source);
  return source;
}
