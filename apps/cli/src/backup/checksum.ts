import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ManifestEntry } from './manifest.js';

export async function fileEntry(path: string, name: string): Promise<ManifestEntry> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { name, size, sha256: hash.digest('hex') };
}
