import { QuizAttemptsService } from './quiz-attempts.service.js';
import { MODULE, quizFixtures, type QuizFixtures } from './test/quiz-fixtures.js';

const BASE_QUIZ = `::: quiz pass=50
1. Which body is the single window? {#body}
   = State Migration Service

2. How many people were registered (the module writes 1,522)? {#count}
   = 1522
:::
`;

/** The module's Azerbaijani translation, around its quiz. */
const AZ_MODULE = (quiz: string) => `---
title: Sınaq
summary: Bir cümlə.
objectives:
  - Bir iş görün.
source: 000000000000
---

## Bölmə

Mətn.

${quiz}`;

const AZ = AZ_MODULE(`::: quiz pass=50
1. Vahid pəncərə hansı qurumdur? {#body}
   = Dövlət Miqrasiya Xidməti
   = DMX

2. Neçə nəfər qeydiyyata alınıb? {#count}
   = 1522
:::
`);

describe('typed answers in every language of the module', () => {
  let fx: QuizFixtures;
  let quizzes: QuizAttemptsService;

  beforeAll(async () => {
    fx = await quizFixtures();
    quizzes = new QuizAttemptsService(fx.db, fx.certificates, fx.storage);
  });
  afterAll(() => fx.close());

  it("accepts the base file's and every translation's answers, and reads 1,522 / 1.522 / 1 522 as 1522", async () => {
    const course = await fx.course({ '01-quiz.md': MODULE('Quiz', BASE_QUIZ), '01-quiz.az.md': AZ });
    const cases: Array<[string, string, number]> = [
      ['dövlət miqrasiya xidməti', '1,522', 2],
      ['DMX', '1.522', 2],
      ['State Migration Service', '1 522', 2],
      ['Ministry', '1,523', 0],
    ];
    for (const [body, count, score] of cases) {
      const me = await fx.trainee();
      await fx.enrol(me, course.id);
      const { attempt } = await quizzes.start(me, course.slug, 'quiz');
      const outcome = await quizzes.submit(me, attempt.id, { body, count });
      expect([body, count, outcome.result.score]).toEqual([body, count, score]);
    }
  });

  it('grades with a translation’s accepted answers as they are now, not as they were at the last grading', async () => {
    const course = await fx.course({ '01-quiz.md': MODULE('Quiz', BASE_QUIZ), '01-quiz.az.md': AZ });
    const submit = async (body: string) => {
      const me = await fx.trainee();
      await fx.enrol(me, course.id);
      const { attempt } = await quizzes.start(me, course.slug, 'quiz');
      return (await quizzes.submit(me, attempt.id, { body, count: '1522' })).result.score;
    };
    expect(await submit('Miqrasiya Xidməti')).toBe(1);
    // A translation's accepted answers change (as a sync of its file would): the next grading uses them.
    await fx.db.query(
      `UPDATE module_translations t SET accepted_answers = jsonb_set(t.accepted_answers, '{body}', '["Miqrasiya Xidməti"]'),
         updated_at = now()
       FROM modules m WHERE m.id = t.module_id AND m.course_id = $1 AND t.language = 'az'`,
      [course.id],
    );
    expect(await submit('Miqrasiya Xidməti')).toBe(2);
  });

  it('shows a reader in Azerbaijani the Azerbaijani quiz, whose choices are graded as the base ones', async () => {
    const course = await fx.course({ '01-quiz.md': MODULE('Quiz', CHOICES), '01-quiz.az.md': AZ_CHOICES });
    const me = await fx.trainee();
    await fx.enrol(me, course.id);
    const { attempt } = await quizzes.start(me, course.slug, 'quiz');
    const az = await quizzes.view(me, attempt.id, 'az');
    expect(az.moduleTitle).toBe('Sınaq');
    const prompts = az.questions.map((q) => q.promptHtml);
    expect(prompts).toEqual(['Sərhədi kim qoruyur?', 'Hər yoxlamanı onun xəttinə uyğunlaşdırın.']);
    const [choice, matching] = az.questions as Array<{ options?: Choice[]; items?: Choice[]; choices?: Choice[] }>;
    const idOf = (list: Choice[] | undefined, html: string) => list!.find((c) => c.html === html)!.id;
    // The base words, in the course's own language, for the same attempt.
    const en = await quizzes.view(me, attempt.id, 'en');
    expect(en.questions[0].promptHtml).toBe('Who guards the border?');
    const [base] = en.questions as Array<{ options?: Choice[] }>;
    expect(idOf(base.options, 'The State Border Service')).toBe(idOf(choice.options, 'Dövlət Sərhəd Xidməti'));
    // Answered as the Azerbaijani page shows it: every point.
    const outcome = await quizzes.submit(me, attempt.id, {
      guard: idOf(choice.options, 'Dövlət Sərhəd Xidməti'),
      lines: {
        [idOf(matching.items, 'Sənəd yoxlaması')]: idOf(matching.choices, 'Birinci xətt'),
        [idOf(matching.items, 'Müsahibə')]: idOf(matching.choices, 'İkinci xətt'),
        [idOf(matching.items, 'Barmaq izi')]: idOf(matching.choices, 'İkinci xətt'),
      },
    });
    expect(outcome.result.percent).toBe(100);
  });

  it('shows a reader in Azerbaijani the Azerbaijani feedback after submitting, and an English reader the base’s', async () => {
    const feedback = (quiz: string, after: string, words: string) => quiz.replace(after, `${after}   > ${words}\n`);
    const base = feedback(
      CHOICES.replace('pass=50', 'pass=50 review=immediately'),
      '   - [x] The State Border Service\n',
      'The Border Service guards it.',
    );
    const az = AZ_MODULE(
      feedback(
        AZ_CHOICES.slice(AZ_CHOICES.indexOf('::: quiz')),
        '   - [x] Dövlət Sərhəd Xidməti\n',
        'Sərhədi Sərhəd Xidməti qoruyur.',
      ),
    );
    const course = await fx.course({ '01-quiz.md': MODULE('Quiz', base), '01-quiz.az.md': az });
    const me = await fx.trainee();
    await fx.enrol(me, course.id);
    const { attempt } = await quizzes.start(me, course.slug, 'quiz');
    // Nothing of either feedback before submitting.
    expect(JSON.stringify(await quizzes.view(me, attempt.id, 'az'))).not.toContain('qoruyur.');
    await quizzes.submit(me, attempt.id, { guard: 'o1', lines: {} });
    const shown = async (language: string) =>
      (await quizzes.view(me, attempt.id, language)).questions.map((q) => q.review?.feedbackHtml ?? null);
    expect(await shown('az')).toEqual(['<p>Sərhədi Sərhəd Xidməti qoruyur.</p>\n', null]);
    expect(await shown('en')).toEqual(['<p>The Border Service guards it.</p>\n', null]);
  });

  it('shows the base quiz for an attempt at a revision the translation was not aligned with', async () => {
    const course = await fx.course({ '01-quiz.md': MODULE('Quiz', CHOICES), '01-quiz.az.md': AZ_CHOICES });
    const me = await fx.trainee();
    await fx.enrol(me, course.id);
    const { attempt } = await quizzes.start(me, course.slug, 'quiz');
    await fx.rewrite(
      course.slug,
      '01-quiz.md',
      MODULE('Quiz', CHOICES).replace('Text of Quiz.', 'Text of Quiz, revised.'),
    );
    expect((await quizzes.view(me, attempt.id, 'az')).questions[0].promptHtml).toBe('Who guards the border?');
    const other = await fx.trainee();
    await fx.enrol(other, course.id);
    const fresh = await quizzes.start(other, course.slug, 'quiz');
    expect((await quizzes.view(other, fresh.attempt.id, 'az')).questions[0].promptHtml).toBe('Sərhədi kim qoruyur?');
  });
});

type Choice = { id: string; html: string };

const CHOICES = `::: quiz pass=50
1. Who guards the border? {#guard}
   - [ ] The State Migration Service
   - [x] The State Border Service

2. Match each check to its line. {#lines}
   - Document check -> First line
   - Interview -> Second line
   - Fingerprint -> Second line
:::
`;

const AZ_CHOICES = AZ_MODULE(`::: quiz pass=50
1. Sərhədi kim qoruyur? {#guard}
   - [ ] Dövlət Miqrasiya Xidməti
   - [x] Dövlət Sərhəd Xidməti

2. Hər yoxlamanı onun xəttinə uyğunlaşdırın. {#lines}
   - Sənəd yoxlaması -> Birinci xətt
   - Müsahibə -> İkinci xətt
   - Barmaq izi -> İkinci xətt
:::
`);
