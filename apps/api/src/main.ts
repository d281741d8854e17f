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

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void app
      .close()
      .then(() => embedded?.stop())
      .then(() => process.exit(0));
  });
}
