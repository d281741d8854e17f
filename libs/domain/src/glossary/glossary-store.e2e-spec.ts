import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, projectRoot } from '@karvan/config';
import { createGlossary, readGlossary } from '@karvan/content';
import { createDataSource, runMigrationsLocked } from '@karvan/database';
import { CourseSyncService, ENTITIES, loadGlossary, storeGlossary } from '@karvan/domain';
import type { DataSource } from 'typeorm';

/** Other tests of this run read glossary_terms too: every test here leaves the shipped glossary in it. */
describe('storing the glossary', () => {
  let db: DataSource;
  let root: string;

  beforeAll(async () => {
    db = createDataSource({ url: loadConfig().databaseUrl!, entities: ENTITIES, poolMax: 3 });
    await db.initialize();
    await runMigrationsLocked(db);
  });
  afterAll(() => db.destroy());

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'karvan-glossary-sync-'));
    cpSync(join(projectRoot(), 'content', 'glossary'), join(root, 'glossary'), { recursive: true });
    mkdirSync(join(root, 'courses'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stores every term of content/glossary, and writes nothing when nothing changed', async () => {
    const shipped = (await readGlossary(join(projectRoot(), 'content'))).glossary;
    const sync = new CourseSyncService(db);
    const first = await sync.syncContent(root);
    expect(first.glossary.stored?.terms).toBe(shipped.terms.length);
    const again = await sync.syncContent(root);
    expect(again.glossary.stored).toEqual({ terms: shipped.terms.length, changed: 0, removed: 0 });
    const stored = await loadGlossary(db.manager);
    expect(stored.terms.length).toBe(shipped.terms.length);
    expect(stored.byId.get('work-permit')).toMatchObject({
      term: { az: 'iş icazəsi', ru: 'разрешение на работу' },
      see: shipped.byId.get('work-permit')!.see,
    });
  });

  it('refuses a glossary with an error and keeps resolving against the stored one', async () => {
    await new CourseSyncService(db).syncContent(root);
    writeFileSync(join(root, 'glossary', 'broken.yaml'), '- id: visa\n  term: { en: visa }\n');
    const report = await new CourseSyncService(db).syncContent(root);
    expect(report.glossary.stored).toBeNull();
    expect(report.glossary.problems.map((p) => p.message)).toContain(
      'term "visa" has no az term: every term is written in en, az and ru',
    );
    expect(report.glossary.glossary.byId.get('visa')?.term.az).toBe('viza');
  });

  it('removes terms the files no longer have and updates changed ones', async () => {
    const shipped = (await readGlossary(join(projectRoot(), 'content'))).glossary;
    const visa = shipped.byId.get('visa')!;
    const kept = createGlossary([{ ...visa, definition: { ...visa.definition, en: 'Changed.' } }]);
    // Rolled back, so the shipped glossary stays for the rest of the run.
    const outcome = await db
      .transaction(async (tx) => {
        const report = await storeGlossary(tx, kept);
        const after = await loadGlossary(tx);
        throw Object.assign(new Error('roll back'), { report, after });
      })
      .catch((error: { report: unknown; after: ReturnType<typeof createGlossary> }) => error);
    expect(outcome.report).toEqual({ terms: 1, changed: 1, removed: shipped.terms.length - 1 });
    expect(outcome.after.terms.map((t) => [t.id, t.definition.en])).toEqual([['visa', 'Changed.']]);
    expect((await loadGlossary(db.manager)).terms.length).toBe(shipped.terms.length);
  });
});
