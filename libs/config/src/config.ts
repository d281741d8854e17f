import { isAbsolute, resolve } from 'node:path';

export type RuntimeMode = 'embedded' | 'services';
export type QueueBackend = 'redis' | 'postgres';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
/** How a worker process gives way to the api: Linux's idle scheduling class, or a nice value. */
export type WorkerPriority = 'idle' | number;

export interface AppConfig {
  /** embedded: PGlite + BullMQ on Postgres in one process; services: PostgreSQL + Redis. */
  mode: RuntimeMode;
  port: number;
  host: string;
  /** Public address without a trailing slash, used in links, e-mails and QR codes. */
  baseUrl: string;
  /** Cookies get the Secure flag when the public address is https. */
  secureCookies: boolean;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  queueBackend: QueueBackend;
  queuePrefix: string;
  registrationOpen: boolean;
  logLevel: LogLevel;
  /** Tag every log line written while serving a request with its id (costs CPU on Node 20). */
  logRequestIds: boolean;
  sessionMaxAgeHours: number;
  trustProxy: boolean;
  /** The curriculum as Markdown files (`<dir>/courses/<course>/…`). */
  contentDir: string;
  /** Whether the api imports contentDir into the database when it starts. */
  syncContentOnStart: boolean;
  /** smtp:// or smtps:// address of the mail relay; without it e-mails stay in the outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The IANA zone times are shown in (TIME_ZONE, Asia/Baku by default) unless a user picks their own. */
  timeZone: string;
  /** Where certificate PDFs and course books are stored (shared by api and worker processes). */
  storageDir: string;
  /** The organisation named on certificates as their issuer. */
  certificateIssuer: string;
  /** How often a worker re-queues certificates still pending (e.g. after Redis lost its jobs). */
  certificateSweepSeconds: number;
  /**
   * OS priority of a separate worker process, so background jobs yield to the api: `idle` (Linux's
   * idle scheduling class, the default) or a nice value (0 normal, 19 lowest).
   */
  workerPriority: WorkerPriority;
  /**
   * Test fault hook (KARVAN_FAULT_CERTIFICATE_PAUSE_MS): the worker pauses this long in the middle
   * of a certificate, so crash tests can kill it there. 0, and never set, in production.
   */
  faultCertificatePauseMs: number;
}

export const APP_CONFIG = Symbol.for('karvan.AppConfig');

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the environment once; every problem is reported, not just the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const port = read.integer('PORT', 3000, 0, 65535);
  const host = read.string('HOST', '127.0.0.1');
  const baseUrl = read.url('BASE_URL', `http://localhost:${port}`, ['http:', 'https:']);
  const dataDir = read.string('DATA_DIR', './data');
  const databaseUrl = read.optionalUrl('DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = read.optionalUrl('REDIS_URL', ['redis:', 'rediss:']);
  const mode: RuntimeMode = databaseUrl ? 'services' : 'embedded';
  const queuePrefix = read.pattern('QUEUE_PREFIX', 'karvan', /^[A-Za-z0-9_-]{1,64}$/, '1-64 letters, digits, _ or -');
  const registration = read.oneOf('REGISTRATION', 'open', ['open', 'closed']);
  const logLevel = read.oneOf('LOG_LEVEL', 'info', LOG_LEVELS);
  const logRequestIds = read.oneOf('LOG_REQUEST_IDS', 'off', ['on', 'off']) === 'on';
  const sessionMaxAgeHours = read.integer('SESSION_MAX_AGE_HOURS', 12, 1, 24 * 90);
  const trustProxy = read.oneOf('TRUST_PROXY', 'false', ['true', 'false']) === 'true';
  const contentDir = read.string('CONTENT_DIR', './content');
  const syncContentOnStart = read.oneOf('CONTENT_SYNC', 'on-start', ['on-start', 'off']) === 'on-start';
  const smtpUrl = read.optionalUrl('SMTP_URL', ['smtp:', 'smtps:']);
  const mailFrom = read.pattern(
    'MAIL_FROM',
    'Karvan <no-reply@karvan.example>',
    /^[^\r\n]{3,200}$/,
    'a sender such as Karvan <karvan@example.org>',
  );

  const timeZone = read.timeZone('TIME_ZONE', 'Asia/Baku');
  const storageDir = read.string('STORAGE_DIR', `${dataDir}/storage`);
  const certificateIssuer = read.pattern(
    'CERTIFICATE_ISSUER',
    'Karvan migration management training programme',
    /^[^\r\n]{3,160}$/,
    'the issuing organisation’s name, 3-160 characters on one line',
  );
  const certificateSweepSeconds = read.integer('CERTIFICATE_SWEEP_SECONDS', 60, 1, 86_400);
  const workerPriority = read.workerPriority('WORKER_NICE', 'idle');
  const faultCertificatePauseMs = read.integer('KARVAN_FAULT_CERTIFICATE_PAUSE_MS', 0, 0, 600_000);

  if (mode === 'services' && !redisUrl && !problems.some((p) => p.startsWith('REDIS_URL'))) {
    problems.push('REDIS_URL is required when DATABASE_URL is set (services mode), e.g. redis://127.0.0.1:6379');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    mode,
    port,
    host,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    secureCookies: baseUrl.startsWith('https:'),
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(process.cwd(), dataDir),
    databaseUrl,
    redisUrl,
    queueBackend: mode === 'embedded' ? 'postgres' : 'redis',
    queuePrefix,
    registrationOpen: registration === 'open',
    logLevel,
    logRequestIds,
    sessionMaxAgeHours,
    trustProxy,
    contentDir: isAbsolute(contentDir) ? contentDir : resolve(process.cwd(), contentDir),
    syncContentOnStart,
    smtpUrl,
    mailFrom,
    timeZone,
    storageDir: isAbsolute(storageDir) ? storageDir : resolve(process.cwd(), storageDir),
    certificateIssuer,
    certificateSweepSeconds,
    workerPriority,
    faultCertificatePauseMs,
  };
}

/** Embedded mode learns its database address only after PGlite has started. */
export function withEmbeddedDatabase(config: AppConfig, databaseUrl: string): AppConfig {
  return { ...config, databaseUrl };
}

class EnvReader {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
      return fallback;
    }
    return n;
  }

  workerPriority(name: string, fallback: WorkerPriority): WorkerPriority {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (value === 'idle') return value;
    if (/^\d+$/.test(value) && Number(value) <= 19) return Number(value);
    this.problems.push(`${name} must be idle or a whole number from 0 to 19 (got "${value}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!allowed.includes(value as T)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
      return fallback;
    }
    return value as T;
  }

  pattern(name: string, fallback: string, re: RegExp, what: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!re.test(value)) this.problems.push(`${name} must be ${what} (got "${value}")`);
    return value;
  }

  timeZone(name: string, fallback: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return value;
    } catch {
      this.problems.push(`${name} must be an IANA time zone such as Asia/Baku (got "${value}")`);
      return fallback;
    }
  }

  url(name: string, fallback: string, protocols: string[]): string {
    return this.optionalUrl(name, protocols) ?? fallback;
  }

  optionalUrl(name: string, protocols: string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let parsed: URL | undefined;
    try {
      parsed = new URL(value);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !protocols.includes(parsed.protocol)) {
      const shown = value.replace(/\/\/[^@/]*@/, '//***@');
      this.problems.push(`${name} must be a URL starting with ${protocols.join(' or ')}// (got "${shown}")`);
      return undefined;
    }
    return value;
  }
}

/** For a process's entry point: a bad configuration ends the process with the message, no stack trace. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
