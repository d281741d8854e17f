import { createUser, principalOf, untilBlockedBy } from '@karvan/testing';
import { QuizAttemptsService } from './quiz-attempts.service.js';
import { RegradeService } from './regrade.service.js';
import { MODULE, quizFixtures, type QuizFixtures } from './test/quiz-fixtures.js';

/** The key says 2007 by mistake; the fix says 2008. */
const quiz = (year: string) => `::: quiz pass=100 attempts=1
1. In which year? {#year}
   = ${year}

2. Which body is the single window? {#body}
   = SMS
:::
`;

describe('fixing a key and regrading', () => {
  let fx: QuizFixtures;
  let quizzes: QuizAttemptsService;
  let regrades: RegradeService;

  beforeAll(async () => {
    fx = await quizFixtures();
    quizzes = new QuizAttemptsService(fx.db, fx.certificates, fx.storage);
    regrades = new RegradeService(fx.certificates, fx.db);
  });
  afterAll(() => fx.close());

  it('regrades every answer with the fixed key, reports each change, and lets completions follow', async () => {
    const course = await fx.course({ '01-quiz.md': MODULE('Quiz', quiz('2007')) });
    const [{ id: moduleId }] = await fx.db.query<Array<{ id: string }>>(`SELECT id FROM modules WHERE course_id = $1`, [
      course.id,
    ]);
    const take = async (year: string) => {
      const me = await fx.trainee();
      await fx.enrol(me, course.id);
      await fx.db.query('INSERT INTO module_progress (user_id, module_id) VALUES ($1, $2)', [me.userId, moduleId]);
      const { attempt } = await quizzes.start(me, course.slug, 'quiz');
      const outcome = await quizzes.submit(me, attempt.id, { year, body: 'SMS' });
      const [{ email }] = await fx.db.query<Array<{ email: string }>>('SELECT email FROM users WHERE id = $1', [
        me.userId,
      ]);
      return { me, attemptId: attempt.id, outcome, email };
    };
    const right = await take('2008');
    const wrong = await take('2007');
    expect(right.outcome.result).toMatchObject({ percent: 50, passed: false });
    expect(wrong.outcome.result).toMatchObject({ percent: 100, passed: true });
    expect(wrong.outcome.completion).toMatchObject({ complete: true, newlyRecorded: true });

    await fx.rewrite(course.slug, '01-quiz.md', MODULE('Quiz', quiz('2008')));
    const { user } = await createUser(fx.db, ['admin']);
    const admin = await principalOf(fx.db, user.id);
    const report = await regrades.regrade(admin, course.slug, 'quiz', 'year');
    expect(
      report.changes.map((c) => [c.email, c.oldScore, c.newScore, c.oldPercent, c.newPercent, c.newPassed]),
    ).toEqual([
      [right.email, 0, 1, 50, 100, true],
      [wrong.email, 1, 0, 100, 50, false],
    ]);
    expect(report.completionsRecorded).toEqual([right.email]);
    // The wrong answer's certificate was requested when it passed: it stays, listed for a decision.
    expect(report.certificatesToDecide).toEqual([
      { email: wrong.email, certificateId: expect.any(String), status: 'pending' },
    ]);
    expect(report.completionsWithdrawn).toEqual([]);
    expect((await quizzes.view(right.me, right.attemptId)).result).toMatchObject({
      score: 2,
      percent: 100,
      passed: true,
    });

    // Regrading again changes nothing.
    expect((await regrades.regrade(admin, course.slug, 'quiz', 'year')).changes).toEqual([]);
    const logged = await fx.db.query<Array<{ kind: string; n: number }>>(
      `SELECT kind, count(*)::int AS n FROM grade_changes WHERE attempt_id = ANY($1) GROUP BY kind`,
      [[right.attemptId, wrong.attemptId]],
    );
    expect(logged).toEqual([{ kind: 'regrade', n: 2 }]);

    // An override needs a reason and points in range; it is logged with both.
    await expect(regrades.override(admin, wrong.attemptId, 'year', 1, '  ')).rejects.toMatchObject({ kind: 'invalid' });
    await expect(regrades.override(admin, wrong.attemptId, 'year', 2, 'why')).rejects.toMatchObject({
      kind: 'invalid',
    });
    await expect(regrades.override(wrong.me, wrong.attemptId, 'year', 1, 'mine')).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(regrades.override(admin, wrong.attemptId, 'nope', 1, 'x')).rejects.toMatchObject({
      kind: 'not_found',
    });
    const overridden = await regrades.override(
      admin,
      wrong.attemptId,
      'year',
      1,
      'Asked in the 2007 sense in the session',
    );
    expect(overridden.changes).toMatchObject([{ newPercent: 100, newPassed: true }]);
    const [audit] = await fx.db.query<
      Array<{ reason: string; actor_id: string; old_score: string; new_score: string }>
    >(`SELECT reason, actor_id, old_score, new_score FROM grade_changes WHERE attempt_id = $1 AND kind = 'override'`, [
      wrong.attemptId,
    ]);
    expect(audit).toEqual({
      reason: 'Asked in the 2007 sense in the session',
      actor_id: user.id,
      old_score: '0.000',
      new_score: '1.000',
    });
  });

  it('counts an answer once when an override waited for another change of the same answer', async () => {
    const course = await fx.course({ '01-quiz.md': MODULE('Quiz', quiz('2007')) });
    const me = await fx.trainee();
    await fx.enrol(me, course.id);
    const { attempt } = await quizzes.start(me, course.slug, 'quiz');
    await quizzes.submit(me, attempt.id, { year: '2006', body: 'SMS' }); // 1 of 2 points
    const { user } = await createUser(fx.db, ['admin']);
    const admin = await principalOf(fx.db, user.id);

    // Another grader's change of the same answer, holding the attempt until it commits: 0 -> 1 point.
    const other = fx.db.createQueryRunner();
    await other.startTransaction();
    await other.query('SELECT 1 FROM quiz_attempts WHERE id = $1 FOR UPDATE', [attempt.id]);
    await other.query(`UPDATE attempt_answers SET score = 1 WHERE attempt_id = $1 AND question_key = 'year'`, [
      attempt.id,
    ]);
    await other.query('UPDATE quiz_attempts SET score = 2, percent = 100, passed = true WHERE id = $1', [attempt.id]);
    const overriding = regrades.override(admin, attempt.id, 'year', 0.5, 'Half right');
    await untilBlockedBy(fx.db, other);
    await other.commitTransaction();
    await other.release();

    expect((await overriding).changes).toMatchObject([{ oldScore: 1, newScore: 0.5, newPercent: 75 }]);
    const [row] = await fx.db.query<Array<{ score: number; answers: number }>>(
      `SELECT a.score::float8 AS score, (SELECT sum(x.score)::float8 FROM attempt_answers x WHERE x.attempt_id = a.id) AS answers
       FROM quiz_attempts a WHERE a.id = $1`,
      [attempt.id],
    );
    expect(row).toEqual({ score: 1.5, answers: 1.5 });
  });
});
