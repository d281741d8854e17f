import type { CourseMeta, CourseTranslationMeta, ModuleMeta } from './front-matter-schema.js';
import type { AnswerKey, QuizModel } from './quiz-model.js';
import type { TocEntry } from './render-types.js';

/** A file of a course directory, as read from disk or from an upload. */
export interface SourceFile {
  /** Name inside the course directory, e.g. `01-intro.az.md`. */
  name: string;
  /** Path used in problems. */
  path: string;
  text: string;
}

export interface CourseSource {
  slug: string;
  /** Directory path used in problems. */
  path: string;
  files: SourceFile[];
  /** Paths of the media files relative to the course directory, e.g. `media/map.png`. */
  media: string[];
}

/** How links and images are addressed on the site; see `DEFAULT_COURSE_URLS`. */
export interface CourseUrls {
  course(course: string, language: string | undefined): string;
  module(course: string, module: string, anchor: string | undefined, language: string | undefined): string;
  /** `file` is relative to the course directory, e.g. `media/map.png`. */
  media(course: string, file: string): string;
}

interface Rendered {
  path: string;
  /** The whole file, as stored in a revision. */
  markdown: string;
  contentHash: string;
  html: string;
  toc: TocEntry[];
  /** Ids of the glossary terms the text links, in order of first link. */
  glossaryTerms: string[];
}

interface Translated extends Rendered {
  language: string;
  /** The base file's hash prefix this translation was made from. */
  source: string;
  outOfDate: boolean;
}

export interface CourseTranslation extends Translated {
  meta: CourseTranslationMeta;
}

export interface ModuleTranslation extends Translated, Omit<ModuleMeta, 'duration'> {
  duration: number | null;
  quiz: QuizModel | null;
  answerKey: AnswerKey | null;
  /** Its feedback by the base question's id, when its quiz is aligned with the base's (`alignedFeedback`). */
  feedback: Record<string, string>;
}

export interface CourseModule extends Rendered, ModuleMeta {
  slug: string;
  number: number;
  quiz: QuizModel | null;
  answerKey: AnswerKey | null;
  translations: ModuleTranslation[];
}

export interface Course extends Rendered {
  slug: string;
  meta: CourseMeta;
  /** Modules in order of their number. */
  modules: CourseModule[];
  translations: CourseTranslation[];
}

const segment = encodeURIComponent;

export const DEFAULT_COURSE_URLS: CourseUrls = {
  course: (course, language) => `/courses/${segment(course)}${language ? `?lang=${segment(language)}` : ''}`,
  module: (course, module, anchor, language) =>
    `/courses/${segment(course)}/modules/${segment(module)}` +
    (language ? `?lang=${segment(language)}` : '') +
    (anchor ? `#${segment(anchor)}` : ''),
  media: (course, file) => `/courses/${segment(course)}/${file.split('/').map(segment).join('/')}`,
};
