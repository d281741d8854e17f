import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '@karvan/config';
import { createDataSource, runMigrationsLocked, startEmbeddedPostgres, type EmbeddedPostgres } from '@karvan/database';
import { ENTITIES } from '@karvan/domain';
import { createScratchDatabase } from '@karvan/testing';
import type { DataSource } from 'typeorm';
import { createBackup } from '../src/backup/backup.js';
import { restoreBackup } from '../src/backup/restore.js';
import { issuedCertificates, makeInstallationData, rowCounts, sha256 } from './backup-data.js';

async function open(url: string): Promise<DataSource> {
  const db = createDataSource({ url, entities: ENTITIES, poolMax: 3 });
  await db.initialize();
  return db;
}

async function expectSameData(source: DataSource, sourceConfig: AppConfig, copy: DataSource, copyConfig: AppConfig) {
  const counts = await rowCounts(source);
  expect(counts.users).toBeGreaterThan(10);
  expect(counts.module_revisions).toBeGreaterThan(0);
  expect(await rowCounts(copy)).toEqual(counts);
  const before = await issuedCertificates(source, sourceConfig);
  const after = await issuedCertificates(copy, copyConfig);
  expect(before).toHaveLength(1);
  expect(after.map((c) => c.code)).toEqual(before.map((c) => c.code));
  expect(after[0].pdf.equals(before[0].pdf)).toBe(true);
  expect(after[0]).toMatchObject({ status: 'valid', signatureValid: true, signedPdfSha256: sha256(after[0].pdf) });
}

/** Flips one byte in the middle of the archive, where the compressed database is. */
async function tampered(archive: string, dir: string): Promise<string> {
  const bytes = await readFile(archive);
  bytes[Math.floor(bytes.length / 2)] ^= 0x01;
  const path = join(dir, 'tampered.zip');
  await writeFile(path, bytes);
  return path;
}

describe('backup and restore', () => {
  let dir: string;
  const base = loadConfig();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'karvan-backup-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  describe('services mode (PostgreSQL, pg_dump)', () => {
    let source: DataSource;
    let sourceConfig: AppConfig;
    const archive = () => join(dir, 'services.zip');

    beforeAll(async () => {
      const url = await createScratchDatabase('backup_src');
      sourceConfig = { ...base, databaseUrl: url, storageDir: join(dir, 'services-storage') };
      source = await open(url);
      await runMigrationsLocked(source);
      await makeInstallationData(source, sourceConfig);
    });
    afterAll(() => source.destroy());

    it('gives back every row, the certificate PDF bytes and a signature that still verifies', async () => {
      const { manifest } = await createBackup(sourceConfig, archive());
      expect(manifest).toMatchObject({ mode: 'services', database: { format: 'pg_dump-custom' } });
      expect(manifest.entries.map((e) => e.name)).toContainEqual(
        expect.stringMatching(/^storage\/certificates\/.+\.pdf$/),
      );

      const copyConfig = {
        ...base,
        databaseUrl: await createScratchDatabase('backup_dst'),
        storageDir: join(dir, 's2'),
      };
      await restoreBackup(copyConfig, archive());
      const copy = await open(copyConfig.databaseUrl);
      try {
        await expectSameData(source, sourceConfig, copy, copyConfig);
      } finally {
        await copy.destroy();
      }
    });

    it('falls back to a row dump where pg_dump cannot be used, and that restores as well', async () => {
      const rows = join(dir, 'services-rows.zip');
      const { manifest } = await createBackup(sourceConfig, rows, { pgDump: false });
      expect(manifest).toMatchObject({ mode: 'services', database: { format: 'karvan-rows' } });
      const copyConfig = {
        ...base,
        databaseUrl: await createScratchDatabase('backup_rows_dst'),
        storageDir: join(dir, 'rows-storage'),
      };
      await restoreBackup(copyConfig, rows);
      const copy = await open(copyConfig.databaseUrl);
      try {
        await expectSameData(source, sourceConfig, copy, copyConfig);
      } finally {
        await copy.destroy();
      }
    });

    it('refuses a database that is not empty, and changes nothing in it', async () => {
      const target = { ...base, databaseUrl: sourceConfig.databaseUrl, storageDir: join(dir, 'unused-storage') };
      const before = await rowCounts(source);
      await expect(restoreBackup(target, archive())).rejects.toThrow(/database is not empty/);
      expect(await rowCounts(source)).toEqual(before);
    });

    it('refuses an archive with one flipped byte before touching the database or the storage', async () => {
      const target = { ...base, databaseUrl: await createScratchDatabase('backup_bad'), storageDir: join(dir, 's3') };
      await expect(restoreBackup(target, await tampered(archive(), dir))).rejects.toThrow(/archive is damaged/);
      const db = await open(target.databaseUrl);
      try {
        expect(await rowCounts(db)).toEqual({});
      } finally {
        await db.destroy();
      }
      await expect(readdir(target.storageDir)).rejects.toThrow(/ENOENT/);
    });

    it('will not overwrite an existing file', async () => {
      await expect(createBackup(sourceConfig, archive())).rejects.toThrow(/already exists/);
    });
  });

  describe('embedded mode (PGlite, while the server runs)', () => {
    let server: EmbeddedPostgres;
    let source: DataSource;
    let sourceConfig: AppConfig;
    const embedded = (dataDir: string): AppConfig => ({
      ...base,
      mode: 'embedded',
      databaseUrl: undefined,
      dataDir,
      storageDir: join(dataDir, 'storage'),
    });

    beforeAll(async () => {
      sourceConfig = embedded(join(dir, 'data'));
      server = await startEmbeddedPostgres({ dataDir: sourceConfig.dataDir });
      source = await open(server.url);
      await runMigrationsLocked(source);
      await makeInstallationData(source, sourceConfig);
    });
    afterAll(async () => {
      await source.destroy();
      await server.stop();
    });

    it('backs up the running server and restores into an empty DATA_DIR with the same data', async () => {
      const archive = join(dir, 'embedded.zip');
      const { manifest } = await createBackup(sourceConfig, archive);
      expect(manifest).toMatchObject({ mode: 'embedded', database: { format: 'karvan-rows' } });
      // The server kept running and serving its own connections throughout.
      expect(await source.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);

      const copyConfig = embedded(join(dir, 'data-restored'));
      await restoreBackup(copyConfig, archive);
      const restored = await startEmbeddedPostgres({ dataDir: copyConfig.dataDir });
      const copy = await open(restored.url);
      try {
        await expectSameData(source, sourceConfig, copy, copyConfig);
        await expect(restoreBackup(copyConfig, archive)).rejects.toThrow(/Karvan is running on/);
      } finally {
        await copy.destroy();
        await restored.stop();
      }
      await expect(restoreBackup(copyConfig, archive)).rejects.toThrow(/already holds a database/);
    });

    it('refuses a tampered archive and leaves DATA_DIR empty', async () => {
      const target = embedded(join(dir, 'data-bad'));
      await expect(restoreBackup(target, await tampered(join(dir, 'embedded.zip'), dir))).rejects.toThrow(
        /archive is damaged/,
      );
      await expect(readdir(target.dataDir)).rejects.toThrow(/ENOENT/);
    });
  });
});
