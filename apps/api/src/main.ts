import 'reflect-metadata';
import { loadConfigOrExit, withEmbeddedDatabase, type AppConfig } from '@karvan/config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@karvan/database';
import { installQueueBackend } from '@karvan/jobs';

let config: AppConfig = loadConfigOrExit();

let embedded: EmbeddedPostgres | undefined;
if (config.mode === 'embedded') {
  embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
  config = withEmbeddedDatabase(config, embedded.url);
}
installQueueBackend(config); // before any Queue or Worker exists

// The module graph loads only now, after the queue backend is chosen.
const { createApp } = await import('./create-app.js');
const app = await createApp(config, { inProcessWorker: config.mode === 'embedded' });
await app.listen({ port: config.port, host: config.host });

console.log(
  JSON.stringify({
    level: 30,
    time: Date.now(),
    msg: `Karvan is running at ${config.baseUrl} (${config.mode} mode${embedded ? `, data in ${config.dataDir}` : ''})`,
  }),
);

// A graceful stop has a deadline: a job cut short is safe (certificates and e-mails are claimed
// idempotently and picked up again), a process that never exits is not. In embedded mode a stop in
// the middle of a certificate job has been seen to hang in app.close().
const STOP_DEADLINE_MS = 10_000;

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      console.error(JSON.stringify({ level: 40, time: Date.now(), msg: 'stop took too long: exiting anyway' }));
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    void app
      .close()
      .then(() => embedded?.stop())
      .then(() => process.exit(0));
  });
}
