// Many signed-in trainees for the page benchmarks. The api reads what requests ask for at once in
// one statement per batch (libs/database/src/batched.ts), and a batch asks once for equal keys: a
// load with one session cookie would have every request in a batch share one session read and one
// reader's state, which real readers never do. So the signed-in pages are loaded as many readers,
// each with their own account, session, enrolment and progress, taking turns request by request.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `count` trainees enrolled in `course` (made in the database, as hashing passwords would cost
 * seconds each), having read 0 to 4 of its modules; returns each one's Cookie header.
 */
export async function manyReaders(databaseUrl, course, count = 100) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT id FROM courses WHERE slug = $1', [course]);
    if (!rows[0]) throw new Error(`no course ${course}`);
    const cookies = [];
    for (let i = 0; i < count; i++) {
      const {
        rows: [{ id }],
      } = await client.query(`INSERT INTO users (email, name, password_hash) VALUES ($1, $2, '!') RETURNING id`, [
        `reader-${i}-${randomBytes(4).toString('hex')}@karvan.test`,
        `Reader ${i}`,
      ]);
      await client.query(`INSERT INTO grants (user_id, role, scope_kind) VALUES ($1, 'trainee', 'site')`, [id]);
      await client.query(`INSERT INTO enrolments (user_id, course_id, status) VALUES ($1, $2, 'active')`, [
        id,
        rows[0].id,
      ]);
      await client.query(
        `INSERT INTO module_progress (user_id, module_id)
         SELECT $1, m.id FROM modules m WHERE m.course_id = $2 AND m.status = 'active' AND m.position <= $3`,
        [id, rows[0].id, i % 5],
      );
      const token = randomBytes(32).toString('base64url');
      await client.query(`INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`, [
        createHash('sha256').update(token).digest('hex'),
        id,
      ]);
      cookies.push(`karvan_session=${token}`);
    }
    return cookies;
  } finally {
    await client.end();
  }
}

/** A wrk script sending each request with the next of `cookies` (in place of any -H cookie) and wrk's other headers. */
export function rotatingCookies(cookies) {
  return wrkScript(
    'cookies',
    cookies,
    `local headers = {}
  for name, value in pairs(wrk.headers) do
    if string.lower(name) ~= "cookie" then headers[name] = value end
  end
  headers["Cookie"] = values[i]
  return wrk.format(nil, nil, headers)`,
  );
}

/** A wrk script asking for each of `paths` in turn, with wrk's headers: e.g. many certificates' pages. */
export function rotatingPaths(paths) {
  return wrkScript('paths', paths, 'return wrk.format(nil, values[i])');
}

function wrkScript(name, values, request) {
  const file = join(mkdtempSync(join(tmpdir(), 'karvan-wrk-')), `${name}.lua`);
  writeFileSync(
    file,
    `local values = { ${values.map((v) => JSON.stringify(v)).join(', ')} }
local i = 0
request = function()
  i = i % #values + 1
  ${request}
end
`,
  );
  return file;
}
