import { contentHash, sourceHash } from './content-hash.js';
import { courseLinks } from './course-links.js';
import { deepFreeze } from './deep-freeze.js';
import {
  DEFAULT_COURSE_URLS,
  type Course,
  type CourseModule,
  type CourseSource,
  type CourseTranslation,
  type CourseUrls,
  type ModuleTranslation,
  type SourceFile,
} from './course-model.js';
import { isSlug } from './file-name.js';
import { checkQuizGlossaryLinks, glossaryLinks } from './glossary/glossary-links.js';
import { EMPTY_GLOSSARY, type Glossary } from './glossary/glossary-model.js';
import { renderMarkdown } from './markdown-renderer.js';
import { parseDocument, type ParsedDocument } from './parse-document.js';
import { problem, sortProblems, type Problem } from './problem.js';
import { alignedFeedback, alignQuiz } from './quiz-align.js';
import { parseQuiz, type ParsedQuiz } from './quiz-parser.js';
import { compareQuizShape } from './quiz-shape.js';
import { borrowCoursePools } from './course-pools.js';

export interface CourseBuildResult {
  /** Null when there is no course.md. */
  course: Course | null;
  problems: Problem[];
}

interface Loaded<D extends ParsedDocument = ParsedDocument> {
  file: SourceFile;
  doc: D;
  html: string;
  toc: Course['toc'];
  glossaryTerms: string[];
  quiz: ParsedQuiz | null;
}

type Kind<K extends ParsedDocument['kind']> = Loaded<Extract<ParsedDocument, { kind: K }>>;
type Groups = { [K in ParsedDocument['kind']]: Kind<K>[] };

export interface BuildOptions {
  /**
   * For checking one module file in the context of its course (the editor): only the file at
   * this path is rendered, and the course holds only its module (with its translations unrendered).
   * The other files are read for their names, numbers and quizzes; the problems of their text are
   * not looked for.
   */
  renderOnly?: string;
  /** Module links resolve by slug when their number differs (see `courseLinks`): for a course read back from the database. */
  linksBySlug?: boolean;
}

/**
 * Turns the files of one course directory into a typed course, with every problem found.
 * `glossary:` links are checked against `glossary` (none resolve in an empty one).
 */
export function buildCourse(
  source: CourseSource,
  urls: CourseUrls = DEFAULT_COURSE_URLS,
  glossary: Glossary = EMPTY_GLOSSARY,
  options: BuildOptions = {},
): CourseBuildResult {
  const problems: Problem[] = [];
  if (!isSlug(source.slug)) {
    problems.push(problem(source.path, 1, 1, 'error', 'course.slug', { slug: source.slug }));
  }
  const files = markdownFiles(source, problems);
  const context: LoadContext = {
    source,
    urls,
    glossary,
    courseLanguage: courseLanguageOf(files),
    renders: (file) => options.renderOnly === undefined || file.path === options.renderOnly,
    linksBySlug: options.linksBySlug ?? false,
  };
  const groups = groupByKind(files.map((file) => load(context, file, problems)));
  const courseFile = groups.course[0];
  const modules = groups.module.sort((a, b) => a.doc.file.number - b.doc.file.number || byName(a, b));
  const bases = new Map<string, Loaded>([...groups.course, ...modules].map((l) => [l.file.name, l]));
  const language = courseFile?.doc.meta.language;

  checkDuplicates(modules, problems);
  for (const t of [...groups['course-translation'], ...groups['module-translation']]) {
    checkTranslation(t, bases.get(t.doc.file.baseName), language, problems);
  }
  for (const { file, quiz } of [...groups.course, ...groups['course-translation']]) {
    if (quiz) problems.push(problem(file.path, quiz.line, 1, 'error', 'course.quizInCourse'));
  }
  if (!courseFile) {
    problems.push(problem(source.path, 1, 1, 'error', 'course.noCourseFile'));
    return { course: null, problems: sortProblems(problems) };
  }
  checkCertificateRule(courseFile, modules, problems);
  const pooled = borrowCoursePools(
    modules.map((m) => ({ slug: m.doc.file.slug, path: m.file.path, quiz: m.quiz })),
    problems,
  );
  modules.forEach((m, i) => (m.quiz = pooled[i]));
  const course: Course = {
    ...rendered(courseFile),
    slug: source.slug,
    meta: courseFile.doc.meta,
    modules: modules
      .filter((m) => context.renders(m.file))
      .map((m) => toModule(m, groups['module-translation'], bases)),
    translations: groups['course-translation'].map((t) => toCourseTranslation(t, courseFile)),
  };
  return { course, problems: sortProblems(problems) };
}

