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

/**
 * Makes glossary_terms hold exactly these terms (content sync calls it inside its transaction).
 * Only changed rows are written, so a sync of an unchanged glossary writes nothing.
 */
export async function storeGlossary(tx: EntityManager, glossary: Glossary): Promise<GlossarySyncReport> {
  const ids = glossary.terms.map((t) => t.id);
  // A DELETE's result is driver-shaped; counting through a SELECT gives plain rows.
  const [{ removed }] = await tx.query<Array<{ removed: number }>>(
    'WITH gone AS (DELETE FROM glossary_terms WHERE NOT (id = ANY($1)) RETURNING id) SELECT count(*)::int AS removed FROM gone',
    [ids],
  );
  // All terms in one statement: every content sync stores the glossary, mostly unchanged.
  const terms = glossary.terms.map(({ id, term, definition, source, see }) => ({ id, term, definition, source, see }));
  const changed = await tx.query<Array<{ id: string }>>(
    `INSERT INTO glossary_terms (id, term, definition, source, see)
     SELECT id, term, definition, source, see
     FROM jsonb_to_recordset($1::jsonb) AS t(id text, term jsonb, definition jsonb, source text, see text[])
     ON CONFLICT (id) DO UPDATE SET term = excluded.term, definition = excluded.definition, source = excluded.source,
       see = excluded.see, updated_at = now()
     WHERE (glossary_terms.term, glossary_terms.definition, glossary_terms.source, glossary_terms.see)
       IS DISTINCT FROM (excluded.term, excluded.definition, excluded.source, excluded.see)
     RETURNING id`,
    [JSON.stringify(terms)],
  );
  return { terms: ids.length, changed: changed.length, removed };
}

/** The glossary as the database has it: what module rendering and the pages resolve terms against. */
export async function loadGlossary(db: EntityManager): Promise<Glossary> {
  const rows = await db.query<Row[]>('SELECT id, term, definition, source, see FROM glossary_terms ORDER BY id');
  return createGlossary(rows.map((r) => ({ ...r, path: 'glossary_terms', line: 1, seeLine: 1 })));
}
