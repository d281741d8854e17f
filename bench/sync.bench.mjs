// Benchmark: the content sync (`CourseSyncService.syncTree`, as `karvan content sync` runs it) of a
// generated tree of COURSES × MODULES modules (default 5 × 100 = 500): front matter, headings, lists,
// a table, links to other modules and the glossary, a footnote, a call-out, and a small quiz in
// every third module, with the shipped glossary beside them. Each round syncs the tree into a fresh
// scratch PostgreSQL database (modules/s), then syncs the unchanged tree again: the figure is how
// many times faster the unchanged re-sync is than the first sync, measured in the same round.
// BENCH_ROUNDS rounds (default 3); median and range. Run with `npm run bench:sync` (it builds first).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { alternate, dist, scratchDatabase, summary } from './bench-lib.mjs';
import { writeGeneratedTree } from './generated-course.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const COURSES = Number(process.env.BENCH_COURSES ?? 5);
const MODULES = Number(process.env.BENCH_MODULES ?? 100);
const TARGET = 10;

const { createDataSource, runMigrationsLocked } = await import(new URL('libs/database/src/index.js', dist));
const { CourseSyncService, ENTITIES } = await import(new URL('libs/domain/src/index.js', dist));

const tree = mkdtempSync(join(tmpdir(), 'karvan-bench-sync-'));
writeGeneratedTree(tree, COURSES, MODULES);
const total = COURSES * MODULES;

// One round: a first sync into an empty database, then the same tree again, unchanged.
let round;
const results = await alternate(ROUNDS, {
  first: async () => {
    round = await freshDatabase();
    const { seconds, reports } = await timedSync(round.sync);
    expectCounts(reports, 'revisions');
    return seconds;
  },
  unchanged: async () => {
    const { seconds, reports } = await timedSync(round.sync);
    expectCounts(reports, 'unchanged');
    await round.stop();
    return seconds;
  },
});
rmSync(tree, { recursive: true, force: true });

const speedups = results.first.map((first, i) => first / results.unchanged[i]);
console.log(`machine: ${cpus().length} × ${cpus()[0].model}; node ${process.version}`);
console.log(
  `${COURSES} courses × ${MODULES} modules = ${total} modules, a fresh database per round, ` +
    `${ROUNDS} rounds; median (min–max)\n`,
);
console.log(
  `first sync      ${summary(results.first)} s  ${summary(
    results.first.map((s) => total / s),
    0,
  )} modules/s`,
);
console.log(
  `unchanged sync  ${summary(results.unchanged)} s  ${summary(
    results.unchanged.map((s) => total / s),
    0,
  )} modules/s`,
);
console.log(`unchanged re-sync is ${summary(speedups, 1)} × faster than the first sync (target ≥ ${TARGET})`);

async function freshDatabase() {
  const database = await scratchDatabase();
  const db = createDataSource({ url: database.url, entities: ENTITIES, poolMax: 2 });
  await db.initialize();
  await runMigrationsLocked(db);
  return {
    sync: new CourseSyncService(db),
    stop: async () => {
      await db.destroy();
      await database.stop();
    },
  };
}

async function timedSync(sync) {
  const started = performance.now();
  const reports = await sync.syncTree(tree);
  return { seconds: (performance.now() - started) / 1000, reports };
}

/** Every module became a revision (first sync) or was found unchanged (re-sync), and none was refused. */
function expectCounts(reports, field) {
  const count = reports.reduce((n, r) => n + r[field], 0);
  const refused = reports.flatMap((r) => r.refused);
  if (count !== total || refused.length > 0) {
    const errors = reports.flatMap((r) => r.problems.filter((p) => p.severity === 'error'));
    throw new Error(`${field}: ${count} of ${total}; refused ${refused.join(', ')}\n${JSON.stringify(errors[0])}`);
  }
}
