import { QuizAttemptsService } from './quiz-attempts.service.js';
import { MODULE, quizFixtures, type QuizFixtures } from './test/quiz-fixtures.js';

/** Eight questions, three tagged .scenario; an attempt draws one scenario and two others. */
const POOLED = `::: quiz pass=100 draw=scenario:1 draw=2 shuffle
${Array.from({ length: 8 }, (_, i) => {
  const tag = i < 3 ? ' .scenario' : '';
  return `${i + 1}. Question ${i + 1} {#q${i + 1}${tag}}\n   - [x] right ${i + 1}\n   - [ ] wrong ${i + 1}\n   - [ ] other ${i + 1}`;
}).join('\n\n')}
:::
`;

describe('questions drawn from pools', () => {
  let fx: QuizFixtures;
  let quizzes: QuizAttemptsService;

  beforeAll(async () => {
    fx = await quizFixtures();
    quizzes = new QuizAttemptsService(fx.db, fx.certificates, fx.storage);
  });
  afterAll(() => fx.close());

  it('asks N distinct questions, the same on every reload, and every question over 50 attempts', async () => {
    const course = await fx.course({ '01-quiz.md': MODULE('Quiz', POOLED) });
    const me = await fx.trainee();
    await fx.enrol(me, course.id);
    const seen = new Set<string>();
    const draws = new Set<string>();
    const optionOrders = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { attempt } = await quizzes.start(me, course.slug, 'quiz');
      const ids = attempt.questions.map((q) => q.id);
      expect(new Set(ids).size).toBe(3);
      expect(ids.filter((id) => ['q1', 'q2', 'q3'].includes(id))).toHaveLength(1);
      expect(attempt.questions.map((q) => q.number)).toEqual([1, 2, 3]);
      // A reload, and the start page returning the open attempt, show exactly the same.
      const reloaded = await quizzes.view(me, attempt.id);
      expect(JSON.stringify(reloaded.questions)).toBe(JSON.stringify(attempt.questions));
      expect(JSON.stringify((await quizzes.start(me, course.slug, 'quiz')).attempt.questions)).toBe(
        JSON.stringify(attempt.questions),
      );
      const [{ seed }] = await fx.db.query<Array<{ seed: string }>>('SELECT seed FROM quiz_attempts WHERE id = $1', [
        attempt.id,
      ]);
      expect(seed).toMatch(/^[0-9a-f]{32}$/);
      ids.forEach((id) => seen.add(id));
      draws.add([...ids].sort().join());
      const first = attempt.questions[0];
      if (first.type === 'single') optionOrders.add(`${first.id}:${first.options.map((o) => o.id).join()}`);
      // A wrong answer everywhere, so the quiz is never passed and the next attempt may start.
      const wrong = Object.fromEntries(ids.map((id) => [id, 'o2']));
      const outcome = await quizzes.submit(me, attempt.id, wrong);
      expect(outcome.result).toMatchObject({ score: 0, maxScore: 3 });
    }
    expect([...seen].sort()).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8']);
    expect(draws.size).toBeGreaterThan(10);
    expect(optionOrders.size).toBeGreaterThan(10);
  });
});
