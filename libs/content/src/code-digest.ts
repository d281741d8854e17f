import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the renderer and checker are built on: a new version of one may render the same file differently. */
const RENDERING_PACKAGES = [
  'markdown-it',
  'markdown-it-anchor',
  'markdown-it-container',
  'markdown-it-footnote',
  'yaml',
];

/**
 * SHA-256 of the code under `dirs` (their .js and .ts files, tests and type declarations left out)
 * and of the installed versions of `packages`. Built or run from source, the same code in the
 * same place gives the same digest.
 */
export function codeDigest(dirs: string[], packages: string[] = []): string {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(isCode).sort();
    for (const file of files) {
      const text = readFileSync(join(dir, file));
      hash.update(JSON.stringify([file, text.length])).update(text);
    }
  }
  const require = createRequire(import.meta.url);
  for (const name of packages) {
    hash.update(JSON.stringify([name, (require(`${name}/package.json`) as { version: string }).version]));
  }
  return hash.digest('hex');
}

/** The digest of this package's code (the parser, checker and renderer) and of what it renders with. */
export function contentCodeDigest(): string {
  return codeDigest([dirname(fileURLToPath(import.meta.url))], RENDERING_PACKAGES);
}

function isCode(file: string): boolean {
  return /\.(js|ts)$/.test(file) && !/\.d\.ts$|spec\.(js|ts)$|(^|\/)test\//.test(file);
}
