import { buildGlossary, hasErrors, readGlossaryFiles, type Glossary, type Problem } from '@karvan/content';
import type { DataSource, EntityManager } from 'typeorm';
import { GLOSSARY_STATE_SQL, loadGlossary, storeGlossary, type GlossarySyncReport } from '../glossary/index.js';
import { filesFingerprint } from './sync-fingerprint.js';

export interface GlossaryTreeReport {
  /** Whether the tree has a glossary/ folder; without one the database's glossary stays as it is. */
  present: boolean;
  /** Null when nothing was stored: no folder, or the glossary had errors and was refused. */
  stored: GlossarySyncReport | null;
  problems: Problem[];
  /** What the courses of this sync resolve their glossary links against. */
  glossary: Glossary;
}

/** What the last glossary sync stored, to answer the next one of the same files. */
interface SettledGlossary {
  terms: number;
  problems: Problem[];
}

/**
 * Stores `<dir>/glossary/` before the courses are synced, so their links resolve against it. A
 * glossary with an error is refused as a whole and the one already stored is used instead. Files
 * unchanged since the last sync, with the table as that sync left it, are not parsed again.
 */
export async function syncGlossaryFiles(db: DataSource, dir: string): Promise<GlossaryTreeReport> {
  const read = await readGlossaryFiles(dir);
  if (!read.present) return { present: false, stored: null, problems: [], glossary: await loadGlossary(db.manager) };
  const fingerprint = filesFingerprint(read.files);
  const last = await settledGlossary(db.manager, fingerprint);
  if (last) {
    const stored = { terms: last.terms, changed: 0, removed: 0 };
    const problems = [...read.problems, ...last.problems];
    return { present: true, stored, problems, glossary: await loadGlossary(db.manager) };
  }
  const built = buildGlossary(read.files);
  const problems = [...read.problems, ...built.problems];
  if (hasErrors(problems)) return { present: true, stored: null, problems, glossary: await loadGlossary(db.manager) };
  const stored = await db.transaction(async (tx) => {
    // One glossary sync at a time, across processes (several api processes start at once).
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['karvan:sync:glossary']);
    const report = await storeGlossary(tx, built.glossary);
    await storeSettledGlossary(tx, fingerprint, { terms: report.terms, problems: built.problems });
    return report;
  });
  return { present: true, stored, problems, glossary: built.glossary };
}

async function settledGlossary(db: EntityManager, fingerprint: string): Promise<SettledGlossary | undefined> {
  const [row] = await db.query<Array<{ report: SettledGlossary }>>(
    `SELECT report FROM glossary_sync WHERE fingerprint = $1 AND state = ${GLOSSARY_STATE_SQL}`,
    [fingerprint],
  );
  return row?.report;
}

async function storeSettledGlossary(tx: EntityManager, fingerprint: string, settled: SettledGlossary): Promise<void> {
  await tx.query(
    `INSERT INTO glossary_sync (fingerprint, state, report) VALUES ($1, ${GLOSSARY_STATE_SQL}, $2)
     ON CONFLICT (singleton) DO UPDATE SET fingerprint = $1, state = excluded.state, report = $2`,
    [fingerprint, JSON.stringify(settled)],
  );
}
