// Benchmark: the content sync (`CourseSyncService.syncTree`, as `karvan content sync` runs it) of a
// generated tree of COURSES × MODULES modules (default 5 × 100 = 500): front matter, headings, lists,
// a table, links to other modules and the glossary, a footnote, a call-out, and a small quiz in
// every third module, with the shipped glossary beside them. Each round syncs the tree into a fresh
// scratch PostgreSQL database (modules/s), then syncs the unchanged tree again: the figure is how
// many times faster the unchanged re-sync is than the first sync, measured in the same round.
// BENCH_ROUNDS rounds (default 3); median and range. Run with `npm run bench:sync` (it builds first).
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { alternate, dist, scratchDatabase, summary } from './bench-lib.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const COURSES = Number(process.env.BENCH_COURSES ?? 5);
const MODULES = Number(process.env.BENCH_MODULES ?? 100);
const TARGET = 10;

const { createDataSource, runMigrationsLocked } = await import(new URL('libs/database/src/index.js', dist));
const { CourseSyncService, ENTITIES } = await import(new URL('libs/domain/src/index.js', dist));

const tree = mkdtempSync(join(tmpdir(), 'karvan-bench-sync-'));
writeTree(tree);
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

function writeTree(dir) {
  cpSync(new URL('../content/glossary', import.meta.url).pathname, join(dir, 'glossary'), { recursive: true });
  for (let c = 1; c <= COURSES; c++) {
    const courseDir = join(dir, 'courses', `bench-course-${c}`);
    mkdirSync(courseDir, { recursive: true });
    writeFileSync(join(courseDir, 'course.md'), courseMarkdown(c));
    for (let m = 1; m <= MODULES; m++) writeFileSync(join(courseDir, moduleFile(m)), moduleMarkdown(c, m));
  }
}

function moduleFile(m) {
  return `${String(m).padStart(3, '0')}-topic-${m}.md`;
}

function courseMarkdown(c) {
  return `---
title: Benchmark course ${c}
summary: A generated course for the content sync benchmark.
language: en
enrolment: open
completion:
  modules: all
  quizzes: pass
certificate: true
authors: [trainer@karvan.example]
---

This course has ${MODULES} generated modules. Start with [the first one](${moduleFile(1)}).
`;
}

function moduleMarkdown(c, m) {
  const next = m < MODULES ? `[the next module](${moduleFile(m + 1)})` : 'the course page';
  return `---
title: Topic ${m} of course ${c}
summary: What topic ${m} covers, in one sentence, for the course page.
objectives:
  - Explain the main idea of topic ${m}.
  - Apply it to a case from the region.
duration: ${20 + (m % 4) * 10}
sources:
  - "IOM, Glossary on Migration, 2019, https://publications.iom.int/books/international-migration-law-ndeg34-glossary-migration"
---

## Key ideas of topic ${m}

A [refugee](glossary:refugee) is not the same as an [asylum seeker](glossary:asylum-seeker): the first has
been recognised, the second is still waiting for a decision.[^1] This module explains why the
difference matters for the *procedures* an officer follows and the **rights** a person has.

- Who decides on a claim, and within which time limits.
- What a person may do while the claim is open: work, study, travel.
- Where the figures come from: the State Statistical Committee and the State Migration Service.

### A worked example

1. Read the case below.
2. Decide which procedure applies.
3. Compare your answer with ${next}.

::: case-study Arrival at the border
A family arrives at a land border crossing point without visas and asks for protection.
The officer on duty records the request and refers it to the State Migration Service.
:::

| Year | Applications | Decisions |
| ---- | -----------: | --------: |
| 2021 | ${100 + m} | ${80 + m} |
| 2022 | ${120 + m} | ${95 + m} |
| 2023 | ${140 + c} | ${110 + c} |

See the UNHCR figures at https://www.unhcr.org/refugee-statistics/ for comparison.

[^1]: UNHCR, Master Glossary of Terms, 2006.
${m % 3 === 0 ? quizMarkdown(m) : ''}`;
}

function quizMarkdown(m) {
  return `
::: quiz pass=70
1. Who decides on an asylum claim in topic ${m}? {#decides}
   - [ ] The border officer on duty
   - [x] The State Migration Service
   > The officer records the request; the State Migration Service decides.

2. Which of these may a person do while the claim is open? Select all that apply. {#while-open}
   - [x] Ask for legal aid
   - [x] Receive medical care
   - [ ] Be returned before the decision
   > Non-refoulement protects a person while the claim is open.
:::
`;
}
