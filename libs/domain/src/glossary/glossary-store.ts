import { createGlossary, type Glossary, type GlossaryTerm } from '@karvan/content';
import type { EntityManager } from 'typeorm';

interface Row {
  id: string;
  term: GlossaryTerm['term'];
  definition: GlossaryTerm['definition'];
  source: string;
  see: string[];
}

export interface GlossarySyncReport {
  terms: number;
  /** Terms added or changed. */
  changed: number;
  removed: number;
}

/** The terms given as JSON in $1, as rows. */
const TERMS = `jsonb_to_recordset($1::jsonb) AS t(id text, term jsonb, definition jsonb, source text, see text[])`;

/**
 * Makes glossary_terms hold exactly these terms (content sync calls it inside its transaction).
 * Only changed rows are written, and an unchanged glossary runs no write at all: the content
 * epoch's statement triggers would raise it (every reader's cache lost) though no row changed.
 */
export async function storeGlossary(tx: EntityManager, glossary: Glossary): Promise<GlossarySyncReport> {
  const ids = glossary.terms.map((t) => t.id);
  const terms = JSON.stringify(
    glossary.terms.map(({ id, term, definition, source, see }) => ({ id, term, definition, source, see })),
  );
  if (await holdsExactly(tx, terms)) return { terms: ids.length, changed: 0, removed: 0 };
  // A DELETE's result is driver-shaped; counting through a SELECT gives plain rows.
  const [{ removed }] = await tx.query<Array<{ removed: number }>>(
    'WITH gone AS (DELETE FROM glossary_terms WHERE NOT (id = ANY($1)) RETURNING id) SELECT count(*)::int AS removed FROM gone',
    [ids],
  );
  // All terms in one statement: every content sync stores the glossary, mostly unchanged.
  const changed = await tx.query<Array<{ id: string }>>(
    `INSERT INTO glossary_terms (id, term, definition, source, see)
     SELECT id, term, definition, source, see FROM ${TERMS}
     ON CONFLICT (id) DO UPDATE SET term = excluded.term, definition = excluded.definition, source = excluded.source,
       see = excluded.see, updated_at = now()
     WHERE (glossary_terms.term, glossary_terms.definition, glossary_terms.source, glossary_terms.see)
       IS DISTINCT FROM (excluded.term, excluded.definition, excluded.source, excluded.see)
     RETURNING id`,
    [terms],
  );
  return { terms: ids.length, changed: changed.length, removed };
}

/** Whether the table has exactly these terms, compared as the upsert compares them. */
async function holdsExactly(tx: EntityManager, terms: string): Promise<boolean> {
  const [{ same }] = await tx.query<Array<{ same: boolean }>>(
    `SELECT (SELECT count(*) FROM glossary_terms) = jsonb_array_length($1::jsonb) AND NOT EXISTS (
       SELECT 1 FROM ${TERMS} LEFT JOIN glossary_terms g ON g.id = t.id
       WHERE (g.term, g.definition, g.source, g.see) IS DISTINCT FROM (t.term, t.definition, t.source, t.see)
     ) AS same`,
    [terms],
  );
  return same;
}

/** The glossary as the database has it: what module rendering and the pages resolve terms against. */
export async function loadGlossary(db: EntityManager): Promise<Glossary> {
  const rows = await db.query<Row[]>('SELECT id, term, definition, source, see FROM glossary_terms ORDER BY id');
  return createGlossary(rows.map((r) => ({ ...r, path: 'glossary_terms', line: 1, seeLine: 1 })));
}

/**
 * SQL for an md5 of glossary_terms as a whole, so that a change to it, however made, is seen
 * (the content sync keeps it beside what it last stored).
 */
export const GLOSSARY_STATE_SQL = `(SELECT md5(coalesce(string_agg(ROW(id, term, definition, source, see)::text, ';' ORDER BY id), ''))
   FROM glossary_terms)`;
