import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { queueRootOptions } from './backend.js';
import { ALL_QUEUES } from './queues.js';

/** Queue connection and registration, shared by the api (producer) and the worker (consumer). */
@Module({
  imports: [
    BullModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => queueRootOptions(config) }),
    ...ALL_QUEUES.map((name) => BullModule.registerQueue({ name })),
  ],
  exports: [BullModule],
})
export class JobsModule {}
