import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { fileEntry } from './checksum.js';
import { BackupError, MANIFEST_NAME, parseManifest, type Manifest } from './manifest.js';

/** Writes the manifest and the files it lists (name → path on disk) into one zip at `target`. */
export async function writeArchive(target: string, manifest: Manifest, files: Map<string, string>): Promise<void> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), MANIFEST_NAME);
  for (const entry of manifest.entries) zip.addFile(files.get(entry.name)!, entry.name);
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(target, { mode: 0o600 }));
}

/**
 * Unpacks the archive into `dir` and checks every entry against the manifest (present, same size,
 * same SHA-256, nothing extra); returns the manifest only when all of it matches.
 */
export async function unpackVerified(archive: string, dir: string): Promise<Manifest> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(archive, { lazyEntries: true, strictFileNames: true });
  } catch (error) {
    throw damaged((error as Error).message);
  }
  const names: string[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const path = insideDir(dir, entry.fileName);
      await mkdir(dirname(path), { recursive: true });
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(path));
      names.push(entry.fileName);
    }
  } catch (error) {
    throw error instanceof BackupError ? error : damaged((error as Error).message);
  } finally {
    zip.close();
  }
  if (!names.includes(MANIFEST_NAME)) throw damaged('it has no manifest.json');
  const manifest = parseManifest(await readFile(join(dir, MANIFEST_NAME), 'utf8'));
  await checkEntries(manifest, names, dir);
  return manifest;
}

async function checkEntries(manifest: Manifest, names: string[], dir: string): Promise<void> {
  const listed = new Set(manifest.entries.map((e) => e.name));
  const extra = names.find((name) => name !== MANIFEST_NAME && !listed.has(name));
  if (extra) throw damaged(`${extra} is not in the manifest`);
  for (const expected of manifest.entries) {
    if (!names.includes(expected.name)) throw damaged(`${expected.name} is missing`);
    const actual = await fileEntry(join(dir, expected.name), expected.name);
    if (actual.size !== expected.size || actual.sha256 !== expected.sha256) {
      throw damaged(`${expected.name} does not match its SHA-256 checksum`);
    }
  }
}

function insideDir(dir: string, name: string): string {
  const path = resolve(dir, name);
  if (!path.startsWith(resolve(dir) + sep)) throw damaged(`unsafe entry name ${name}`);
  return path;
}

function damaged(detail: string): BackupError {
  return new BackupError(`The archive is damaged and was not restored: ${detail}. Nothing was changed.`);
}
