import { loadConfig } from '@karvan/config';
import { createUser, principalOf } from '@karvan/testing';
import { MailService } from '../mail/index.js';
import { EssayGradingService } from './essay-grading.service.js';
import { QuizAttemptsService } from './quiz-attempts.service.js';
import { RegradeService } from './regrade.service.js';
import { MODULE, quizFixtures, type QuizFixtures } from './test/quiz-fixtures.js';

const QUIZ = `::: quiz pass=60 attempts=2
1. Which body is the single window? {#body}
   = SMS

2. Describe how a readmission request is prepared. {#essay}
   = [essay points=4]
   - [3] Names the authorities
   - [1] Gives the time limits
:::
`;

describe('essays graded by the course’s trainers', () => {
  let fx: QuizFixtures;
  let quizzes: QuizAttemptsService;
  let essays: EssayGradingService;

  beforeAll(async () => {
    fx = await quizFixtures();
    quizzes = new QuizAttemptsService(fx.db, fx.certificates, fx.storage);
    const config = loadConfig();
    essays = new EssayGradingService(
      fx.db,
      fx.certificates,
      new MailService(fx.db, fx.certificates),
      fx.storage,
      config,
    );
  });
  afterAll(() => fx.close());

  async function author(courseId: string) {
    const { user } = await createUser(fx.db, ['trainee', 'trainer']);
    await fx.db.query(
      `INSERT INTO grants (user_id, role, scope_kind, scope_id) VALUES ($1, 'course_author', 'course', $2)`,
      [user.id, courseId],
    );
    return principalOf(fx.db, user.id);
  }

  it('waits for the grade, refuses other graders and bad points, then completes once, mails once and audits', async () => {
    const course = await fx.course({ '01-quiz.md': MODULE('Quiz', QUIZ) });
    const other = await fx.course({ '01-quiz.md': MODULE('Quiz', QUIZ) });
    const [{ id: moduleId }] = await fx.db.query<Array<{ id: string }>>('SELECT id FROM modules WHERE course_id = $1', [
      course.id,
    ]);
    const me = await fx.trainee();
    await fx.enrol(me, course.id);
    await fx.db.query('INSERT INTO module_progress (user_id, module_id) VALUES ($1, $2)', [me.userId, moduleId]);
    const { attempt } = await quizzes.start(me, course.slug, 'quiz');
    const text = 'First <b>the request</b>.\nThen the answer.';
    const submitted = await quizzes.submit(me, attempt.id, { body: 'SMS', essay: text });
    expect(submitted.result).toMatchObject({ awaitingGrading: true, score: null, percent: null, passed: null });
    expect(submitted.completion).toBeNull();
    const view = await quizzes.view(me, attempt.id);
    expect(view.result).toMatchObject({ awaitingGrading: true, percent: null });
    expect(view.answersShown).toBe(false);
    expect((await quizzes.attemptsFor(me, course.slug, 'quiz')).attempts[0].state).toBe('awaiting');

    const grader = await author(course.id);
    const stranger = await author(other.id);
    expect((await essays.toGrade(grader, course.slug)).attempts.map((a) => a.attemptId)).toEqual([attempt.id]);
    expect((await essays.countsToGrade(grader))[course.slug]).toBe(1);
    expect(await essays.countsToGrade(stranger)).not.toHaveProperty(course.slug);
    await expect(essays.get(stranger, attempt.id)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(essays.grade(me, attempt.id, 'essay', { points: 4 })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(essays.grade(grader, attempt.id, 'essay', { points: 5 })).rejects.toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('from 0 to 4'),
    });
    await expect(
      essays.grade(grader, attempt.id, 'essay', { points: null, criteria: { c1: 4 } }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    await expect(essays.grade(grader, attempt.id, 'body', { points: 1 })).rejects.toMatchObject({ kind: 'conflict' });
    // An essay is not regraded with a key, and a waiting attempt is not overridden.
    const regrades = new RegradeService(fx.certificates, fx.db);
    await expect(regrades.regrade(grader, course.slug, 'quiz', 'essay')).rejects.toMatchObject({ kind: 'conflict' });
    await expect(regrades.override(grader, attempt.id, 'body', 0, 'Checked.')).rejects.toMatchObject({
      code: 'attempt_awaiting_grading',
    });
    const shown = await essays.get(grader, attempt.id);
    expect(shown.essays[0]).toMatchObject({ text, maxPoints: 4, rubric: [{ id: 'c1' }, { id: 'c2' }], grade: null });

    // 1 + 3 of 5 points: 80 %, a pass; the criteria add up when no total is given.
    const graded = await essays.grade(grader, attempt.id, 'essay', {
      points: null,
      criteria: { c1: 2.5, c2: 0.5 },
      feedback: 'Clear steps.',
    });
    expect(graded).toMatchObject({ attemptGraded: true, completionRecorded: true });
    expect(graded.grading).toMatchObject({ awaitingGrading: false, score: 4, percent: 80, passed: true });
    const again = await essays.grade(grader, attempt.id, 'essay', { points: 3.5, feedback: 'Cite the article.' });
    expect(again).toMatchObject({ attemptGraded: false, completionRecorded: false });
    expect(again.grading).toMatchObject({ score: 4.5, percent: 90 });

    const counts = await fx.db.query<Array<{ certificates: number; mails: number; changes: number }>>(
      `SELECT (SELECT count(*)::int FROM certificates WHERE user_id = $1) AS certificates,
         (SELECT count(*)::int FROM outbox_emails e JOIN users u ON u.email = e.to_address
            WHERE u.id = $1 AND e.dedupe_key LIKE 'attempt-graded:%') AS mails,
         (SELECT count(*)::int FROM grade_changes WHERE attempt_id = $2 AND kind = 'essay') AS changes`,
      [me.userId, attempt.id],
    );
    expect(counts[0]).toEqual({ certificates: 1, mails: 1, changes: 2 });
    const review = await quizzes.view(me, attempt.id);
    expect(review.result).toMatchObject({ awaitingGrading: false, passed: true, percent: 90 });
    const essay = review.questions.find((q) => q.id === 'essay')!;
    expect(essay.review?.essay).toMatchObject({ feedback: 'Cite the article.' });
    expect((await essays.toGrade(grader, course.slug)).attempts).toEqual([]);
  });
});
