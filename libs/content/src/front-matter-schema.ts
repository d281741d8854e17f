import { isLanguageCode } from './file-name.js';
import { SOURCE_HASH_LENGTH } from './content-hash.js';
import type { FrontMatterEntry } from './front-matter.js';
import { problem, type Problem } from './problem.js';
import type { ProblemCode, ProblemParams } from './problem-messages.js';

export type EnrolmentMode = 'open' | 'key' | 'approval';

export interface CompletionRule {
  /** `all`: every module marked read; `none`: reading is not required. */
  modules: 'all' | 'none';
  /** `pass`: every module quiz passed; `none`: quizzes are not required. */
  quizzes: 'pass' | 'none';
}

export interface CourseMeta {
  title: string;
  summary: string;
  language: string;
  enrolment: EnrolmentMode;
  completion: CompletionRule;
  certificate: boolean;
  authors: string[];
}

export interface ModuleMeta {
  title: string;
  summary: string;
  objectives: string[];
  /** Estimated minutes. */
  duration: number;
  sources: string[];
}

export interface CourseTranslationMeta {
  title: string;
  summary: string;
  /** First 12 hex characters of the base file's content hash. */
  source: string;
}

export interface ModuleTranslationMeta extends Omit<ModuleMeta, 'duration'> {
  /** Null when the translation keeps the base file's estimate. */
  duration: number | null;
  source: string;
}

type Entries = Map<string, FrontMatterEntry>;

export function readCourseMeta(path: string, entries: Entries, problems: Problem[]): CourseMeta {
  const read = new FieldReader(path, entries, problems);
  const meta: CourseMeta = {
    title: read.text('title'),
    summary: read.text('summary'),
    language: read.language('language'),
    enrolment: read.oneOf('enrolment', ['open', 'key', 'approval'], 'open', true),
    completion: read.completion('completion'),
    certificate: read.boolean('certificate', false),
    authors: read.texts('authors', false),
  };
  read.reportUnknown();
  return meta;
}

export function readModuleMeta(path: string, entries: Entries, problems: Problem[]): ModuleMeta {
  const read = new FieldReader(path, entries, problems);
  const meta: ModuleMeta = {
    title: read.text('title'),
    summary: read.text('summary'),
    objectives: read.texts('objectives', true),
    duration: read.minutes('duration', true) ?? 0,
    sources: read.texts('sources', false),
  };
  read.reportUnknown();
  return meta;
}

export function readCourseTranslationMeta(path: string, entries: Entries, problems: Problem[]): CourseTranslationMeta {
  const read = new FieldReader(path, entries, problems);
  const meta = { title: read.text('title'), summary: read.text('summary'), source: read.sourceHash('source') };
  read.reportUnknown();
  return meta;
}

export function readModuleTranslationMeta(path: string, entries: Entries, problems: Problem[]): ModuleTranslationMeta {
  const read = new FieldReader(path, entries, problems);
  const meta: ModuleTranslationMeta = {
    title: read.text('title'),
    summary: read.text('summary'),
    objectives: read.texts('objectives', true),
    duration: read.minutes('duration', false),
    sources: read.texts('sources', false),
    source: read.sourceHash('source'),
  };
  read.reportUnknown();
  return meta;
}

/** Reads typed values, collecting a problem for every missing, invalid or unknown key. */
class FieldReader {
  private readonly known: string[] = [];

  constructor(
    private readonly path: string,
    private readonly entries: Entries,
    private readonly problems: Problem[],
  ) {}

  text(key: string): string {
    const entry = this.entry(key, true);
    if (!entry) return '';
    if (typeof entry.value !== 'string' || entry.value.trim() === '')
      return this.invalid(entry, 'frontMatter.text', '');
    return entry.value.trim();
  }

  texts(key: string, required: boolean): string[] {
    const entry = this.entry(key, required);
    if (!entry) return [];
    const value = entry.value;
    const ok = Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim() !== '');
    if (!ok || (required && value.length === 0)) return this.invalid(entry, 'frontMatter.texts', []);
    return (value as string[]).map((v) => v.trim());
  }

  minutes(key: string, required: boolean): number | null {
    const entry = this.entry(key, required);
    if (!entry) return null;
    const value = entry.value;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      return this.invalid(entry, 'frontMatter.minutes', null);
    }
    return value;
  }

  boolean(key: string, fallback: boolean): boolean {
    const entry = this.entry(key, false);
    if (!entry) return fallback;
    if (typeof entry.value !== 'boolean') return this.invalid(entry, 'frontMatter.boolean', fallback);
    return entry.value;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T, required: boolean): T {
    const entry = this.entry(key, required);
    if (!entry) return fallback;
    if (!allowed.includes(entry.value as T))
      return this.invalid(entry, 'frontMatter.oneOf', fallback, { allowed: allowed.join(', ') });
    return entry.value as T;
  }

  language(key: string): string {
    const entry = this.entry(key, true);
    if (!entry) return '';
    if (typeof entry.value !== 'string' || !isLanguageCode(entry.value)) {
      return this.invalid(entry, 'frontMatter.language', '');
    }
    return entry.value;
  }

  completion(key: string): CompletionRule {
    const fallback: CompletionRule = { modules: 'all', quizzes: 'pass' };
    const entry = this.entry(key, false);
    if (!entry) return fallback;
    const value = entry.value as Record<string, unknown> | null;
    const keys = value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : null;
    const modules = value?.modules ?? 'all';
    const quizzes = value?.quizzes ?? 'pass';
    const valid =
      keys?.every((k) => k === 'modules' || k === 'quizzes') &&
      (modules === 'all' || modules === 'none') &&
      (quizzes === 'pass' || quizzes === 'none');
    if (!valid) return this.invalid(entry, 'frontMatter.completion', fallback);
    return { modules, quizzes };
  }

  sourceHash(key: string): string {
    const entry = this.entry(key, true);
    if (!entry) return '';
    const hash = entry.raw.trim().replace(/^["']|["']$/g, '');
    if (!new RegExp(`^[0-9a-f]{${SOURCE_HASH_LENGTH}}$`).test(hash)) {
      return this.invalid(entry, 'frontMatter.sourceHash', '', { length: SOURCE_HASH_LENGTH });
    }
    return hash;
  }

  reportUnknown(): void {
    for (const entry of this.entries.values()) {
      if (this.known.includes(entry.key)) continue;
      const params = { key: entry.key, known: this.known.join(', ') };
      this.add(entry.line, entry.column, 'frontMatter.unknownKey', params);
    }
  }

  private entry(key: string, required: boolean): FrontMatterEntry | undefined {
    this.known.push(key);
    const entry = this.entries.get(key);
    if (!entry && required) this.add(1, 1, 'frontMatter.missingKey', { key });
    return entry;
  }

  private invalid<T>(entry: FrontMatterEntry, code: ProblemCode, fallback: T, params: ProblemParams = {}): T {
    this.add(entry.line, entry.column, code, { key: entry.key, ...params });
    return fallback;
  }

  private add(line: number, column: number, code: ProblemCode, params: ProblemParams): void {
    this.problems.push(problem(this.path, line, column, 'error', code, params));
  }
}
