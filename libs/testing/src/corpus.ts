import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectRoot } from '@karvan/config';

/**
 * A file of the shared compatibility corpus, which lives beside the checkout (`../shared/corpus`)
 * and is never copied into the project. A missing corpus fails the test that needs it, loudly.
 */
export function corpusFile(relativePath: string): string {
  const candidates = [resolve(projectRoot(), '..', 'shared', 'corpus'), '/work/shared/corpus'];
  const dir = candidates.find((candidate) => existsSync(join(candidate, relativePath)));
  if (!dir) throw new Error(`The shared corpus file ${relativePath} was not found in ${candidates.join(' or ')}`);
  return join(dir, relativePath);
}
