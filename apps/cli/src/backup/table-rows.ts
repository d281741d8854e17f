import type { QueryRunner } from 'typeorm';

/** Karvan's own tables: everything in "public" (BullMQ's job tables live in their own schema). */
export async function publicTables(runner: QueryRunner): Promise<Record<string, string[]>> {
  const rows = await runner.manager.query<Array<{ table_name: string; columns: string[] }>>(
    `SELECT c.table_name, array_agg(c.column_name::text ORDER BY c.ordinal_position) AS columns
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
     GROUP BY c.table_name ORDER BY c.table_name`,
  );
  return Object.fromEntries(rows.map((r) => [r.table_name, r.columns]));
}

export interface SequenceValue {
  name: string;
  value: string | null;
}

export async function publicSequences(runner: QueryRunner): Promise<SequenceValue[]> {
  const rows = await runner.manager.query<Array<{ name: string; value: string | null }>>(
    `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences
     WHERE schemaname = 'public' ORDER BY sequencename`,
  );
  return rows;
}

export function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const PAGE = 1000;

/** A table's rows as JSON text, a page at a time in physical order (stable inside one snapshot). */
export async function* tableRows(runner: QueryRunner, table: string, columns: string[]): AsyncGenerator<string> {
  const list = columns.map((c) => `t.${quoted(c)}`).join(', ');
  let after = '(0,0)';
  for (;;) {
    const page = await runner.manager.query<Array<{ at: string; row: string }>>(
      `SELECT t.ctid::text AS at, row_to_json(x)::text AS row
       FROM public.${quoted(table)} t CROSS JOIN LATERAL (SELECT ${list}) x
       WHERE t.ctid > $1::tid ORDER BY t.ctid LIMIT ${PAGE}`,
      [after],
    );
    for (const r of page) yield r.row;
    if (page.length < PAGE) return;
    after = page[page.length - 1].at;
  }
}

/** Inserts rows given as JSON objects, keeping identity values as they were. */
export async function insertRows(runner: QueryRunner, table: string, columns: string[], rows: string[]): Promise<void> {
  const list = columns.map(quoted).join(', ');
  await runner.query(
    `INSERT INTO public.${quoted(table)} (${list}) OVERRIDING SYSTEM VALUE
     SELECT ${list} FROM json_populate_recordset(NULL::public.${quoted(table)}, $1::json)`,
    [`[${rows.join(',')}]`],
  );
}
