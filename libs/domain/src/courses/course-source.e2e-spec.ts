import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@karvan/config';
import { EMPTY_GLOSSARY, sourceHash } from '@karvan/content';
import { createDataSource, runMigrationsLocked } from '@karvan/database';
import { CourseSyncService, ENTITIES } from '@karvan/domain';
import type { DataSource } from 'typeorm';
import { compileModule } from './compile-module.js';
import { loadCourseSource, readCourseFiles, withModuleFile } from './course-source.js';
import { storeRevision } from './revisions.js';
import { COURSE, MODULE } from './test/sync-files.js';

/** The Azerbaijani translation of MODULE('First'), its quiz the same shape. */
const TRANSLATION = (words: string) => `---
title: Birinci
summary: Bir cümlə.
objectives:
  - Bir iş görün.
source: ${sourceHash(MODULE('First'))}
---

## Bölmə

${words}

::: quiz pass=70
1. Hansı il? {#year}
   - [ ] 2002
   - [x] 2007
:::
`;

/**
 * The editor reads a whole course on every save and preview, and keeps the texts it has read:
 * whatever changed since, wherever it changed, must be what the next read returns.
 */
describe('a course read back as its files', () => {
  let db: DataSource;
  let sync: CourseSyncService;
  let root: string;
  let dir: string;
  let courseId: string;
  let firstId: string;

  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  const text = async (name: string) =>
    (await loadCourseSource(db.manager, courseId)).files.find((f) => f.name === name)?.text;

  beforeAll(async () => {
    db = createDataSource({ url: loadConfig().databaseUrl!, entities: ENTITIES, poolMax: 3 });
    await db.initialize();
    await runMigrationsLocked(db);
    sync = new CourseSyncService(db);
    const slug = `source-${Math.random().toString(36).slice(2, 10)}`;
    root = mkdtempSync(join(tmpdir(), 'karvan-source-'));
    dir = join(root, 'courses', slug);
    mkdirSync(dir, { recursive: true });
    write('course.md', COURSE());
    write('01-first.md', MODULE('First'));
    write('01-first.az.md', TRANSLATION('Birinci mətn.'));
    write('02-second.md', MODULE('Second'));
    expect((await sync.syncTree(root))[0].refused).toEqual([]);
    [{ course_id: courseId, id: firstId }] = await db.query<Array<{ course_id: string; id: string }>>(
      `SELECT m.course_id, m.id FROM modules m JOIN courses c ON c.id = m.course_id WHERE c.slug = $1 AND m.slug = 'first'`,
      [slug],
    );
  });
  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
    await db.destroy();
  });

  it('reads every file, and the same files again from what it kept', async () => {
    const first = await loadCourseSource(db.manager, courseId);
    expect(first.files.map((f) => f.name).sort()).toEqual([
      '01-first.az.md',
      '01-first.md',
      '02-second.md',
      'course.md',
    ]);
    expect(first.moduleIds.get('first')).toBe(firstId);
    expect((await loadCourseSource(db.manager, courseId)).files).toEqual(first.files);
  });

  it('returns a revision saved since, in the editor or by another process', async () => {
    await text('01-first.md');
    const edited = MODULE('First', ' Saved elsewhere.');
    await db.transaction(async (tx) => {
      const source = withModuleFile(await loadCourseSource(tx, courseId), '01-first.md', edited);
      await storeRevision(tx, firstId, edited, compileModule(source, '01-first.md', EMPTY_GLOSSARY), null);
    });
    expect(await text('01-first.md')).toBe(edited);
    expect(await text('02-second.md')).toBe(MODULE('Second'));
  });

  it('returns a translation changed since by a sync, and one changed in place', async () => {
    expect(await text('01-first.az.md')).toContain('Birinci mətn.');
    write('01-first.md', MODULE('First'));
    write('01-first.az.md', TRANSLATION('Yeni mətn.'));
    await sync.syncTree(root);
    expect(await text('01-first.az.md')).toContain('Yeni mətn.');
    // Any write of the row (a restore, a future tool) moves its time of change, so the key changes.
    await db.query(
      `UPDATE module_translations SET source_markdown = replace(source_markdown, 'Yeni', 'Başqa'), updated_at = now()
       WHERE module_id = $1 AND language = 'az'`,
      [firstId],
    );
    expect(await text('01-first.az.md')).toContain('Başqa mətn.');
  });

  it('gives a draft module to its authors and leaves it out of what a book is made from', async () => {
    await db.query(`UPDATE modules SET status = 'draft' WHERE id = $1`, [firstId]);
    const authors = await loadCourseSource(db.manager, courseId);
    const book = (await readCourseFiles(db.manager, courseId)).source;
    await db.query(`UPDATE modules SET status = 'active' WHERE id = $1`, [firstId]);
    expect(authors.files.map((f) => f.name).sort()).toEqual([
      '01-first.az.md',
      '01-first.md',
      '02-second.md',
      'course.md',
    ]);
    expect(book.files.map((f) => f.name).sort()).toEqual(['02-second.md', 'course.md']);
  });

  it('leaves out an archived module and its translation', async () => {
    await db.query(`UPDATE modules SET status = 'archived' WHERE id = $1`, [firstId]);
    const source = await loadCourseSource(db.manager, courseId);
    expect(source.files.map((f) => f.name).sort()).toEqual(['02-second.md', 'course.md']);
    expect(source.moduleIds.has('first')).toBe(false);
  });
});
