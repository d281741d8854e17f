import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { problem, type Problem } from '../problem.js';
import { EMPTY_GLOSSARY, type Glossary } from './glossary-model.js';
import { buildGlossary, type GlossaryFile } from './glossary-parser.js';

export interface GlossaryReport {
  glossary: Glossary;
  problems: Problem[];
  /** Glossary files read. */
  files: number;
  /** Whether the content tree has a glossary/ folder at all. */
  present: boolean;
}

export const GLOSSARY_DIR = 'glossary';

/** Reads `<dir>/glossary/*.yaml`; a tree without that folder has an empty glossary. */
export async function readGlossary(dir: string): Promise<GlossaryReport> {
  const folder = join(dir, GLOSSARY_DIR);
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => null);
  if (!entries) return { glossary: EMPTY_GLOSSARY, problems: [], files: 0, present: false };
  const files: GlossaryFile[] = [];
  const problems: Problem[] = [];
  for (const entry of entries.filter((e) => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(folder, entry.name);
    if (entry.isFile() && /\.ya?ml$/.test(entry.name)) files.push({ path, text: await readFile(path, 'utf8') });
    else problems.push(problem(path, 1, 1, 'warning', 'glossary.notGlossaryFile'));
  }
  const built = buildGlossary(files);
  return { glossary: built.glossary, problems: [...problems, ...built.problems], files: files.length, present: true };
}
