import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { DataSource } from 'typeorm';
import { BackupError } from './manifest.js';
import { insertRows, publicSequences, publicTables, quoted, tableRows, type SequenceValue } from './table-rows.js';

/*
 * The embedded database as JSON lines: a header with every table's columns, one line per row,
 * and a trailer with the sequences. pg_dump cannot be used there: PGlite is PostgreSQL 18 and
 * Debian's pg_dump is older, and pg_dump refuses a newer server.
 */
interface Header {
  columns: Record<string, string[]>;
}
const ROW_START = '{"table":';
const ROW_KEY = ',"row":';
interface Trailer {
  sequences: SequenceValue[];
}

/** Reads every table in one repeatable-read transaction, so the rows are one consistent moment. */
export async function dumpRows(db: DataSource, file: string): Promise<void> {
  const out = createWriteStream(file, { mode: 0o600 });
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const columns = await publicTables(runner);
    await write(out, JSON.stringify({ columns } satisfies Header));
    for (const [table, list] of Object.entries(columns)) {
      const prefix = `${ROW_START}${JSON.stringify(table)}${ROW_KEY}`;
      for await (const row of tableRows(runner, table, list)) await write(out, `${prefix}${row}}`);
    }
    // Read last: no value handed out before the snapshot can be missing from it.
    await write(out, JSON.stringify({ sequences: await publicSequences(runner) } satisfies Trailer));
    await runner.query('COMMIT');
  } finally {
    await runner.release();
    out.end();
    await once(out, 'close');
  }
}

async function write(out: WriteStream, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}

const BATCH = 500;

/**
 * Loads a dump into a database whose schema was migrated to the dump's migration. Whatever the
 * migrations inserted is replaced by the dump's rows; foreign keys and triggers are held off
 * (session_replication_role) while rows arrive in table order, all in one transaction.
 */
export async function loadRows(db: DataSource, file: string): Promise<void> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('BEGIN');
    await runner.query('SET LOCAL session_replication_role = replica');
    let columns: Record<string, string[]> | undefined;
    const batch: { table: string; rows: string[] } = { table: '', rows: [] };
    const flush = async () => {
      if (batch.rows.length) await insertRows(runner, batch.table, columns![batch.table], batch.rows);
      batch.rows = [];
    };
    // Made only now: lines read before the loop starts would be lost.
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) {
      const row = rowLine(line);
      if (row) {
        if (row.table !== batch.table || batch.rows.length >= BATCH) await flush();
        batch.table = row.table;
        batch.rows.push(row.json);
        continue;
      }
      const parsed = JSON.parse(line) as Partial<Header & Trailer>;
      if (parsed.columns) {
        columns = parsed.columns;
        await prepareTables(runner, columns);
      } else if (parsed.sequences) {
        await flush();
        await setSequences(runner, parsed.sequences);
      }
    }
    await runner.query('COMMIT');
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

/** A row's JSON is passed on as text: parsing it in JavaScript would round big integers. */
function rowLine(line: string): { table: string; json: string } | undefined {
  if (!line.startsWith(ROW_START)) return undefined;
  const end = line.indexOf(ROW_KEY);
  return { table: JSON.parse(line.slice(ROW_START.length, end)) as string, json: line.slice(end + ROW_KEY.length, -1) };
}

/** The restored schema must have the dumped columns, table by table; then it is emptied. */
async function prepareTables(runner: Parameters<typeof publicTables>[0], dumped: Record<string, string[]>) {
  const actual = await publicTables(runner);
  const same = Object.keys(actual).sort().join(',') === Object.keys(dumped).sort().join(',');
  if (!same) throw new BackupError('The restored schema does not have the tables of the backup; nothing was restored.');
  for (const [table, list] of Object.entries(dumped)) {
    if (actual[table]?.join(',') !== list.join(',')) {
      throw new BackupError(`The restored schema does not match the backup at table ${table}; nothing was restored.`);
    }
  }
  const tables = Object.keys(actual).map((t) => `public.${quoted(t)}`);
  if (tables.length) await runner.query(`TRUNCATE ${tables.join(', ')}`);
}

async function setSequences(runner: Parameters<typeof publicTables>[0], sequences: SequenceValue[]) {
  for (const s of sequences) {
    if (s.value !== null)
      await runner.query(`SELECT setval($1, $2::bigint, true)`, [`public.${quoted(s.name)}`, s.value]);
  }
}
