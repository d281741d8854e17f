// Benchmark: saving one module of a 100-module course in the editor (ModulesService.save: check it
// in its course, store a revision) against compiling that one module alone (the course file and
// that module, nothing else), in the same run, alternating for BENCH_ROUNDS rounds; the median and
// the range are printed. Also the compile the editor does inside a save (that module checked in its
// course, the other files read once and kept) and the whole course's compile, which the editor
// used to do, and storing a revision alone (the floor under any save). Target: ≤ 2× the one module.
// Two generated courses (`generated-course.mjs`): modules of 2 KB, and modules of about 21 KB, the
// size of the shipped English modules; the fixed costs of a save (reads, the durable write) weigh
// more beside the small module's compile. Run with `npm run bench:editor` (it builds first).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alternate, dist, dropQueueKeys, median, scratchDatabase, summary } from './bench-lib.mjs';
import { moduleFile, writeGeneratedTree } from './generated-course.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SAVES = 20;
const MODULES = 100;

const content = await import(new URL('libs/content/src/index.js', dist));
const domain = await import(new URL('libs/domain/src/index.js', dist));
const { loadConfig } = await import(new URL('libs/config/src/index.js', dist));
const { installQueueBackend } = await import(new URL('libs/jobs/src/index.js', dist));
const database = await scratchDatabase();
const config = loadConfig({
  DATABASE_URL: database.url,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  QUEUE_PREFIX: `karvan_bench_${process.pid}`,
  LOG_LEVEL: 'error',
  CONTENT_SYNC: 'off',
});
installQueueBackend(config);
const { createApp } = await import(new URL('apps/api/src/create-app.js', dist));
const app = await createApp(config, { inProcessWorker: false });
await app.init();
const { DataSource } = await import('typeorm');
const db = app.get(DataSource);

const admin = await adminPrincipal();
const modules = app.get(domain.ModulesService);
const { storeRevision } = await import(new URL('libs/domain/src/courses/revisions.js', dist));
const { compileModule } = await import(new URL('libs/domain/src/courses/compile-module.js', dist));
let edits = 0;

await measure('bench-course', 1, 'modules of 2 KB');
await measure('bench-long', 20, 'modules of about 21 KB');

/** Syncs a generated course of 100 modules, as `content sync` does, and measures its module 51. */
async function measure(name, sections, label) {
  const tree = mkdtempSync(join(tmpdir(), 'karvan-bench-editor-'));
  writeGeneratedTree(tree, 1, MODULES, { sections, name });
  await new domain.CourseSyncService(db).syncTree(tree);
  const glossary = (await content.readGlossary(tree)).glossary;
  const courseSlug = `${name}-1`;
  const { source } = await content.readCourseSource(join(tree, 'courses', courseSlug));
  rmSync(tree, { recursive: true, force: true });
  const files = source.files;
  const target = files.find((f) => f.name === moduleFile(51));
  const courseFile = files.find((f) => f.name === 'course.md');
  const slug = target.name.replace(/^\d+-|\.md$/g, '');
  const course = { slug: courseSlug, path: courseSlug, media: [] };

  // The floor under a save: storing one revision (one statement, committed), with nothing else.
  const [{ id: moduleId }] = await db.query(
    'SELECT m.id FROM modules m JOIN courses c ON c.id = m.course_id WHERE c.slug = $1 AND m.slug = $2',
    [courseSlug, slug],
  );
  const stored = compileModule({ ...course, files }, target.name, glossary);

  const results = await alternate(ROUNDS, {
    store: () => msPer(SAVES, () => storeRevision(db.manager, moduleId, target.text, stored, null)),
    save: () =>
      msPer(SAVES, async () => {
        const saved = await modules.save(admin, courseSlug, slug, `${target.text}\nEdit ${++edits}.\n`);
        if (!saved.saved) throw new Error(`not saved: ${JSON.stringify(saved.problems)}`);
      }),
    alone: () =>
      msPer(SAVES, async () => content.buildCourse({ ...course, files: [courseFile, target] }, undefined, glossary)),
    inCourse: () =>
      msPer(SAVES, async () =>
        content.buildCourse({ ...course, files }, undefined, glossary, { renderOnly: target.path, linksBySlug: true }),
      ),
    course: () => msPer(3, async () => content.buildCourse({ ...course, files }, undefined, glossary)),
  });
  const of = (key) => summary(results[key].map((ms, i) => ms / results.alone[i]));
  console.log(`editor: one module of a ${MODULES}-module course, ${label}, ${ROUNDS} rounds, median (range)`);
  console.log(`compile that module alone      ${summary(results.alone)} ms  (= 1.00)`);
  console.log(
    `check it in its course         ${summary(results.inCourse)} ms  (= ${of('inCourse')} of alone; ` +
      'what the editor compiles on each save and preview)',
  );
  console.log(`save it in the editor          ${summary(results.save)} ms  (= ${of('save')} of alone; target ≤ 2)`);
  console.log(
    `store a revision, nothing else ${summary(results.store)} ms  (= ${of('store')} of alone; ` +
      'the durable write every save needs)',
  );
  console.log(
    `compile the whole course       ${summary(results.course)} ms  (= ${(median(results.course) / median(results.alone)).toFixed(0)}× alone)`,
  );
}

await app.close();
await database.stop();
await dropQueueKeys(config.queuePrefix);

async function msPer(count, work) {
  await work(); // warm
  const started = performance.now();
  for (let i = 0; i < count; i++) await work();
  return (performance.now() - started) / count;
}

async function adminPrincipal() {
  const [{ id }] = await db.query(
    `INSERT INTO users (email, name, password_hash) VALUES ('editor-bench@karvan.test', 'Editor', '!') RETURNING id`,
  );
  await db.query(`INSERT INTO grants (user_id, role, scope_kind) VALUES ($1, 'admin', 'site')`, [id]);
  return app.get(domain.PrincipalsService).forUser(id);
}
