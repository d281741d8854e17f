import type { Principal } from '@karvan/domain';
import { LearningErrorCode } from './learning.errors.js';
import { QuizAttemptsService } from './quiz-attempts.service.js';
import type { AttemptView } from './quiz-attempts.types.js';
import { MODULE, QUIZ, quizFixtures, type QuizFixtures } from './test/quiz-fixtures.js';

describe('quiz attempts', () => {
  let fx: QuizFixtures;
  let quizzes: QuizAttemptsService;

  beforeAll(async () => {
    fx = await quizFixtures();
    quizzes = new QuizAttemptsService(fx.db, fx.certificates, fx.storage);
  });
  afterAll(() => fx.close());

  const quizCourse = (attributes = '') =>
    fx.course({ '01-quiz.md': MODULE('Quiz', QUIZ(attributes)), '02-text.md': MODULE('Text') });

  async function enrolled(attributes = ''): Promise<{ slug: string; id: string; me: Principal }> {
    const course = await quizCourse(attributes);
    const me = await fx.trainee();
    await fx.enrol(me, course.id);
    return { ...course, me };
  }

  const row = async (id: string) =>
    (
      await fx.db.query<Array<{ question_order: string[]; option_order: Record<string, string[]>; revision: number }>>(
        `SELECT a.question_order, a.option_order, r.number AS revision
         FROM quiz_attempts a JOIN module_revisions r ON r.id = a.revision_id WHERE a.id = $1`,
        [id],
      )
    )[0];

  const shownOrder = (view: AttemptView) => ({
    questions: view.questions.map((q) => q.id),
    options: Object.fromEntries(
      view.questions.flatMap((q) =>
        q.type === 'single' || q.type === 'multiple'
          ? [[q.id, q.options.map((o) => o.id)]]
          : q.type === 'matching'
            ? [[q.id, q.choices.map((c) => c.id)]]
            : [],
      ),
    ),
  });

  describe('starting', () => {
    it('refuses a person without an active enrolment, saying why', async () => {
      const course = await quizCourse();
      const stranger = await fx.trainee();
      await expect(quizzes.start(stranger, course.slug, 'quiz')).rejects.toMatchObject({
        kind: 'forbidden',
        code: LearningErrorCode.NotEnrolled,
        message: expect.stringMatching(/not enrolled in this course/),
      });
      const pending = await fx.trainee();
      await fx.enrol(pending, course.id, 'pending');
      await expect(quizzes.start(pending, course.slug, 'quiz')).rejects.toMatchObject({
        kind: 'forbidden',
        message: expect.stringMatching(/waiting for approval/),
      });
      const left = await fx.trainee();
      await fx.enrol(left, course.id, 'withdrawn');
      await expect(quizzes.start(left, course.slug, 'quiz')).rejects.toMatchObject({ kind: 'forbidden' });
    });

    it('refuses an unpublished course, a missing or archived module and a module without a quiz', async () => {
      const { slug, id, me } = await enrolled();
      await expect(quizzes.start(me, slug, 'nope')).rejects.toMatchObject({ code: LearningErrorCode.ModuleNotFound });
      await expect(quizzes.start(me, slug, 'text')).rejects.toMatchObject({
        kind: 'not_found',
        code: LearningErrorCode.NoQuiz,
      });
      await fx.db.query(`UPDATE modules SET status = 'archived' WHERE course_id = $1 AND slug = 'quiz'`, [id]);
      await expect(quizzes.start(me, slug, 'quiz')).rejects.toMatchObject({ kind: 'not_found' });
      await fx.db.query(`UPDATE modules SET status = 'active' WHERE course_id = $1`, [id]);
      await fx.db.query(`UPDATE courses SET status = 'draft' WHERE id = $1`, [id]);
      await expect(quizzes.start(me, slug, 'quiz')).rejects.toMatchObject({
        kind: 'not_found',
        code: LearningErrorCode.CourseNotFound,
      });
    });

    it('creates the attempt on the server, on the current revision, with a deadline when timed', async () => {
      const { slug, me } = await enrolled('time=15');
      const { created, attempt } = await quizzes.start(me, slug, 'quiz');
      expect(created).toBe(true);
      expect(attempt).toMatchObject({ number: 1, revision: 1, moduleSlug: 'quiz', result: null, expired: false });
      expect(attempt.deadline!.getTime() - attempt.startedAt.getTime()).toBe(15 * 60_000);
      expect(attempt.questions).toHaveLength(5);
    });

    it('returns the open attempt instead of starting a second one, also when two starts race', async () => {
      const { slug, me } = await enrolled();
      const [a, b] = await Promise.all([quizzes.start(me, slug, 'quiz'), quizzes.start(me, slug, 'quiz')]);
      expect(a.attempt.id).toBe(b.attempt.id);
      expect([a.created, b.created].sort()).toEqual([false, true]);
      const again = await quizzes.start(me, slug, 'quiz');
      expect(again).toMatchObject({ created: false, attempt: { id: a.attempt.id } });
      const [{ n }] = await fx.db.query<Array<{ n: number }>>(
        'SELECT count(*)::int AS n FROM quiz_attempts WHERE user_id = $1',
        [me.userId],
      );
      expect(n).toBe(1);
    });

    it('starts a new attempt when the open one has run out of time', async () => {
      const { slug, me } = await enrolled('time=5');
      const first = await quizzes.start(me, slug, 'quiz');
      await fx.db.query(`UPDATE quiz_attempts SET deadline = now() - interval '1 minute' WHERE id = $1`, [
        first.attempt.id,
      ]);
      expect((await quizzes.view(me, first.attempt.id)).expired).toBe(true);
      const second = await quizzes.start(me, slug, 'quiz');
      expect(second).toMatchObject({ created: true, attempt: { number: 2 } });
    });
  });

  describe('viewing', () => {
    it('shows the questions without any answer key or feedback before submission', async () => {
      const { slug, me } = await enrolled('answers=after-submit');
      const { attempt } = await quizzes.start(me, slug, 'quiz');
      const json = JSON.stringify({ ...(await quizzes.view(me, attempt.id)), settings: null });
      expect(json).not.toMatch(/correct|accepted|pairs|tolerance|feedback|presidential decree|\[x\]|checked/i);
      const single = attempt.questions.find((q) => q.id === 'single');
      if (single?.type !== 'single') throw new Error('expected the single-choice question');
      // Exactly an id and its text per option: nothing marks the right one.
      for (const option of single.options) expect(Object.keys(option).sort()).toEqual(['html', 'id']);
      expect(single.options.map((o) => o.id).sort()).toEqual(['o1', 'o2', 'o3']);
      expect(attempt.questions.every((q) => !('review' in q))).toBe(true);
    });

    it('shows an attempt to its owner only: to anyone else it does not exist', async () => {
      const { slug, id, me } = await enrolled();
      const { attempt } = await quizzes.start(me, slug, 'quiz');
      const other = await fx.trainee();
      await fx.enrol(other, id);
      const notFound = { kind: 'not_found', code: LearningErrorCode.AttemptNotFound };
      await expect(quizzes.view(other, attempt.id)).rejects.toMatchObject(notFound);
      await expect(quizzes.submit(other, attempt.id, { single: 'o2' })).rejects.toMatchObject(notFound);
      await expect(quizzes.view(me, 'not-a-uuid')).rejects.toMatchObject(notFound);
      expect((await quizzes.view(me, attempt.id)).result).toBeNull();
    });

    it('stores a shuffled question and option order and shows it every time', async () => {
      const { slug, me } = await enrolled('shuffle');
      const { attempt } = await quizzes.start(me, slug, 'quiz');
      const stored = await row(attempt.id);
      expect([...stored.question_order].sort()).toEqual(['matching', 'multiple', 'numeric', 'short', 'single']);
      expect([...stored.option_order.single].sort()).toEqual(['o1', 'o2', 'o3']);
      expect(Object.keys(stored.option_order).sort()).toEqual(['matching', 'multiple', 'single']);
      const expected = { questions: stored.question_order, options: stored.option_order };
      expect(shownOrder(attempt)).toEqual(expected);
      expect(shownOrder(await quizzes.view(me, attempt.id))).toEqual(expected);
      await quizzes.submit(me, attempt.id, {});
      expect(shownOrder(await quizzes.view(me, attempt.id))).toEqual(expected);
      expect((await quizzes.view(me, attempt.id)).questions.map((q) => q.number)).toEqual([1, 2, 3, 4, 5]);
    });

    it('keeps the authored order without shuffle, but always lists matching choices in a stored order', async () => {
      const { slug, me } = await enrolled();
      const { attempt } = await quizzes.start(me, slug, 'quiz');
      const stored = await row(attempt.id);
      expect(stored.question_order).toEqual(['single', 'multiple', 'short', 'numeric', 'matching']);
      expect(stored.option_order.single).toEqual(['o1', 'o2', 'o3']);
      expect(stored.option_order.matching).toHaveLength(2);
      expect(shownOrder(await quizzes.view(me, attempt.id)).options.matching).toEqual(stored.option_order.matching);
    });

    it('keeps the revision an attempt was started on after the module changes', async () => {
      const { slug, me } = await enrolled();
      const { attempt } = await quizzes.start(me, slug, 'quiz');
      await fx.rewrite(slug, '01-quiz.md', MODULE('Quiz changed', QUIZ('', '2002')));
      const view = await quizzes.view(me, attempt.id);
      expect(view).toMatchObject({ revision: 1, moduleTitle: 'Quiz' });
      // Graded against the key of revision 1, where 2007 (o2) is right.
      const { result } = await quizzes.submit(me, attempt.id, { single: 'o2' });
      expect(result.score).toBe(1);
      const next = await quizzes.start(me, slug, 'quiz');
      expect(next.attempt).toMatchObject({ number: 2, revision: 2, moduleTitle: 'Quiz changed' });
    });

    it('shows answers and feedback after submission only as the quiz allows', async () => {
      const reviewOf = (view: AttemptView) => view.questions.find((q) => q.id === 'single')!.review!;

      // One attempt: once it is submitted no other attempt can use the key.
      const submitted = await enrolled('answers=after-submit attempts=1');
      const a = (await quizzes.start(submitted.me, submitted.slug, 'quiz')).attempt;
      await quizzes.submit(submitted.me, a.id, { single: 'o1' });
      const shown = await quizzes.view(submitted.me, a.id);
      expect(shown.answersShown).toBe(true);
      expect(reviewOf(shown)).toEqual({
        response: 'o1',
        score: 0,
        outcome: 'incorrect',
        answer: { type: 'single', correct: ['o2'] },
        feedbackHtml: expect.stringContaining('presidential decree'),
      });

      const never = await enrolled('answers=never');
      const b = (await quizzes.start(never.me, never.slug, 'quiz')).attempt;
      await quizzes.submit(never.me, b.id, { single: 'o2' });
      const hidden = await quizzes.view(never.me, b.id);
      expect(hidden.answersShown).toBe(false);
      expect(reviewOf(hidden)).toEqual({
        response: 'o2',
        score: null,
        outcome: null,
        answer: null,
        feedbackHtml: null,
      });
      expect(JSON.stringify(hidden)).not.toMatch(/correct"|presidential decree/);

      const afterPass = await enrolled('answers=after-pass');
      const failed = (await quizzes.start(afterPass.me, afterPass.slug, 'quiz')).attempt;
      await quizzes.submit(afterPass.me, failed.id, { single: 'o1' });
      expect((await quizzes.view(afterPass.me, failed.id)).answersShown).toBe(false);
      const passed = (await quizzes.start(afterPass.me, afterPass.slug, 'quiz')).attempt;
      const outcome = await quizzes.submit(afterPass.me, passed.id, {
        single: 'o2',
        multiple: ['o1', 'o2'],
        short: 'SMS',
      });
      expect(outcome.result.passed).toBe(true);
      expect(reviewOf(await quizzes.view(afterPass.me, passed.id)).answer).toEqual({ type: 'single', correct: ['o2'] });
    });
  });

  describe('answer keys', () => {
    const reviewed = (view: AttemptView) => view.questions.map((q) => q.review);
    const keyShown = (view: AttemptView) => JSON.stringify(view).match(/correct"|accepted"|pairs"|presidential decree/);
    const allRight = { single: 'o2', multiple: ['o1', 'o2'], short: 'SMS', numeric: '281' };

    it('refuses to show the answer key of a blank attempt while another attempt can be started', async () => {
      const { slug, me } = await enrolled('attempts=3 answers=after-submit');
      const blank = (await quizzes.start(me, slug, 'quiz')).attempt;
      await quizzes.submit(me, blank.id, {});
      const view = await quizzes.view(me, blank.id);
      expect(view).toMatchObject({ answersShown: false, answersHidden: 'pass-or-last' });
      expect(keyShown(view)).toBeNull();
      expect(reviewed(view).every((r) => r?.answer === null && r.feedbackHtml === null && r.score === null)).toBe(true);
    });

    it('refuses to show an older attempt’s key while the trainee still has attempts, then shows every one', async () => {
      const { slug, me } = await enrolled('attempts=2 answers=after-submit');
      const first = (await quizzes.start(me, slug, 'quiz')).attempt;
      await quizzes.submit(me, first.id, {});
      const second = (await quizzes.start(me, slug, 'quiz')).attempt;
      expect(keyShown(await quizzes.view(me, first.id))).toBeNull();
      await quizzes.submit(me, second.id, { single: 'o1' });
      for (const id of [first.id, second.id]) {
        const view = await quizzes.view(me, id);
        expect(view).toMatchObject({ answersShown: true, answersHidden: null });
        expect(view.questions.find((q) => q.id === 'single')!.review!.answer).toEqual({
          type: 'single',
          correct: ['o2'],
        });
      }
    });

    it('refuses to show the key while an expired attempt can still be graded late', async () => {
      const { slug, me } = await enrolled('attempts=2 time=5 late=grade answers=after-submit');
      const expired = (await quizzes.start(me, slug, 'quiz')).attempt;
      await fx.db.query(`UPDATE quiz_attempts SET deadline = now() - interval '10 minutes' WHERE id = $1`, [
        expired.id,
      ]);
      const last = (await quizzes.start(me, slug, 'quiz')).attempt;
      await quizzes.submit(me, last.id, {});
      expect(await quizzes.view(me, last.id)).toMatchObject({ answersShown: false, answersHidden: 'pass-or-last' });
      await quizzes.submit(me, expired.id, {});
      expect((await quizzes.view(me, last.id)).answersShown).toBe(true);
    });

    it('refuses a new attempt after a pass, so answers shown after passing cannot be reused', async () => {
      const { slug, me } = await enrolled('attempts=3 answers=after-pass');
      const passed = (await quizzes.start(me, slug, 'quiz')).attempt;
      expect((await quizzes.submit(me, passed.id, allRight)).result.passed).toBe(true);
      expect((await quizzes.view(me, passed.id)).answersShown).toBe(true);
      await expect(quizzes.start(me, slug, 'quiz')).rejects.toMatchObject({
        kind: 'conflict',
        code: LearningErrorCode.QuizPassed,
      });
      expect(await quizzes.attemptsFor(me, slug, 'quiz')).toMatchObject({ passed: true, canStart: false });
    });

    it('never shows the key of a quiz with answers=never, even when it is finished', async () => {
      const { slug, me } = await enrolled('attempts=1 answers=never');
      const only = (await quizzes.start(me, slug, 'quiz')).attempt;
      await quizzes.submit(me, only.id, allRight);
      const view = await quizzes.view(me, only.id);
      expect(view).toMatchObject({ answersShown: false, answersHidden: 'never' });
      expect(keyShown(view)).toBeNull();
    });
  });
});
