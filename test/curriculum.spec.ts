import { join } from 'node:path';
import { projectRoot } from '@karvan/config';
import { checkTreeReport, loadCourse, splitQuiz, type Course } from '@karvan/content';

const CONTENT = join(projectRoot(), 'content');

function teachingWords(markdown: string): number {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  return splitQuiz(body)
    .text.split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

describe('the shipped curriculum', () => {
  let courses: Course[];

  beforeAll(async () => {
    courses = [];
    for (const slug of ['migration-management-fundamentals', 'research-methods-migration']) {
      const { course } = await loadCourse(join(CONTENT, 'courses', slug));
      if (!course) throw new Error(`${slug} did not load`);
      courses.push(course);
    }
  });

  it('passes the content check with no errors and no warnings', async () => {
    const report = await checkTreeReport(CONTENT);
    expect(report.problems).toEqual([]);
    expect(report.files).toBeGreaterThanOrEqual(13);
  });

  it('has nine fundamentals modules and three or four research-methods modules', () => {
    expect(courses[0].modules).toHaveLength(9);
    expect(courses[1].modules.length).toBeGreaterThanOrEqual(3);
    expect(courses[1].modules.length).toBeLessThanOrEqual(4);
  });

  it('gives every module objectives, references, a call-out and a quiz of 6-10 questions of 3+ types', () => {
    for (const course of courses) {
      for (const module of course.modules) {
        const where = `${course.slug}/${module.slug}`;
        expect([where, module.objectives.length > 0]).toEqual([where, true]);
        expect([where, module.sources.length > 0]).toEqual([where, true]);
        expect([where, /class="callout /.test(module.html)]).toEqual([where, true]);
        const questions = module.quiz?.questions ?? [];
        expect([where, questions.length >= 6 && questions.length <= 10]).toEqual([where, true]);
        expect([where, new Set(questions.map((q) => q.type)).size >= 3]).toEqual([where, true]);
        const withFeedback = questions.filter((q) => module.answerKey?.[q.id]?.feedbackHtml);
        expect([where, withFeedback.length]).toEqual([where, questions.length]);
      }
    }
  });

  it('keeps each fundamentals module between 1,200 and 2,500 words of teaching text', () => {
    for (const module of courses[0].modules) {
      const words = teachingWords(module.markdown);
      expect([module.slug, words >= 1200 && words <= 2500]).toEqual([module.slug, true]);
    }
  });

  it('translates module 1 into Azerbaijani and Russian, and every course title and summary, all up to date', () => {
    const first = courses[0].modules[0];
    expect(first.translations.map((t) => t.language).sort()).toEqual(['az', 'ru']);
    for (const translation of first.translations)
      expect([translation.language, translation.outOfDate]).toEqual([translation.language, false]);
    for (const course of courses) {
      expect(course.translations.map((t) => t.language).sort()).toEqual(['az', 'ru']);
      for (const translation of course.translations) expect(translation.meta.title).not.toBe(course.meta.title);
    }
  });
});