function markdownFiles(source: CourseSource, problems: Problem[]): SourceFile[] {
  return source.files.filter((file) => {
    if (file.name.endsWith('.md')) return true;
    problems.push(problem(file.path, 1, 1, 'warning', 'tree.notContent'));
    return false;
  });
}

function groupByKind(loaded: Loaded[]): Groups {
  const groups: Groups = { course: [], module: [], 'course-translation': [], 'module-translation': [], unknown: [] };
  for (const l of loaded) (groups[l.doc.kind] as Loaded[]).push(l);
  return groups;
}

function byName(a: Loaded, b: Loaded): number {
  return a.file.name < b.file.name ? -1 : a.file.name > b.file.name ? 1 : 0;
}

interface LoadContext {
  source: CourseSource;
  urls: CourseUrls;
  glossary: Glossary;
  courseLanguage: string | undefined;
  renders: (file: SourceFile) => boolean;
  linksBySlug: boolean;
}

function courseLanguageOf(files: SourceFile[]): string | undefined {
  const courseFile = files.find((f) => f.name === 'course.md');
  const doc = courseFile ? parseDocument(courseFile.path, courseFile.text) : null;
  return doc?.kind === 'course' ? doc.meta.language : undefined;
}

function load(context: LoadContext, file: SourceFile, problems: Problem[]): Loaded {
  if (!context.renders(file)) {
    const { doc, quiz } = parsedOnly(file);
    problems.push(...doc.problems);
    return { file, doc, html: '', toc: [], glossaryTerms: [], quiz };
  }
  const doc = parseDocument(file.path, file.text);
  problems.push(...doc.problems);
  const location = { path: file.path, lineOffset: doc.lineOffset };
  // Links from a translation lead to the same language; links from a base file to the default.
  const language = doc.file && 'language' in doc.file ? doc.file.language : undefined;
  const result = renderMarkdown(doc.body, {
    ...location,
    ...courseLinks(context.source, context.urls, language, context.linksBySlug),
    // Glossary definitions are shown in the text's own language: a base file's is the course's.
    ...glossaryLinks(context.glossary, language ?? context.courseLanguage),
  });
  const quiz = parseQuiz(doc.body, location);
  problems.push(...result.problems, ...quiz.problems, ...checkQuizGlossaryLinks(doc.body, location, context.glossary));
  return { file, doc, html: result.html, toc: result.toc, glossaryTerms: result.glossaryTerms, quiz: quiz.parsed };
}

/**
 * Files read but not rendered, by path, with the text they were read from. The editor checks one
 * module against the same other files on every save, and reading their front matter and quizzes
 * again cost more than rendering the module itself. Keyed by path, not by path and text: a key
 * joining a hundred modules' texts was itself a copy and a hash of the whole course on every save,
 * where comparing a text with the one kept is usually one pointer (the editor passes the same
 * strings each time). Frozen, since every later build shares them.
 */
const parsedFiles = new Map<string, { text: string; doc: ParsedDocument; quiz: ParsedQuiz | null }>();
const PARSED_FILES_KEPT = 1_000;

function parsedOnly(file: SourceFile): { doc: ParsedDocument; quiz: ParsedQuiz | null } {
  let parsed = parsedFiles.get(file.path);
  if (parsed?.text !== file.text) {
    const doc = parseDocument(file.path, file.text);
    const quiz = parseQuiz(doc.body, { path: file.path, lineOffset: doc.lineOffset }).parsed;
    parsed = { text: file.text, ...deepFreeze({ doc, quiz }) };
    if (parsedFiles.size >= PARSED_FILES_KEPT) parsedFiles.clear();
    parsedFiles.set(file.path, parsed);
  }
  return parsed;
}

