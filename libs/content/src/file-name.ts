import { problemText, type ProblemText } from './problem-messages.js';

export type DocumentKind = 'course' | 'module' | 'course-translation' | 'module-translation';

export type CourseFileName = { kind: 'course' };
export type ModuleFileName = { kind: 'module'; number: number; slug: string };
/** `baseName` is the file it was translated from, e.g. `01-intro.md` for `01-intro.az.md`. */
export type CourseTranslationFileName = { kind: 'course-translation'; language: string; baseName: string };
export type ModuleTranslationFileName = {
  kind: 'module-translation';
  number: number;
  slug: string;
  language: string;
  baseName: string;
};
export type FileName = CourseFileName | ModuleFileName | CourseTranslationFileName | ModuleTranslationFileName;

export type FileNameResult = { ok: true; name: FileName } | { ok: false; problem: ProblemText };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LANGUAGE = /^[a-z]{2,3}(?:-[A-Z]{2})?$/;
const MODULE = /^(\d+)-(.+)$/;

export function isSlug(value: string): boolean {
  return SLUG.test(value);
}

export function isLanguageCode(value: string): boolean {
  return LANGUAGE.test(value);
}

/** Reads what a file is from its name alone: `course.md`, `NN-slug.md` or either with `.<lang>` before `.md`. */
export function parseFileName(fileName: string): FileNameResult {
  if (!fileName.endsWith('.md')) return { ok: false, problem: problemText('file.notMarkdown', { file: fileName }) };
  const parts = fileName.slice(0, -3).split('.');
  if (parts.length > 2) return { ok: false, problem: problemText('file.dots', { file: fileName }) };
  const [stem, language] = parts;
  if (language !== undefined && !isLanguageCode(language)) {
    return { ok: false, problem: problemText('file.language', { language, file: fileName }) };
  }
  if (stem === 'course') {
    return language === undefined
      ? { ok: true, name: { kind: 'course' } }
      : { ok: true, name: { kind: 'course-translation', language, baseName: 'course.md' } };
  }
  const match = MODULE.exec(stem);
  if (!match) {
    return { ok: false, problem: problemText('file.name', { file: fileName }) };
  }
  const slug = match[2];
  if (!isSlug(slug)) return { ok: false, problem: problemText('file.slug', { slug }) };
  const number = Number(match[1]);
  return language === undefined
    ? { ok: true, name: { kind: 'module', number, slug } }
    : { ok: true, name: { kind: 'module-translation', number, slug, language, baseName: `${stem}.md` } };
}
