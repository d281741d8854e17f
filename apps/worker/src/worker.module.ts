import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, type AppConfig } from '@karvan/config';
import { DatabaseModule } from '@karvan/database';
import { DomainProcessorsModule, ENTITIES } from '@karvan/domain';

export { MissingProcessorError } from '@karvan/domain';

/** The job processors and nothing else: no HTTP server. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(ENTITIES, 5), DomainProcessorsModule],
    };
  }
}
