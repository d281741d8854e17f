import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { DataSource } from 'typeorm';
import { createDataSource, type DataSourceOptions } from './data-source.js';
import { runMigrationsLocked } from './migrate.js';

/** Provides the one DataSource of a process, migrated before anything else uses it. */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(entities: DataSourceOptions['entities'], poolMax = 10): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig) => {
            if (!config.databaseUrl) throw new Error('The database address is not known yet (DATABASE_URL)');
            const preparedStatements = config.mode === 'services';
            const dataSource = createDataSource({ url: config.databaseUrl, entities, poolMax, preparedStatements });
            await dataSource.initialize();
            await runMigrationsLocked(dataSource);
            return dataSource;
          },
        },
      ],
      exports: [DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
