import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { closeSync, fsync, mkdirSync, open as openFd, renameSync, writeSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { KeptMap } from '../shared/kept-map.js';

const fsyncFile = promisify(fsync);
const openFile = promisify(openFd);

/**
 * Up to this size a file is written, closed and renamed with blocking calls; only opening it (which
 * can wait for the file system's journal) and flushing it to disk go through the thread pool. Each
 * thread-pool call costs a wake-up of a pool thread and of the event loop, and for a certificate
 * (about 60 KB) the six calls of a write cost more CPU than the writing did. Copying this much
 * into the page cache blocks the loop for well under a millisecond.
 */
const BLOCKING_WRITE_LIMIT = 1 << 20;

/**
 * Files under STORAGE_DIR by key. A write goes to a temporary name, is flushed, then renamed, so a
 * process killed mid-write never leaves a half file under the key.
 */
@Injectable()
export class FileStorage {
  private readonly root: string;
  /** Directories this process made or found: the certificates' directory is made once, not per file. */
  private readonly made = new KeptMap<string, true>(1000);

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.storageDir);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.path(key);
    const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
    try {
      if (data.length <= BLOCKING_WRITE_LIMIT) await this.putSmall(path, temporary, data);
      else await this.putLarge(path, temporary, data);
    } catch (error) {
      // A write that failed half-way (a full disk, a folder in the way) leaves nothing behind.
      await rm(temporary, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  private async putSmall(path: string, temporary: string, data: Buffer): Promise<void> {
    const fd = await this.create(temporary);
    try {
      for (let written = 0; written < data.length;) written += writeSync(fd, data, written);
      await fsyncFile(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  }

  private async putLarge(path: string, temporary: string, data: Buffer): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  }

  /** Opens a new file, making its directory the first time (or again, when it was removed since). */
  private async create(path: string): Promise<number> {
    const directory = dirname(path);
    if (this.made.has(directory)) {
      try {
        return await openFile(path, 'w');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    mkdirSync(directory, { recursive: true });
    this.made.set(directory, true);
    return openFile(path, 'w');
  }

  /** The file's bytes, or null when there is none. */
  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  private path(key: string): string {
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw new Error(`Storage key outside the storage directory: ${key}`);
    return path;
  }
}
