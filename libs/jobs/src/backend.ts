import type { AppConfig } from '@karvan/config';
import {
  createPostgresBackend,
  setDefaultBackendFactory,
  type BackendFactory,
  type ConnectionOptions,
  type WorkerOptions,
} from 'bullmq';

// Objects mutated rather than replaced: @Processor() keeps a reference to its options from the
// moment the processor's file loads, which in tests can be before the backend is chosen.
const processorDefaults: Partial<WorkerOptions> = {};
const processorOptionSets: Array<Partial<WorkerOptions>> = [processorDefaults];

/** Must run before any Queue or Worker is constructed, i.e. before the Nest module graph loads. */
export function installQueueBackend(config: Pick<AppConfig, 'queueBackend'>): void {
  setDefaultBackendFactory(config.queueBackend === 'postgres' ? createEmbeddedBackend : undefined);
  for (const options of processorOptionSets) {
    delete options.drainDelay;
    Object.assign(options, workerOptions(config));
  }
}

/**
 * BullMQ's Postgres backend wakes idle workers with NOTIFY, which does not cross pglite-socket.
 * With a delayed job pending (a schedule, a retry with backoff) a worker would otherwise sleep
 * until that job is due, up to an hour, and miss every job added meanwhile: cap the wait at 1 s.
 */
const createEmbeddedBackend: BackendFactory = (name, opts, factoryOpts) => {
  const backend = createPostgresBackend(name, opts as Parameters<typeof createPostgresBackend>[1], factoryOpts);
  Object.defineProperty(backend, 'maximumBlockTimeout', { value: 1 });
  return backend;
};

/** Worker options for `@Processor(name, processorOptions())`, read when the processor's file loads. */
export function processorOptions(own?: Partial<WorkerOptions>): Partial<WorkerOptions> {
  if (!own) return processorDefaults;
  const options = { ...own, ...processorDefaults };
  processorOptionSets.push(options);
  return options;
}

export interface QueueRootOptions {
  connection: ConnectionOptions;
  prefix?: string;
}

export function queueRootOptions(config: AppConfig): QueueRootOptions {
  if (config.queueBackend === 'postgres') {
    if (!config.databaseUrl) throw new Error('The embedded queue needs the database address');
    // BullMQ's Postgres datastore creates its own small pool and its schema ("migrate").
    return { connection: { connectionString: config.databaseUrl, migrate: true, max: 3 } };
  }
  if (!config.redisUrl) throw new Error('REDIS_URL is required in services mode');
  const url = new URL(config.redisUrl);
  return {
    connection: {
      host: url.hostname,
      port: Number(url.port || 6379),
      username: url.username || undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
      tls: url.protocol === 'rediss:' ? {} : undefined,
      maxRetriesPerRequest: null,
    },
    prefix: config.queuePrefix,
  };
}

/**
 * NOTIFY does not cross pglite-socket, so an idle embedded worker only wakes when drainDelay
 * expires: one second keeps pickup under a second at about 1 % CPU. Redis needs no tuning.
 */
export function workerOptions(config: Pick<AppConfig, 'queueBackend'>): Partial<WorkerOptions> {
  return config.queueBackend === 'postgres' ? { drainDelay: 1 } : {};
}
