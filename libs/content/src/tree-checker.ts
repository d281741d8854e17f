import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCourse, type CourseBuildResult } from './course-builder.js';
import { DEFAULT_COURSE_URLS, type CourseSource, type CourseUrls, type SourceFile } from './course-model.js';
import { EMPTY_GLOSSARY, type Glossary } from './glossary/glossary-model.js';
import { readGlossary } from './glossary/glossary-reader.js';
import { problem, sortProblems, type Problem } from './problem.js';

export interface TreeReport {
  problems: Problem[];
  /** Content files checked. */
  files: number;
}

const MEDIA = 'media';

/** Every problem in a content tree (`<dir>/courses/<course>/…`), sorted by file and line. */
export async function checkTree(dir: string): Promise<Problem[]> {
  return (await checkTreeReport(dir)).problems;
}

/** Checks the glossary (`<dir>/glossary/`) and every course, whose glossary links must name its terms. */
export async function checkTreeReport(dir: string): Promise<TreeReport> {
  const coursesDir = join(dir, 'courses');
  const entries = await readdir(coursesDir, { withFileTypes: true }).catch(() => null);
  if (!entries) {
    return { problems: [problem(coursesDir, 1, 1, 'error', 'tree.noCourses')], files: 0 };
  }
  const { glossary, problems, files: glossaryFiles } = await readGlossary(dir);
  let files = glossaryFiles;
  for (const entry of entries.filter((e) => !e.name.startsWith('.')).sort(byName)) {
    const path = join(coursesDir, entry.name);
    if (!entry.isDirectory()) {
      problems.push(problem(path, 1, 1, 'warning', 'tree.notCourse'));
      continue;
    }
    const { source, problems: found } = await readCourseSource(path);
    problems.push(...found, ...buildCourse(source, DEFAULT_COURSE_URLS, glossary).problems);
    files += source.files.length;
  }
  return { problems: sortProblems(problems), files };
}

/** Reads a course directory and turns it into a typed course (see `buildCourse`). */
export async function loadCourse(
  dir: string,
  urls: CourseUrls = DEFAULT_COURSE_URLS,
  glossary: Glossary = EMPTY_GLOSSARY,
): Promise<CourseBuildResult> {
  const { source, problems } = await readCourseSource(dir);
  const built = buildCourse(source, urls, glossary);
  return { course: built.course, problems: sortProblems([...problems, ...built.problems]) };
}

export async function readCourseSource(dir: string): Promise<{ source: CourseSource; problems: Problem[] }> {
  const slug = dir.split(/[\\/]/).filter(Boolean).pop() ?? '';
  const problems: Problem[] = [];
  const files: SourceFile[] = [];
  let media: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort(byName)) {
    const path = join(dir, entry.name);
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory() && entry.name === MEDIA) media = await listFiles(path, MEDIA);
    else if (entry.isDirectory()) problems.push(problem(path, 1, 1, 'warning', 'tree.onlyMedia'));
    // Synchronously: a course is a hundred or more small files, about 15 µs each this way against four
    // trips through the thread pool each (open, stat, read, close), ten times as long in all.
    else files.push({ name: entry.name, path, text: readFileSync(path, 'utf8') });
  }
  return { source: { slug, path: dir, files, media }, problems };
}

async function listFiles(dir: string, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const relative = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await listFiles(join(dir, entry.name), relative)));
    else found.push(relative);
  }
  return found;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
