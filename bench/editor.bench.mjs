// Benchmark: saving one module of a 100-module course in the editor (ModulesService.save: check it
// in its course, store a revision) against compiling that one module alone (the course file and
// that module, nothing else), in the same run, alternating for BENCH_ROUNDS rounds; the median and
// the range are printed. Also the compile the editor does inside a save (that module checked in its
// course, the other files read once and kept) and the whole course's compile, which the editor
// used to do. Target: ≤ 2× the one module.
// Run with `npm run bench:editor` (it builds first).
import { alternate, dist, median, scratchDatabase, summary } from './bench-lib.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SAVES = 20;
const MODULES = 100;
const SLUG = 'editor-bench';

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

const files = courseFiles();
await new domain.CourseSyncService(db).syncCourse({ slug: SLUG, path: SLUG, files, media: [] }, new Map(), {
  origin: 'files',
  publishNew: true,
});
const admin = await adminPrincipal();
const modules = app.get(domain.ModulesService);
const target = files[50];
const slug = target.name.replace(/^\d+-|\.md$/g, '');
let edits = 0;

const results = await alternate(ROUNDS, {
  save: () =>
    msPer(SAVES, async () => {
      const saved = await modules.save(admin, SLUG, slug, `${target.text}\nEdit ${++edits}.\n`);
      if (!saved.saved) throw new Error(`not saved: ${JSON.stringify(saved.problems)}`);
    }),
  alone: () =>
    msPer(SAVES, async () => content.buildCourse({ slug: SLUG, path: SLUG, files: [files[0], target], media: [] })),
  inCourse: () =>
    msPer(SAVES, async () =>
      content.buildCourse({ slug: SLUG, path: SLUG, files, media: [] }, undefined, undefined, {
        renderOnly: target.path,
      }),
    ),
  course: () => msPer(3, async () => content.buildCourse({ slug: SLUG, path: SLUG, files, media: [] })),
});
const inCourseRatios = results.inCourse.map((ms, i) => ms / results.alone[i]);
const ratios = results.save.map((ms, i) => ms / results.alone[i]);
console.log(`editor: one module of a ${MODULES}-module course, ${ROUNDS} rounds, median (range)`);
console.log(`compile that module alone      ${summary(results.alone)} ms  (= 1.00)`);
console.log(
  `check it in its course         ${summary(results.inCourse)} ms  (= ${summary(inCourseRatios)} of alone; ` +
    'what the editor compiles on each save and preview)',
);
console.log(`save it in the editor          ${summary(results.save)} ms  (= ${summary(ratios)} of alone; target ≤ 2)`);
console.log(
  `compile the whole course       ${summary(results.course)} ms  (= ${(median(results.course) / median(results.alone)).toFixed(0)}× alone)`,
);

await app.close();
await database.stop();

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

/** course.md and 100 modules of realistic size: headings, lists, a table, links, a quiz in every fifth. */
function courseFiles() {
  const course =
    '---\ntitle: Editor bench\nsummary: A long course.\nlanguage: en\nenrolment: open\n---\n\nA long course.\n';
  const name = (i) => `${String(i).padStart(2, '0')}-module-${i}.md`;
  const modules = Array.from({ length: MODULES }, (_, k) => {
    const i = k + 1;
    const next = i < MODULES ? `[the next module](${name(i + 1)})` : 'the end';
    const quiz =
      i % 5 === 0
        ? `\n::: quiz pass=50\n1. Which year? {#y${i}}\n   - [ ] 2002\n   - [x] 2007\n2. Number? {#n${i}}\n   = 42\n:::\n`
        : '';
    const sections = Array.from(
      { length: 6 },
      (_, s) =>
        `## Section ${s + 1}\n\n${'Migration governance links border, asylum and labour policy. '.repeat(8)}\n\n` +
        `- The first point of section ${s + 1}\n- The second point, with *emphasis*\n- The third, with \`code\`\n\n` +
        `| Body | Role |\n| --- | --- |\n| State Migration Service | permits |\n| State Border Service | borders |\n`,
    ).join('\n');
    const text = `---\ntitle: Module ${i}\nsummary: One sentence.\nobjectives:\n  - Explain one idea.\nduration: 20\n---\n\n${sections}\nRead ${next}.\n${quiz}`;
    return { name: name(i), path: `${SLUG}/${name(i)}`, text };
  });
  return [{ name: 'course.md', path: `${SLUG}/course.md`, text: course }, ...modules];
}
