import type { CourseOutline } from './catalogue.service.js';
import { courseProgress } from './my-learning.service.js';

const module = (slug: string, hasQuiz: boolean) => ({
  slug,
  title: `Modul ${slug}`,
  summary: '',
  minutes: 20,
  objectives: [],
  hasQuiz,
});

const outline = (over: Partial<CourseOutline>): CourseOutline => ({
  slug: 'border-basics',
  title: 'Sərhəd idarəçiliyinin əsasları',
  summary: '',
  language: 'az',
  languages: ['az'],
  modules: 4,
  minutes: 80,
  enrolmentMode: 'open',
  introHtml: '',
  translated: false,
  syllabus: [module('a', false), module('b', true), module('c', true), module('d', false)],
  enrolment: 'active',
  progress: { read: new Set(['a', 'b', 'c']), passed: new Set(['c']), completed: false },
  textKey: 'course border-basics 1',
  ...over,
});

describe('a course page’s progress, from its outline', () => {
  it('gives each live module its status and the first unread one to continue with', () => {
    const { course, statuses } = courseProgress(outline({}));
    expect(Object.fromEntries(statuses)).toEqual({ a: 'read', b: 'quiz_open', c: 'quiz_passed', d: 'not_started' });
    expect(course).toMatchObject({ read: 3, total: 4, percent: 75, completed: false, status: 'active' });
    expect(course?.next).toEqual({ slug: 'd', title: 'Modul d' });
  });

  it('has nothing to continue with once every module is read, and says so when the course is complete', () => {
    const all = { read: new Set(['a', 'b', 'c', 'd']), passed: new Set(['b', 'c']), completed: true };
    const { course } = courseProgress(outline({ progress: all }));
    expect(course).toMatchObject({ read: 4, percent: 100, completed: true, next: null });
  });

  it('is nothing for someone not enrolled, or whose enrolment was withdrawn or declined', () => {
    expect(courseProgress(outline({ enrolment: null, progress: null }))).toEqual({ statuses: new Map() });
    for (const enrolment of ['withdrawn', 'declined'] as const) {
      expect(courseProgress(outline({ enrolment })).course).toBeUndefined();
    }
  });
});
