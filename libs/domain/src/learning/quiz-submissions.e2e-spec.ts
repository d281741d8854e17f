import type { QuestionResponse } from '@karvan/content';
import type { Principal } from '@karvan/domain';
import { LearningErrorCode } from './learning.errors.js';
import { QuizAttemptsService } from './quiz-attempts.service.js';
import type { AttemptView } from './quiz-attempts.types.js';
import { MODULE, QUIZ, quizFixtures, type QuizFixtures } from './test/quiz-fixtures.js';

describe('quiz submissions', () => {
  let fx: QuizFixtures;
  let quizzes: QuizAttemptsService;

  beforeAll(async () => {
    fx = await quizFixtures();
    quizzes = new QuizAttemptsService(fx.db, fx.certificates, fx.storage);
  });
  afterAll(() => fx.close());

  async function enrolled(attributes = '', modules?: Record<string, string>) {
    const course = await fx.course(modules ?? { '01-quiz.md': MODULE('Quiz', QUIZ(attributes)) });
    const me = await fx.trainee();
    await fx.enrol(me, course.id);
    const start = async () => (await quizzes.start(me, course.slug, 'quiz')).attempt;
    return { ...course, me, start };
  }

  /** The id of a matching question's right-hand choice, by its text. */
  const choice = (view: AttemptView, html: string) => {
    const question = view.questions.find((q) => q.id === 'matching');
    if (question?.type !== 'matching') throw new Error('expected the matching question');
    return question.choices.find((c) => c.html === html)!.id;
  };
  const allRight = (view: AttemptView): Record<string, QuestionResponse> => ({
    single: 'o2',
    multiple: ['o2', 'o1'],
    short: 'SMS',
    numeric: '281',
    matching: { l1: choice(view, '2002'), l2: choice(view, '2007') },
  });
  const scores = async (me: Principal, id: string) =>
    Object.fromEntries((await quizzes.view(me, id)).questions.map((q) => [q.id, q.review?.score]));
  const answerRows = async (id: string) =>
    (
      await fx.db.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM attempt_answers WHERE attempt_id = $1', [
        id,
      ])
    )[0].n;

  it('grades every question type, with partial credit for "select all" and a tolerance for numbers', async () => {
    const { me, start } = await enrolled();
    const a = await start();
    const mixed = await quizzes.submit(me, a.id, {
      single: 'o2',
      multiple: ['o1'],
      short: '  state migration  SERVICE ',
      numeric: '276',
      matching: { l1: choice(a, '2002'), l2: choice(a, '2002') },
    });
    expect(mixed.result).toMatchObject({ score: 4, maxScore: 5, percent: 80, passed: true, late: false });
    expect(await scores(me, a.id)).toEqual({ single: 1, multiple: 0.5, short: 1, numeric: 1, matching: 0.5 });

    // Another trainee, since a passed quiz takes no further attempts.
    const other = await enrolled();
    const b = await other.start();
    const wrong = await quizzes.submit(other.me, b.id, {
      single: 'o1',
      multiple: ['o1', 'o3'],
      short: 'The ministry',
      numeric: '286.5',
    });
    expect(wrong.result).toMatchObject({ score: 0, percent: 0, passed: false });
    expect(wrong.completion).toBeNull();

    const c = await other.start();
    expect((await quizzes.submit(other.me, c.id, allRight(c))).result).toMatchObject({ score: 5, percent: 100 });
  });

  it('scores a missing answer 0 and refuses unknown questions and options, naming them', async () => {
    const { me, start } = await enrolled();
    const a = await start();
    await expect(quizzes.submit(me, a.id, { single: 'o9', bogus: 'x' })).rejects.toMatchObject({
      kind: 'invalid',
      code: LearningErrorCode.InvalidResponses,
      message: expect.stringMatching(/no question "bogus".*Question 1: "o9" is not one of its options \(o1, o2, o3\)/),
      details: { single: expect.any(String), bogus: expect.any(String) },
    });
    await expect(quizzes.submit(me, a.id, { matching: { l7: 'x' } })).rejects.toMatchObject({
      message: expect.stringMatching(/"l7" is not one of its items/),
    });
    await expect(quizzes.submit(me, a.id, { single: ['o1', 'o2'] })).rejects.toMatchObject({ kind: 'invalid' });
    // A refused submission leaves the attempt open.
    const { result } = await quizzes.submit(me, a.id, { single: 'o2' });
    expect(result).toMatchObject({ score: 1, maxScore: 5, percent: 20, passed: false });
    expect(await answerRows(a.id)).toBe(5);
  });

  it('grades an attempt once: a repeated submission returns the stored result', async () => {
    const { me, start } = await enrolled();
    const a = await start();
    const first = await quizzes.submit(me, a.id, allRight(a));
    const again = await quizzes.submit(me, a.id, { single: 'o1' });
    expect(first.alreadySubmitted).toBe(false);
    expect(again).toEqual({
      ...first,
      alreadySubmitted: true,
      completion: first.completion && { ...first.completion },
    });
    expect(again.result).toEqual(first.result);
    expect(await answerRows(a.id)).toBe(5);
  });

  it('grades two concurrent submissions of one attempt once', async () => {
    const { me, start } = await enrolled();
    const a = await start();
    const wrong = { single: 'o1' };
    const [x, y] = await Promise.all([quizzes.submit(me, a.id, allRight(a)), quizzes.submit(me, a.id, wrong)]);
    expect([x.alreadySubmitted, y.alreadySubmitted].sort()).toEqual([false, true]);
    expect(x.result).toEqual(y.result);
    expect(await answerRows(a.id)).toBe(5);
    const [stored] = await fx.db.query<Array<{ percent: number }>>(
      'SELECT percent::float8 AS percent FROM quiz_attempts WHERE id = $1',
      [a.id],
    );
    expect(stored.percent).toBe(x.result.percent);
  });

  it('limits the attempts, counting unsubmitted ones too', async () => {
    const two = await enrolled('attempts=2');
    await quizzes.submit(two.me, (await two.start()).id, {});
    await quizzes.submit(two.me, (await two.start()).id, {});
    await expect(two.start()).rejects.toMatchObject({
      kind: 'conflict',
      code: LearningErrorCode.AttemptsUsed,
      message: 'You have used all 2 attempts of this quiz.',
    });
    const one = await enrolled('attempts=1 time=5');
    const open = await one.start();
    expect((await one.start()).id).toBe(open.id);
    await fx.db.query(`UPDATE quiz_attempts SET deadline = now() - interval '1 minute' WHERE id = $1`, [open.id]);
    await expect(one.start()).rejects.toMatchObject({ message: 'You have used the one attempt this quiz allows.' });
  });

  it('refuses a submission after the deadline and closes the attempt with score 0 (late=refuse)', async () => {
    const { me, start } = await enrolled('time=10');
    const a = await start();
    await fx.db.query(`UPDATE quiz_attempts SET deadline = now() - interval '2 minutes' WHERE id = $1`, [a.id]);
    const refused = {
      kind: 'conflict',
      code: LearningErrorCode.TimeRanOut,
      message: expect.stringMatching(/^The time for this attempt ran out at \d\d:\d\d UTC; it was not graded\.$/),
    };
    await expect(quizzes.submit(me, a.id, allRight(a))).rejects.toMatchObject(refused);
    await expect(quizzes.submit(me, a.id, allRight(a))).rejects.toMatchObject(refused);
    const view = await quizzes.view(me, a.id);
    expect(view.result).toMatchObject({ graded: false, late: true, score: 0, percent: 0, passed: false });
    expect(await answerRows(a.id)).toBe(0);
  });

  it('accepts a submission within 30 seconds of the deadline as on time', async () => {
    const { me, start } = await enrolled('time=10');
    const a = await start();
    await fx.db.query(`UPDATE quiz_attempts SET deadline = now() - interval '10 seconds' WHERE id = $1`, [a.id]);
    const { result } = await quizzes.submit(me, a.id, allRight(a));
    expect(result).toMatchObject({ graded: true, late: false, percent: 100 });
  });

  it('grades a submission after the deadline and marks it late (late=grade)', async () => {
    const { me, start } = await enrolled('time=10 late=grade');
    const a = await start();
    await fx.db.query(`UPDATE quiz_attempts SET deadline = now() - interval '5 minutes' WHERE id = $1`, [a.id]);
    const { result } = await quizzes.submit(me, a.id, allRight(a));
    expect(result).toMatchObject({ graded: true, late: true, percent: 100, passed: true });
  });

  it('records the course completion once, when the last quiz is passed with every module read', async () => {
    const course = await enrolled('', {
      '01-intro.md': MODULE('Intro'),
      '02-quiz.md': MODULE('Quiz', QUIZ()),
    });
    const passedUnread = await enrolled('', {
      '01-intro.md': MODULE('Intro'),
      '02-quiz.md': MODULE('Quiz', QUIZ()),
    });
    const a = await passedUnread.start();
    expect((await quizzes.submit(passedUnread.me, a.id, allRight(a))).completion).toEqual({
      complete: false,
      newlyRecorded: false,
    });
    const { me, start } = course;
    await fx.db.query(
      `INSERT INTO module_progress (user_id, module_id) SELECT $1, id FROM modules WHERE course_id = $2`,
      [me.userId, course.id],
    );
    const failed = await start();
    expect((await quizzes.submit(me, failed.id, {})).completion).toBeNull();
    const b = await start();
    // The completion asks for its certificate in the same transaction.
    expect((await quizzes.submit(me, b.id, allRight(b))).completion).toEqual({
      complete: true,
      newlyRecorded: true,
      certificate: { id: expect.any(String), revision: 1 },
    });
    expect((await quizzes.submit(me, b.id, allRight(b))).completion).toEqual({ complete: true, newlyRecorded: false });
    // Passing ends the quiz: there is no further attempt to complete the course again with.
    await expect(start()).rejects.toMatchObject({ code: LearningErrorCode.QuizPassed });
    const [{ n }] = await fx.db.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM course_completions WHERE user_id = $1 AND course_id = $2',
      [me.userId, course.id],
    );
    expect(n).toBe(1);
  });

  describe('submitting needs an active enrolment in a published course', () => {
    const stored = async (id: string) =>
      (
        await fx.db.query<Array<{ submitted_at: Date | null; answers: number; completions: number }>>(
          `SELECT a.submitted_at, (SELECT count(*)::int FROM attempt_answers x WHERE x.attempt_id = a.id) AS answers,
             (SELECT count(*)::int FROM course_completions c WHERE c.user_id = a.user_id) AS completions
           FROM quiz_attempts a WHERE a.id = $1`,
          [id],
        )
      )[0];

    it('refuses to grade an open attempt after its owner left the course, and stores nothing', async () => {
      const { id, me, start } = await enrolled();
      const a = await start();
      await fx.db.query(`UPDATE enrolments SET status = 'withdrawn' WHERE user_id = $1 AND course_id = $2`, [
        me.userId,
        id,
      ]);
      await expect(quizzes.submit(me, a.id, allRight(a))).rejects.toMatchObject({
        kind: 'forbidden',
        code: LearningErrorCode.SubmitNotEnrolled,
      });
      expect(await stored(a.id)).toEqual({ submitted_at: null, answers: 0, completions: 0 });
    });

    it('refuses to grade an open attempt once the course is back in draft, and stores nothing', async () => {
      const { id, me, start } = await enrolled();
      const a = await start();
      await fx.db.query(`UPDATE courses SET status = 'draft' WHERE id = $1`, [id]);
      await expect(quizzes.submit(me, a.id, allRight(a))).rejects.toMatchObject({
        kind: 'conflict',
        code: LearningErrorCode.CourseClosed,
      });
      expect(await stored(a.id)).toEqual({ submitted_at: null, answers: 0, completions: 0 });
      await fx.db.query(`UPDATE courses SET status = 'published' WHERE id = $1`, [id]);
      expect((await quizzes.submit(me, a.id, allRight(a))).result.passed).toBe(true);
    });
  });

  it("lists the caller's own attempts with the best score", async () => {
    const { slug, me, start } = await enrolled('attempts=3 time=10');
    const a = await start();
    await quizzes.submit(me, a.id, { single: 'o2' });
    const b = await start();
    const someoneElse = await fx.trainee();
    expect((await quizzes.attemptsFor(someoneElse, slug, 'quiz')).attempts).toEqual([]);
    const open = await quizzes.attemptsFor(me, slug, 'quiz');
    expect(open).toMatchObject({ bestPercent: 20, passed: false, maxAttempts: 3, attemptsLeft: 1, canStart: true });
    expect(open.attempts.map((x) => [x.number, x.state, x.percent, x.passed])).toEqual([
      [1, 'graded', 20, false],
      [2, 'open', null, null],
    ]);
    expect(open.attempts[1]).toMatchObject({ id: b.id, submittedAt: null });
    await quizzes.submit(me, b.id, allRight(b));
    const mine = await quizzes.attemptsFor(me, slug, 'quiz');
    expect(mine).toMatchObject({ bestPercent: 100, passed: true, attemptsLeft: 1, canStart: false });
    expect(mine.attempts.map((x) => [x.number, x.state, x.percent, x.passed])).toEqual([
      [1, 'graded', 20, false],
      [2, 'graded', 100, true],
    ]);
    await expect(quizzes.attemptsFor(me, slug, 'nope')).rejects.toMatchObject({ kind: 'not_found' });
  });
});
