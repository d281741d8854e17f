import { basename } from 'node:path';
import {
  parseFileName,
  type CourseFileName,
  type CourseTranslationFileName,
  type ModuleFileName,
  type ModuleTranslationFileName,
} from './file-name.js';
import { readFrontMatter } from './front-matter.js';
import {
  readCourseMeta,
  readCourseTranslationMeta,
  readModuleMeta,
  readModuleTranslationMeta,
  type CourseMeta,
  type CourseTranslationMeta,
  type ModuleMeta,
  type ModuleTranslationMeta,
} from './front-matter-schema.js';
import { problemAt, type Problem } from './problem.js';

interface DocumentBase {
  path: string;
  /** The body with front matter removed and line endings normalised. */
  body: string;
  /** Lines before the body in the original file: body line n is file line n + lineOffset. */
  lineOffset: number;
  problems: Problem[];
}

export type ParsedDocument =
  | (DocumentBase & { kind: 'course'; file: CourseFileName; meta: CourseMeta })
  | (DocumentBase & { kind: 'module'; file: ModuleFileName; meta: ModuleMeta })
  | (DocumentBase & { kind: 'course-translation'; file: CourseTranslationFileName; meta: CourseTranslationMeta })
  | (DocumentBase & { kind: 'module-translation'; file: ModuleTranslationFileName; meta: ModuleTranslationMeta })
  | (DocumentBase & { kind: 'unknown'; file: null; meta: null });

/** Splits and validates the front matter of one content file; its kind comes from the file name. */
export function parseDocument(path: string, text: string): ParsedDocument {
  const front = readFrontMatter(path, text);
  const base: DocumentBase = { path, body: front.body, lineOffset: front.lineOffset, problems: front.problems };
  const name = parseFileName(basename(path));
  if (!name.ok) {
    return {
      ...base,
      kind: 'unknown',
      file: null,
      meta: null,
      problems: [problemAt(path, 1, 1, 'error', name.problem)],
    };
  }
  // Keys of a file whose front matter did not parse would all be reported missing: say it once.
  const problems = front.problems.length > 0 ? [] : base.problems;
  const file = name.name;
  switch (file.kind) {
    case 'course':
      return { ...base, kind: file.kind, file, meta: readCourseMeta(path, front.entries, problems) };
    case 'module':
      return { ...base, kind: file.kind, file, meta: readModuleMeta(path, front.entries, problems) };
    case 'course-translation':
      return { ...base, kind: file.kind, file, meta: readCourseTranslationMeta(path, front.entries, problems) };
    case 'module-translation':
      return { ...base, kind: file.kind, file, meta: readModuleTranslationMeta(path, front.entries, problems) };
  }
}
