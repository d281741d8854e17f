import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { KNOWN_CROSS_READS, TABLE_OWNERS } from './table-ownership.js';

const DOMAIN = join(import.meta.dirname, '..', 'libs', 'domain', 'src');
const OWNER = new Map(Object.entries(TABLE_OWNERS).flatMap(([feature, tables]) => tables.map((t) => [t, feature])));
const TABLE_WORD = /\b(FROM|JOIN|INTO|UPDATE|TABLE)\s+([a-z_]+)/gi;

/** Production files of the domain's features, with the SQL they contain. */
function sources(): Array<{ file: string; feature: string; text: string }> {
  return readdirSync(DOMAIN, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && f.includes('/') && !/spec\.ts$|\/test\//.test(f))
    .map((f) => ({ file: f, feature: f.split('/')[0], text: readFileSync(join(DOMAIN, f), 'utf8') }));
}

/** Another feature's tables named in a file's SQL; `users` is read by all for names and addresses. */
function foreignTables(file: { feature: string; text: string }, words: RegExp): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of file.text.matchAll(words)) {
    const table = match[2].toLowerCase();
    const owner = OWNER.get(table);
    if (owner && owner !== file.feature) found.set(table, match[1].toUpperCase());
  }
  return found;
}

describe('table ownership', () => {
  it('names an owner for every table the migrations create', () => {
    const migrations = join(DOMAIN, '..', '..', 'database', 'src', 'migrations');
    const created = readdirSync(migrations)
      .flatMap((f) => [
        ...readFileSync(join(migrations, f), 'utf8').matchAll(/CREATE TABLE (?:\$\{table\}|([a-z_]+))/g),
      ])
      .map((m) => m[1])
      .filter((t): t is string => !!t);
    const dropped = ['user_roles', 'course_authors', 'cohort_coordinators', 'cohort_reviewers'];
    expect(created.filter((t) => !OWNER.has(t) && !dropped.includes(t))).toEqual([]);
  });

  it('lets no feature write another feature’s tables', () => {
    const writes = sources().flatMap((file) =>
      [...foreignTables(file, TABLE_WORD)]
        .filter(([, verb]) => verb === 'INTO' || verb === 'UPDATE')
        .map(([t]) => `${file.file}: ${t}`),
    );
    expect(writes).toEqual([]);
  });

  it('adds no read of another feature’s tables beyond the known debt, and drops what was fixed', () => {
    const reads: Record<string, string[]> = {};
    for (const file of sources()) {
      const tables = [...foreignTables(file, TABLE_WORD).keys()].filter((t) => t !== 'users').sort();
      if (tables.length) reads[relative(DOMAIN, join(DOMAIN, file.file))] = tables;
    }
    expect(reads).toEqual(KNOWN_CROSS_READS);
  });
});
