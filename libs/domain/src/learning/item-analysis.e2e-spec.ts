import type { Principal } from '@karvan/domain';
import { createUser, principalOf } from '@karvan/testing';
import { ItemAnalysisService } from './item-analysis.service.js';
import { itemAnalysisCsv } from './item-analysis.js';
import { QuizAttemptsService } from './quiz-attempts.service.js';
import { MODULE, quizFixtures, type QuizFixtures } from './test/quiz-fixtures.js';

/** Five single-choice questions; o1 is always the right option. */
const QUIZ = `::: quiz pass=100 attempts=1
${['a', 'b', 'c', 'd', 'e'].map((id, i) => `${i + 1}. Question ${id} {#${id}}\n   - [x] right\n   - [ ] wrong\n   - [ ] other`).join('\n\n')}
:::
`;

/**
 * Thirty attempts in four groups ('+' right with o1; '-' wrong with o2, or o3 for d):
 *   top     8 × a+ b+ c+ d- e+  → 80 %
 *   middle1 7 × a+ b- c+ d- e+  → 60 %
 *   middle2 7 × a- b+ c+ d- e+  → 60 %
 *   bottom  8 × a- b- c- d+ e+  → 40 %
 * The upper and lower 27 % are round(0.27 × 30) = 8 attempts: exactly the top and bottom groups.
 * By hand: facility a = b = 15/30 = 0.5, c = 22/30 = 0.733, d = 8/30 = 0.267, e = 30/30 = 1;
 * discrimination a = b = c = 1 − 0 = 1, d = 0 − 1 = −1, e = 1 − 1 = 0.
 */
const GROUPS: Array<[number, string]> = [
  [8, '+++-+'],
  [7, '+-+-+'],
  [7, '-++-+'],
  [8, '---++'],
];

describe('item analysis', () => {
  let fx: QuizFixtures;
  let quizzes: QuizAttemptsService;
  let analysis: ItemAnalysisService;

  beforeAll(async () => {
    fx = await quizFixtures();
    quizzes = new QuizAttemptsService(fx.db, fx.certificates, fx.storage);
    analysis = new ItemAnalysisService(fx.db);
  });
  afterAll(() => fx.close());

  it('gives the hand-computed facility, discrimination, option counts and flags for 30 attempts', async () => {
    const course = await fx.course({ '01-quiz.md': MODULE('Quiz', QUIZ) });
    for (const [count, pattern] of GROUPS) {
      for (let i = 0; i < count; i++) {
        const me = await fx.trainee();
        await fx.enrol(me, course.id);
        const { attempt } = await quizzes.start(me, course.slug, 'quiz');
        const responses = Object.fromEntries(
          ['a', 'b', 'c', 'd', 'e'].map((id, q) => [id, pattern[q] === '+' ? 'o1' : id === 'd' ? 'o3' : 'o2']),
        );
        await quizzes.submit(me, attempt.id, responses);
      }
    }
    const { user } = await createUser(fx.db, ['admin']);
    const admin: Principal = await principalOf(fx.db, user.id);
    const report = await analysis.analyse(admin, course.slug, 'quiz');
    expect(report.attempts).toBe(30);
    const figures = report.items.map((i) => [i.id, i.asked, i.facility, i.discrimination, i.flags]);
    expect(figures).toEqual([
      ['a', 30, 0.5, 1, []],
      ['b', 30, 0.5, 1, []],
      ['c', 30, 0.733, 1, []],
      ['d', 30, 0.267, -1, ['low-discrimination']],
      ['e', 30, 1, 0, ['easy', 'low-discrimination']],
    ]);
    expect(report.items[3].options.map((o) => [o.id, o.correct, o.chosen])).toEqual([
      ['o1', true, 8],
      ['o2', false, 0],
      ['o3', false, 22],
    ]);
    const csv = itemAnalysisCsv(report.items).split('\r\n');
    expect(csv[0]).toBe('question,number,option,correct,asked,chosen,facility,discrimination,flags');
    expect(csv).toContain("d,4,,,30,,0.267,'-1,low-discrimination");
    expect(csv).toContain('d,4,other,no,30,22,,,');

    const trainee = await fx.trainee();
    await expect(analysis.analyse(trainee, course.slug, 'quiz')).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(analysis.analyse(admin, course.slug, 'nope')).rejects.toMatchObject({ kind: 'not_found' });
  });
});
