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
  const read = await readGlossaryFiles(dir);
  if (!read.present) return { glossary: EMPTY_GLOSSARY, problems: [], files: 0, present: false };
  const built = buildGlossary(read.files);
  const problems = [...read.problems, ...built.problems];
  return { glossary: built.glossary, problems, files: read.files.length, present: true };
}

export interface GlossaryFiles {
  present: boolean;
  files: GlossaryFile[];
  /** A warning for each file there that is not a glossary file. */
  problems: Problem[];
}

/** The texts of `<dir>/glossary/*.yaml`, not yet parsed (see `buildGlossary`). */
export async function readGlossaryFiles(dir: string): Promise<GlossaryFiles> {
  const folder = join(dir, GLOSSARY_DIR);
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => null);
  if (!entries) return { present: false, files: [], problems: [] };
  const files: GlossaryFile[] = [];
  const problems: Problem[] = [];
  for (const entry of entries.filter((e) => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(folder, entry.name);
    if (entry.isFile() && /\.ya?ml$/.test(entry.name)) files.push({ path, text: await readFile(path, 'utf8') });
    else problems.push(problem(path, 1, 1, 'warning', 'glossary.notGlossaryFile'));
  }
  return { present: true, files, problems };
}
