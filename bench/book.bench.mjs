// Benchmark: how long the fundamentals course takes to become a book, as PDF and as EPUB, in each
// language (trainee edition), and how many pages the PDF has (docs/architecture.md, "Course books").
// Run with `npm run bench:book` (builds first).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dist } from './bench-lib.mjs';

const run = promisify(execFile);
const COURSE = new URL('../content/courses/migration-management-fundamentals', import.meta.url).pathname;
const { readCourseSource } = await import(new URL('libs/content/src/index.js', dist));
const { buildBook, LOCALES } = await import(new URL('libs/domain/src/index.js', dist));
const { source } = await readCourseSource(COURSE);
const dir = mkdtempSync(join(tmpdir(), 'karvan-bench-book-'));

async function timed(language, format) {
  const started = performance.now();
  const bytes = await buildBook(
    { source, media: new Map() },
    { language, edition: 'trainee', format, programme: 'Bench', verifyUrl: 'https://karvan.example/b', glossary: [] },
  );
  const ms = performance.now() - started;
  const file = join(dir, `${language}.${format}`);
  writeFileSync(file, bytes);
  return { ms, bytes: bytes.length, file };
}

async function pages(file) {
  const { stdout } = await run('pdfinfo', [file]);
  return Number(/^Pages:\s+(\d+)/m.exec(stdout)[1]);
}

try {
  const rows = [];
  for (const language of LOCALES) {
    const pdf = await timed(language, 'pdf');
    const epub = await timed(language, 'epub');
    rows.push({
      language,
      'pdf s': (pdf.ms / 1000).toFixed(2),
      'pdf KB': Math.round(pdf.bytes / 1024),
      pages: await pages(pdf.file),
      'epub s': (epub.ms / 1000).toFixed(2),
      'epub KB': Math.round(epub.bytes / 1024),
    });
  }
  console.log('migration-management-fundamentals, trainee edition (WeasyPrint for the PDF):');
  console.table(rows);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