function checkDuplicates(modules: Kind<'module'>[], problems: Problem[]): void {
  const slugs = new Map<string, string>();
  const numbers = new Map<number, string>();
  for (const { doc, file } of modules) {
    const sameSlug = slugs.get(doc.file.slug);
    if (sameSlug) {
      problems.push(
        problem(file.path, 1, 1, 'error', 'course.duplicateSlug', { slug: doc.file.slug, other: sameSlug }),
      );
    }
    const sameNumber = numbers.get(doc.file.number);
    if (sameNumber) {
      const params = { number: doc.file.number, other: sameNumber };
      problems.push(problem(file.path, 1, 1, 'error', 'course.duplicateNumber', params));
    }
    slugs.set(doc.file.slug, file.name);
    numbers.set(doc.file.number, file.name);
  }
}

/** A certificate for a completion that takes no graded quiz needs an admin's approval: say so before publishing. */
function checkCertificateRule(courseFile: Kind<'course'>, modules: Kind<'module'>[], problems: Problem[]): void {
  const { certificate, completion } = courseFile.doc.meta;
  if (!certificate || (completion.quizzes === 'pass' && modules.some((m) => m.quiz))) return;
  const line = courseFile.file.text.split('\n').findIndex((l) => /^certificate\s*:/.test(l)) + 1;
  problems.push(problem(courseFile.file.path, line, 1, 'warning', 'course.certificateUngraded'));
}

function checkTranslation(
  translation: Kind<'course-translation'> | Kind<'module-translation'>,
  base: Loaded | undefined,
  courseLanguage: string | undefined,
  problems: Problem[],
): void {
  const { doc, file } = translation;
  if (!base) {
    problems.push(problem(file.path, 1, 1, 'error', 'translation.noBase', { base: doc.file.baseName }));
    return;
  }
  if (doc.file.language === courseLanguage) {
    const params = { language: doc.file.language, base: doc.file.baseName };
    problems.push(problem(file.path, 1, 1, 'error', 'translation.ownLanguage', params));
  }
  const current = sourceHash(base.file.text);
  if (doc.meta.source && doc.meta.source !== current) {
    const params = { source: doc.meta.source, base: doc.file.baseName, current };
    problems.push(problem(file.path, 1, 1, 'warning', 'translation.outdated', params));
  }
  if (doc.kind === 'module-translation') problems.push(...compareQuizShape(file.path, base.quiz, translation.quiz));
}

function rendered(l: Loaded) {
  const { html, toc, glossaryTerms } = l;
  return { path: l.file.path, markdown: l.file.text, contentHash: contentHash(l.file.text), html, toc, glossaryTerms };
}

function translated(l: Kind<'course-translation'> | Kind<'module-translation'>, base: Loaded | undefined) {
  const source = l.doc.meta.source;
  const outOfDate = !base || source !== sourceHash(base.file.text);
  return { ...rendered(l), language: l.doc.file.language, source, outOfDate };
}

function toCourseTranslation(l: Kind<'course-translation'>, base: Loaded): CourseTranslation {
  return { ...translated(l, base), meta: l.doc.meta };
}

function toModule(m: Kind<'module'>, allTranslations: Kind<'module-translation'>[], bases: Map<string, Loaded>) {
  const translations = allTranslations.filter((t) => t.doc.file.baseName === m.file.name);
  const module: CourseModule = {
    ...rendered(m),
    ...m.doc.meta,
    slug: m.doc.file.slug,
    number: m.doc.file.number,
    quiz: m.quiz?.quiz ?? null,
    answerKey: m.quiz?.key ?? null,
    translations: translations.map((t): ModuleTranslation => {
      const aligned = m.quiz && t.quiz ? alignQuiz(m.quiz, t.quiz, contentHash(m.file.text)) : null;
      return {
        ...translated(t, bases.get(t.doc.file.baseName)),
        ...t.doc.meta,
        quiz: aligned ?? t.quiz?.quiz ?? null,
        answerKey: t.quiz?.key ?? null,
        feedback: aligned && m.quiz && t.quiz ? alignedFeedback(m.quiz, t.quiz) : {},
      };
    }),
  };
  return module;
}
