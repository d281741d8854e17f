import pg from 'pg';

const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** One database and one queue prefix per test run, so runs never see each other's rows or jobs. */
export default async function globalSetup(): Promise<void> {
  // globalSetup is loaded without moduleNameMapper: keep it free of project imports.
  const id = `${Date.now().toString(36)}_${process.pid}`;
  const dbName = `karvan_test_${id}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  // Test workers inherit process.env from this process.
  process.env.DATABASE_URL = url.toString();
  process.env.REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  process.env.QUEUE_PREFIX = `karvan_test_${id}`;
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'error';
  // Tests that need the curriculum in the database sync it themselves.
  process.env.CONTENT_SYNC = 'off';
  process.env.KARVAN_TEST_DB = dbName;
}
