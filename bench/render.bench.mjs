// Benchmark: how fast Karvan's Markdown renderer (`renderMarkdown`, with the options a course sync
// passes: file path and line offset, module and media links resolved against the course, glossary
// links against the shipped glossary) renders every shipped module and module translation, against
// markdown-it's `commonmark` preset rendering the same text, measured in the same run.
// Both get each file's body without its front matter and with the quiz block already cut out (the
// way Karvan's renderer cuts it, blank lines in its place), so neither renders text the other does
// not; Karvan's renderer still looks for a quiz block itself, as it does in a sync. One measurement
// is PASSES passes over all files after a warm-up, timed in CPU seconds of this process (the machine
// is shared); Karvan and markdown-it alternate for BENCH_ROUNDS rounds (default 5), median and range.
// Run with `npm run bench:render` (it builds first). BENCH_PASSES (default 10).
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { alternate, dist, summary } from './bench-lib.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PASSES = Number(process.env.BENCH_PASSES ?? 10);
const TARGET = 0.6;
const CONTENT = new URL('../content', import.meta.url).pathname;

const content = await import(new URL('libs/content/src/index.js', dist));
// Not exported by the packages: the resolvers `buildCourse` hands the renderer, and the site's addresses.
const { courseLinks } = await import(new URL('libs/content/src/course-links.js', dist));
const { SITE_URLS } = await import(new URL('libs/domain/src/courses/compile-module.js', dist));

const files = await shippedModules();
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
const commonmark = new MarkdownIt('commonmark');
const renderers = {
  karvan: (file) => content.renderMarkdown(file.text, file.options).html,
  'markdown-it': (file) => commonmark.render(file.text),
};

for (const render of Object.values(renderers)) passes(render, 5); // warm-up
const results = await alternate(ROUNDS, {
  karvan: () => passes(renderers.karvan, PASSES),
  'markdown-it': () => passes(renderers['markdown-it'], PASSES),
});
const karvan = results.karvan;
const baseline = results['markdown-it'];
const ratios = karvan.map((rate, i) => rate / baseline[i]);

console.log(`machine: ${cpus().length} × ${cpus()[0].model}; node ${process.version}`);
console.log(
  `${files.length} module files (${(bytes / 1024).toFixed(0)} KB of Markdown), ${PASSES} passes per measurement, ` +
    `${ROUNDS} alternating rounds; median (min–max)\n`,
);
console.log(
  `karvan renderMarkdown     ${summary(karvan, 0)} modules/CPU-s  ${summary(karvan.map(megabytes), 2)} MB/CPU-s`,
);
console.log(
  `markdown-it (commonmark)  ${summary(baseline, 0)} modules/CPU-s  ${summary(baseline.map(megabytes), 2)} MB/CPU-s`,
);
console.log(`ratio karvan / markdown-it ${summary(ratios)} (target ≥ ${TARGET})`);

/**
 * Modules rendered per second of this process's CPU time over `count` passes through every file:
 * CPU time, not the clock, so other work on the machine does not count as rendering time.
 */
function passes(render, count) {
  const started = process.cpuUsage();
  for (let pass = 0; pass < count; pass++) for (const file of files) render(file);
  const { user, system } = process.cpuUsage(started);
  return (count * files.length) / ((user + system) / 1e6);
}

function megabytes(modulesPerSecond) {
  return (modulesPerSecond * bytes) / files.length / 1024 / 1024;
}

/** Every module and module translation under content/courses, with the options a sync renders it with. */
async function shippedModules() {
  const { glossary } = await content.readGlossary(CONTENT);
  const courses = readdirSync(join(CONTENT, 'courses')).sort();
  const found = [];
  for (const slug of courses) {
    const { source } = await content.readCourseSource(join(CONTENT, 'courses', slug));
    const courseLanguage = courseLanguageOf(source);
    for (const file of source.files) {
      const doc = content.parseDocument(file.path, file.text);
      if (doc.kind !== 'module' && doc.kind !== 'module-translation') continue;
      const language = doc.kind === 'module-translation' ? doc.file.language : undefined;
      const options = {
        path: file.path,
        lineOffset: doc.lineOffset,
        ...courseLinks(source, SITE_URLS, language),
        ...content.glossaryLinks(glossary, language ?? courseLanguage),
      };
      found.push({ name: file.name, text: content.splitQuiz(doc.body).text, options });
    }
  }
  return found;
}

function courseLanguageOf(source) {
  const courseFile = source.files.find((f) => f.name === 'course.md');
  return content.parseDocument(courseFile.path, courseFile.text).meta.language;
}
