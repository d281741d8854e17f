// Shared by the benchmarks: a scratch database, the load generator, and the demo trainee's session.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export const dist = new URL('../dist/apps/api/', import.meta.url);

/** The load comes from a separate process, so it does not share the server's event loop. */
export async function load(url, headers, { connections = 100, seconds = 10 } = {}) {
  const args = ['-c', String(connections), '-d', String(seconds), '-j'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
  const bin = new URL('../node_modules/.bin/autocannon', import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(bin, [...args, url], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout);
}

/** Seeds the demo, signs the demo trainee in and enrols them in the fundamentals course; returns the cookie. */
export async function signInAsDemoTrainee(app, url) {
  const { DemoService, UsersService } = await import(new URL('libs/domain/src/index.js', dist));
  const { DataSource } = await import('typeorm');
  const db = app.get(DataSource);
  await new DemoService(db, new UsersService(db)).seed();
  const jar = new Map();
  const remember = (res) => {
    for (const c of res.headers.getSetCookie()) jar.set(c.split('=')[0], c.split(';')[0].split('=').slice(1).join('='));
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  remember(await fetch(`${url}/login`));
  const form = new URLSearchParams({
    _csrf: jar.get('karvan_csrf'),
    email: 'trainee@karvan.example',
    password: 'karvan-demo',
  });
  remember(
    await fetch(`${url}/login`, { method: 'POST', body: form, headers: { cookie: header() }, redirect: 'manual' }),
  );
  const enrol = new URLSearchParams({ _csrf: jar.get('karvan_csrf') });
  await fetch(`${url}/courses/migration-management-fundamentals/enrol`, {
    method: 'POST',
    body: enrol,
    headers: { cookie: header() },
    redirect: 'manual',
  });
  return header();
}

/** A PostgreSQL database of the benchmark's own, dropped by `stop()`. */
export async function scratchDatabase() {
  const { default: pg } = await import('pg');
  const admin = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `karvan_bench_${Date.now().toString(36)}_${process.pid}`;
  const run = async (sql) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { embedded: false, url: url.toString(), stop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
