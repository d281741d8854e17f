import { join } from 'node:path';
import { projectRoot } from '@karvan/config';
import { checkTreeReport, loadCourse, splitQuiz, type Course } from '@karvan/content';

const CONTENT = join(projectRoot(), 'content');
const COURSES = ['migration-management-fundamentals', 'research-methods-migration', 'migration-procedures-practice'];

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
    for (const slug of COURSES) {
      const { course } = await loadCourse(join(CONTENT, 'courses', slug));
      if (!course) throw new Error(`${slug} did not load`);
      courses.push(course);
    }
  });

  it('passes the content check with no errors and no warnings', async () => {
    const report = await checkTreeReport(CONTENT);
    expect(report.problems).toEqual([]);
    expect(report.files).toBeGreaterThanOrEqual(66);
  });

  it('has nine fundamentals modules, three or four research-methods modules and six procedures modules', () => {
    expect(courses[0].modules).toHaveLength(9);
    expect(courses[2].modules.map((m) => m.slug)).toEqual([
      'entry-stay-residence',
      'irregular-migration-return',
      'trafficking-smuggling',
      'asylum-statelessness-idps',
      'border-checks-document-security',
      'migration-data-practice',
    ]);
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

  it('keeps each procedures module between 1,500 and 2,500 words of teaching text', () => {
    for (const module of courses[2].modules) {
      const words = teachingWords(module.markdown);
      expect([module.slug, words >= 1500 && words <= 2500]).toEqual([module.slug, true]);
    }
  });

  it('has every course and module in Azerbaijani and Russian, up to date, with the same quiz', () => {
    for (const course of courses) {
      expect([course.slug, course.translations.map((t) => t.language).sort()]).toEqual([course.slug, ['az', 'ru']]);
      for (const translation of course.translations) expect(translation.meta.title).not.toBe(course.meta.title);
      for (const module of course.modules) {
        const where = `${course.slug}/${module.slug}`;
        expect([where, module.translations.map((t) => t.language).sort()]).toEqual([where, ['az', 'ru']]);
        for (const translation of module.translations) {
          const label = `${where}.${translation.language}`;
          expect([label, translation.outOfDate]).toEqual([label, false]);
          const shape = (quiz: typeof module.quiz) => quiz?.questions.map((q) => `${q.id}:${q.type}:${q.tags.join()}`);
          expect([label, shape(translation.quiz)]).toEqual([label, shape(module.quiz)]);
          expect([label, translation.title]).not.toEqual([label, module.title]);
        }
      }
    }
  });

  it('makes at least 40 % of every quiz scenarios (tagged .scenario), every question with a lasting id', () => {
    for (const course of courses) {
      for (const module of course.modules) {
        const where = `${course.slug}/${module.slug}`;
        const questions = module.quiz?.questions ?? [];
        const scenarios = questions.filter((q) => q.tags.includes('scenario')).length;
        expect([where, scenarios / questions.length >= 0.4]).toEqual([where, true]);
        expect([where, questions.filter((q) => /^\d+$/.test(q.id))]).toEqual([where, []]);
      }
    }
  });

  it('never tests the same prompt twice in a course', () => {
    for (const course of courses) {
      const prompts = course.modules.flatMap((m) => m.quiz?.questions.map((q) => q.promptHtml.toLowerCase()) ?? []);
      expect([course.slug, prompts.length - new Set(prompts).size]).toEqual([course.slug, 0]);
    }
  });
});
