import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@karvan/config';
import { FileStorage } from './file-storage.js';

describe('FileStorage', () => {
  let root: string;
  let storage: FileStorage;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'karvan-storage-'));
    storage = new FileStorage({ storageDir: root } as AppConfig);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stores small and large files under their key, leaving no temporary file', async () => {
    const small = Buffer.from('%PDF-1.7 small');
    const large = Buffer.alloc(3 << 20, 7); // past the size written with blocking calls
    await storage.put('certificates/a.pdf', small);
    await storage.put('books/b.pdf', large);
    expect(await storage.get('certificates/a.pdf')).toEqual(small);
    expect((await storage.get('books/b.pdf'))?.equals(large)).toBe(true);
    expect(readdirSync(join(root, 'certificates'))).toEqual(['a.pdf']);
    expect(readdirSync(join(root, 'books'))).toEqual(['b.pdf']);
  });

  it('replaces a file whole and makes its directory again when it was removed', async () => {
    await storage.put('certificates/a.pdf', Buffer.from('first'));
    await storage.put('certificates/a.pdf', Buffer.from('second'));
    expect((await storage.get('certificates/a.pdf'))?.toString()).toBe('second');
    rmSync(join(root, 'certificates'), { recursive: true });
    await storage.put('certificates/c.pdf', Buffer.from('third'));
    expect((await storage.get('certificates/c.pdf'))?.toString()).toBe('third');
  });

  it('leaves no temporary file when a write fails', async () => {
    mkdirSync(join(root, 'certificates', 'a.pdf'), { recursive: true }); // a folder in the way
    await expect(storage.put('certificates/a.pdf', Buffer.from('x'))).rejects.toThrow();
    await expect(storage.put('certificates/a.pdf', Buffer.alloc(2 << 20))).rejects.toThrow();
    expect(readdirSync(join(root, 'certificates'))).toEqual(['a.pdf']);
  });

  it('refuses a key outside its directory and reads a missing file as null', async () => {
    await expect(storage.put('../outside.pdf', Buffer.from('x'))).rejects.toThrow('outside the storage directory');
    expect(await storage.get('certificates/none.pdf')).toBeNull();
  });
});
