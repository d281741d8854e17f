import { cp, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const STORAGE_PREFIX = 'storage/';

/** Every stored file as archive name → path; half-written `.part` files are left out. */
export async function storageFiles(storageDir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  let entries;
  try {
    entries = await readdir(storageDir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return files;
    throw error;
  }
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.endsWith('.part')) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(STORAGE_PREFIX + relative(storageDir, path).split(sep).join('/'), path);
  }
  return files;
}

export async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** Copies the unpacked `storage/` folder into STORAGE_DIR. */
export async function restoreStorage(unpacked: string, storageDir: string): Promise<void> {
  const from = join(unpacked, 'storage');
  if (await isEmptyDir(from)) return;
  await cp(from, storageDir, { recursive: true, errorOnExist: true, force: false });
}
