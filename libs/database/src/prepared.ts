import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';

const preparing = new WeakSet<DataSource>();
const names = new Map<string, string>();

/**
 * Lets `prepared` name statements on this data source. Not for the embedded database: PGlite
 * serves every connection from one shared session, where two connections would prepare the same name.
 */
export function allowPreparedStatements(source: DataSource): void {
  preparing.add(source);
}

/**
 * Runs a statement as a named prepared statement: PostgreSQL parses and plans it once per
 * connection instead of on every call. For the statements every request or every quiz submission
 * runs, parsing and planning took longer than running them (the quiz benchmark, measured with
 * log_min_duration_statement: parse and bind were 61 % of those statements' time).
 *
 * Only for SQL whose text is fixed in the code: each distinct text stays prepared on each pooled
 * connection for the connection's life. Not for statements whose result has `*` columns: a column
 * added by a migration would make a statement prepared before it fail.
 */
export function prepared<T>(db: DataSource | EntityManager, text: string, values: unknown[]): Promise<T> {
  const source = db instanceof DataSource ? db : db.connection;
  if (!preparing.has(source)) return db.query<T>(text, values);
  let name = names.get(text);
  if (!name) {
    name = `karvan_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  // TypeORM hands its query argument to node-postgres as it is, and node-postgres takes { name, text }.
  return db.query<T>({ name, text } as unknown as string, values);
}
