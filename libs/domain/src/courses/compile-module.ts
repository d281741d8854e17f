import {
  buildCourse,
  type CourseModule,
  type CourseSource,
  type CourseUrls,
  type Glossary,
  problem,
  type Problem,
  type QuizModel,
  type TocEntry,
} from '@karvan/content';

export type ContentProblem = Problem;

export interface StoredQuestionKey {
  key: string;
  type: string;
  points: number;
  /** The answer key without the feedback, which is stored beside it. */
  answerKey: object;
  feedbackHtml: string;
}

/** A module as it is stored in a revision: rendered once, on save, never per request. */
export interface CompiledModule {
  contentHash: string;
  title: string;
  summary: string;
  objectives: string[];
  duration: number | null;
  sources: string[];
  html: string;
  toc: TocEntry[];
  quiz: QuizModel | null;
  keys: StoredQuestionKey[];
  problems: ContentProblem[];
}

const segment = encodeURIComponent;

/** Where module links and images point on this site. */
export const SITE_URLS: CourseUrls = {
  course: (course) => `/courses/${segment(course)}`,
  module: (course, module, anchor) =>
    `/courses/${segment(course)}/modules/${segment(module)}${anchor ? `#${segment(anchor)}` : ''}`,
  media: (course, file) => `/media/${segment(course)}/${segment(file.replace(/^media\//, ''))}`,
};

/**
 * Checks and renders one module file in the context of its whole course, so links to other
 * modules and images are checked against what the course really has, and glossary links against
 * the glossary. Only this file is rendered: the others are read for their names and quizzes.
 */
export function compileModule(source: CourseSource, fileName: string, glossary: Glossary): CompiledModule {
  const path = source.files.find((f) => f.name === fileName)?.path ?? fileName;
  // The file names follow the modules' current order, which links written earlier may not.
  const { course, problems } = buildCourse(source, SITE_URLS, glossary, { renderOnly: path, linksBySlug: true });
  const own = problems.filter((p) => p.path === path);
  const module = course?.modules.find((m) => m.path === path);
  if (!module) return { ...EMPTY, problems: own.length ? own : [missing(path)] };
  return { ...fromModule(module), problems: own };
}

export function fromModule(module: CourseModule): Omit<CompiledModule, 'problems'> {
  return {
    contentHash: module.contentHash,
    title: module.title,
    summary: module.summary,
    objectives: module.objectives,
    duration: module.duration,
    sources: module.sources,
    html: module.html,
    toc: module.toc,
    quiz: module.quiz,
    keys: (module.quiz?.questions ?? []).map((question) => {
      const { feedbackHtml, ...answerKey } = module.answerKey?.[question.id] ?? { feedbackHtml: null };
      return {
        key: question.id,
        type: question.type,
        points: question.points,
        answerKey,
        feedbackHtml: feedbackHtml ?? '',
      };
    }),
  };
}

const EMPTY: Omit<CompiledModule, 'problems'> = {
  contentHash: '',
  title: '',
  summary: '',
  objectives: [],
  duration: null,
  sources: [],
  html: '',
  toc: [],
  quiz: null,
  keys: [],
};

function missing(path: string): Problem {
  return problem(path, 1, 1, 'error', 'tree.moduleUnreadable');
}

/** The file a new module starts from: valid, so it can be saved, and showing the format. */
export function newModuleMarkdown(title: string): string {
  return `---
title: ${yamlString(title)}
summary: One sentence that says what this module is about.
objectives:
  - Explain the main idea of this module.
duration: 30
sources:
  - Name the primary sources here.
---

## Introduction

Write the module here.
`;
}

/** course.md for a course created in the browser, so it exports like one written as files. */
export function newCourseMarkdown(input: {
  title: string;
  summary: string;
  language: string;
  enrolment: string;
  authors: string[];
}): string {
  return `---
title: ${yamlString(input.title)}
summary: ${yamlString(input.summary || input.title)}
language: ${input.language}
enrolment: ${input.enrolment}
completion:
  modules: all
  quizzes: pass
certificate: true
authors: [${input.authors.map(yamlString).join(', ')}]
---

${input.summary}
`;
}

function yamlString(text: string): string {
  return JSON.stringify(text);
}
