import { readGlossary, type Glossary, type Problem } from '@karvan/content';
import type { DataSource } from 'typeorm';
import { loadGlossary, storeGlossary, type GlossarySyncReport } from '../glossary/index.js';

export interface GlossaryTreeReport {
  /** Whether the tree has a glossary/ folder; without one the database's glossary stays as it is. */
  present: boolean;
  /** Null when nothing was stored: no folder, or the glossary had errors and was refused. */
  stored: GlossarySyncReport | null;
  problems: Problem[];
  /** What the courses of this sync resolve their glossary links against. */
  glossary: Glossary;
}

/**
 * Stores `<dir>/glossary/` before the courses are synced, so their links resolve against it. A
 * glossary with an error is refused as a whole and the one already stored is used instead.
 */
export async function syncGlossaryFiles(db: DataSource, dir: string): Promise<GlossaryTreeReport> {
  const read = await readGlossary(dir);
  const refused = read.problems.some((p) => p.severity === 'error');
  if (!read.present || refused) {
    return { present: read.present, stored: null, problems: read.problems, glossary: await loadGlossary(db.manager) };
  }
  const stored = await db.transaction(async (tx) => {
    // One glossary sync at a time, across processes (several api processes start at once).
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['karvan:sync:glossary']);
    return storeGlossary(tx, read.glossary);
  });
  return { present: true, stored, problems: read.problems, glossary: read.glossary };
}
