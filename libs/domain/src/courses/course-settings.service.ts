import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { buildCourse, parseDocument, type CompletionRule, type Problem } from '@karvan/content';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/index.js';
import { SITE_URLS } from './compile-module.js';
import { loadCourseSource } from './course-source.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';
import { CoursesService, type CourseSummary, type EnrolmentMode } from './courses.service.js';

export interface CourseSettings {
  title: string;
  summary: string;
  /** The Markdown body of course.md: what the course page shows above the syllabus. */
  introduction: string;
  enrolmentMode: EnrolmentMode;
  completion: CompletionRule;
  certificate: boolean;
}

/**
 * A course's own settings, edited in the browser. They live in course.md's front matter and body
 * (so an export still round-trips) and in the columns the rest of Karvan reads.
 */
@Injectable()
export class CourseSettingsService {
  constructor(
    private readonly db: DataSource,
    private readonly courses: CoursesService,
  ) {}

  async get(principal: Principal, course: CourseSummary): Promise<CourseSettings> {
    this.courses.requireAllowed(principal, 'course.edit', course);
    const [row] = await this.db.query<
      Array<{ source_markdown: string; completion: CompletionRule; certificate: boolean }>
    >('SELECT source_markdown, completion, certificate FROM courses WHERE id = $1', [course.id]);
    const parsed = parseDocument(`${course.slug}/course.md`, row.source_markdown);
    return {
      title: course.title,
      summary: course.summary,
      introduction: parsed.body.trim(),
      enrolmentMode: course.enrolmentMode,
      completion: { modules: row.completion.modules ?? 'all', quizzes: row.completion.quizzes ?? 'pass' },
      certificate: row.certificate,
    };
  }

  /** Checks the new course.md with the whole course, as the checker would, and stores it. */
  async update(principal: Principal, slug: string, settings: CourseSettings): Promise<void> {
    const course = await this.courses.getEditable(principal, slug);
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM courses WHERE id = $1 FOR UPDATE', [course.id]);
      const source = await loadCourseSource(tx, course.id);
      const old = source.files.find((f) => f.name === 'course.md')!;
      const before = parseDocument(old.path, old.text);
      const authors = before.kind === 'course' ? before.meta.authors : [];
      const markdown = courseMarkdown(
        settings,
        before.kind === 'course' ? before.meta.language : course.language,
        authors,
      );
      const files = source.files.map((f) => (f.name === 'course.md' ? { ...f, text: markdown } : f));
      const { course: built, problems } = buildCourse({ ...source, files }, SITE_URLS);
      const errors = problems.filter((p) => p.path === old.path && p.severity === 'error');
      if (!built || errors.length) throw invalid(errors);
      const [row] = await tx.query<Array<{ translations: Record<string, { markdown: string }> }>>(
        'SELECT translations FROM courses WHERE id = $1',
        [course.id],
      );
      const hash = createHash('sha256')
        .update(JSON.stringify([markdown, row.translations]))
        .digest('hex');
      await tx.query(
        `UPDATE courses SET title = $2, summary = $3, enrolment_mode = $4, completion = $5, certificate = $6,
           intro_html = $7, source_markdown = $8, content_hash = $9, updated_at = now()
         WHERE id = $1`,
        [
          course.id,
          settings.title.trim(),
          settings.summary.trim(),
          settings.enrolmentMode,
          JSON.stringify(settings.completion),
          settings.certificate,
          built.html,
          markdown,
          hash,
        ],
      );
    });
  }
}

/** course.md from the settings: the same layout as a course written as files. */
export function courseMarkdown(settings: CourseSettings, language: string, authors: string[]): string {
  const lines = [
    '---',
    `title: ${yamlString(settings.title.trim())}`,
    `summary: ${yamlString(settings.summary.trim() || settings.title.trim())}`,
    `language: ${language}`,
    `enrolment: ${settings.enrolmentMode}`,
    'completion:',
    `  modules: ${settings.completion.modules}`,
    `  quizzes: ${settings.completion.quizzes}`,
    `certificate: ${settings.certificate}`,
    ...(authors.length ? [`authors: [${authors.map(yamlString).join(', ')}]`] : []),
    '---',
    '',
    settings.introduction.trim().replace(/\r\n?/g, '\n'),
    '',
  ];
  return lines.join('\n');
}

function yamlString(text: string): string {
  // A JSON string is a valid YAML double-quoted scalar.
  return JSON.stringify(text);
}

function invalid(errors: Problem[]): CoursesError {
  const message = errors.map((p) => p.message).join('; ') || 'the course could not be read';
  // The details are the checker's problems, so a page or the API can say them in its own language.
  return new CoursesError(CoursesErrorCode.ContentInvalid, `The course settings are not valid: ${message}.`, errors);
}
