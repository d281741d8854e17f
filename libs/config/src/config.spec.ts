import { ConfigError, loadConfig } from '@karvan/config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('runs embedded with no configuration at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'embedded',
      port: 3000,
      baseUrl: 'http://localhost:3000',
      queueBackend: 'postgres',
      registrationOpen: true,
      secureCookies: false,
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('runs in services mode with a database and Redis', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/karvan', REDIS_URL: 'redis://cache:6379' });
    expect(config.mode).toBe('services');
    expect(config.queueBackend).toBe('redis');
  });

  it("takes a PostgreSQL on the same machine by its Unix socket's directory, as docs/operations.md shows", () => {
    const url = 'postgres://karvan@%2Fvar%2Frun%2Fpostgresql/karvan';
    const config = loadConfig({ DATABASE_URL: url, REDIS_URL: 'redis://cache:6379' });
    expect(config.databaseUrl).toBe(url);
  });

  it('marks cookies secure behind an https address and trims the trailing slash', () => {
    const config = loadConfig({ BASE_URL: 'https://karvan.example.org/' });
    expect(config.secureCookies).toBe(true);
    expect(config.baseUrl).toBe('https://karvan.example.org');
  });

  it('names the variable and what it expects', () => {
    expect(problemsOf({ PORT: 'eighty' })).toEqual(['PORT must be a whole number from 0 to 65535 (got "eighty")']);
    expect(problemsOf({ BASE_URL: 'karvan.example.org' })[0]).toMatch(/^BASE_URL must be a URL starting with http:/);
    expect(problemsOf({ REGISTRATION: 'maybe' })).toEqual(['REGISTRATION must be one of open, closed (got "maybe")']);
  });

  it("puts workers in Linux's idle class unless WORKER_NICE gives a nice value", () => {
    expect(loadConfig({}).workerPriority).toBe('idle');
    expect(loadConfig({ WORKER_NICE: '10' }).workerPriority).toBe(10);
    expect(problemsOf({ WORKER_NICE: '20' })).toEqual([
      'WORKER_NICE must be idle or a whole number from 0 to 19 (got "20")',
    ]);
    expect(problemsOf({ WORKER_NICE: 'low' })).toEqual([
      'WORKER_NICE must be idle or a whole number from 0 to 19 (got "low")',
    ]);
  });

  it('shows times in Baku unless TIME_ZONE names a real zone', () => {
    expect(loadConfig({}).timeZone).toBe('Asia/Baku');
    expect(loadConfig({ TIME_ZONE: 'Europe/Berlin' }).timeZone).toBe('Europe/Berlin');
    expect(problemsOf({ TIME_ZONE: 'Baku' })).toEqual([
      'TIME_ZONE must be an IANA time zone such as Asia/Baku (got "Baku")',
    ]);
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ PORT: '-1', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' })).toHaveLength(3);
  });

  it('requires Redis in services mode', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://db/karvan' })).toEqual([
      'REDIS_URL is required when DATABASE_URL is set (services mode), e.g. redis://127.0.0.1:6379',
    ]);
  });

  it('hides passwords in URLs it reports', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://user:secret@host/db' })[0]).not.toContain('secret');
  });
});
