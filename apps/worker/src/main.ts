import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { JsonLogger, loadConfigOrExit, type AppConfig } from '@karvan/config';
import { installQueueBackend } from '@karvan/jobs';
import { lowerPriority } from './priority.js';

const config: AppConfig = loadConfigOrExit();
if (config.mode === 'embedded') {
  // PGlite lives inside one process; in embedded mode `npm start` runs the processors itself.
  console.error('The worker runs only in services mode: set DATABASE_URL and REDIS_URL (or use `npm start`).');
  process.exit(1);
}
// Rendering certificates is CPU work; on a machine shared with the api, pages must not wait for it.
const priorityWarning = lowerPriority(config.workerPriority);
if (priorityWarning) new JsonLogger(config.logLevel).warn(priorityWarning, 'Worker');
installQueueBackend(config);
const { WorkerModule, MissingProcessorError } = await import('./worker.module.js');
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
  logger: new JsonLogger(config.logLevel),
}).catch((error: unknown) => {
  if (!(error instanceof MissingProcessorError)) throw error;
  console.error(`The worker will not start: ${error.message}. Add its processor to DomainProcessorsModule.`);
  process.exit(1);
});
// The api's two stop signals, not Nest's default of every signal: SIGUSR2 asks for a heap snapshot
// (`--heapsnapshot-signal`), not a stop.
app.enableShutdownHooks(['SIGINT', 'SIGTERM']);
// A graceful stop has a deadline: an interrupted job is claimed again by another worker.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    setTimeout(() => {
      console.error(JSON.stringify({ level: 40, time: Date.now(), msg: 'stop took too long: exiting anyway' }));
      process.exit(1);
    }, 15_000).unref();
  });
}
new JsonLogger(config.logLevel).log({ msg: 'worker started', queuePrefix: config.queuePrefix });
