// The unit tier needs no service. Every address a unit test could read points where nothing
// listens, so one that reached for PostgreSQL or Redis fails in `npm test` as it would alone.
// Jest gives each test file its own copy of process.env: the other tiers keep the real addresses.
process.env.DATABASE_URL = 'postgres://127.0.0.1:1/none';
process.env.REDIS_URL = 'redis://127.0.0.1:1';
process.env.TEST_PG_ADMIN_URL = 'postgres://127.0.0.1:1/none';
