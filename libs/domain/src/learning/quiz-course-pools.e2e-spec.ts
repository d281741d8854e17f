import { QuizAttemptsService } from './quiz-attempts.service.js';
import { MODULE, quizFixtures, type QuizFixtures } from './test/quiz-fixtures.js';

const FIRST = `::: quiz pass=100 pool=course draw=scenario:1
1. Which service issues residence permits? {#permits}
   - [x] The State Migration Service
   - [ ] The State Border Service
:::
`;

const second = (extra: string) => `::: quiz
1. A visa expired yesterday. What next? {#expired .scenario}
   - [x] Refuse entry
   - [ ] Admit
${extra}:::
`;

describe('pools shared by the course', () => {
  let fx: QuizFixtures;
  let quizzes: QuizAttemptsService;

  beforeAll(async () => {
    fx = await quizFixtures();
    quizzes = new QuizAttemptsService(fx.db, fx.certificates, fx.storage);
  });
  afterAll(() => fx.close());

  it("draws another module's tagged questions, grades them with their key, and follows changes to that module", async () => {
    const course = await fx.course({
      '01-first.md': MODULE('First', FIRST),
      '02-second.md': MODULE('Second', second('')),
    });
    const me = await fx.trainee();
    await fx.enrol(me, course.id);
    const { attempt } = await quizzes.start(me, course.slug, 'first');
    expect(attempt.questions.map((q) => q.id)).toEqual(['permits', 'second.expired']);
    const outcome = await quizzes.submit(me, attempt.id, { permits: 'o1', 'second.expired': 'o1' });
    expect(outcome.result).toMatchObject({ score: 2, percent: 100, passed: true });

    // A new scenario in the second module reaches the first module's pool without touching its file.
    const revisions = async () =>
      (
        await fx.db.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM module_revisions r JOIN modules m ON m.id = r.module_id
           WHERE m.course_id = $1 AND m.slug = 'first'`,
          [course.id],
        )
      )[0].n;
    expect(await revisions()).toBe(1);
    await fx.rewrite(
      course.slug,
      '02-second.md',
      MODULE('Second', second('2. Families without passports {#family .scenario}\n   = identity\n')),
    );
    expect(await revisions()).toBe(2);
    await fx.rewrite(
      course.slug,
      '02-second.md',
      MODULE('Second', second('2. Families without passports {#family .scenario}\n   = identity\n')),
    );
    expect(await revisions()).toBe(2);
    const other = await fx.trainee();
    await fx.enrol(other, course.id);
    const next = await quizzes.start(other, course.slug, 'first');
    expect(next.attempt.revision).toBe(2);
    expect(next.attempt.questions).toHaveLength(2);
  });
});
