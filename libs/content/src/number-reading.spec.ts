import { gradeQuestion, parseQuiz, formatProblem, readNumber, type PublicQuestion } from '@karvan/content';

/** Three numeric questions: a whole key (a count), a decimal key and a whole key with a tolerance. */
const QUIZ = `::: quiz
1. How many people were registered? {#count}
   = 1522

2. What is the rate, to three decimals? {#rate}
   = 1.522

3. About how many millions? {#millions}
   = 281 ± 5
:::`;

const { quiz, key } = parseQuiz(QUIZ).parsed!;

function grade(id: string, typed: string): number {
  const question = quiz.questions.find((q) => q.id === id) as PublicQuestion;
  return gradeQuestion(question, key[id], typed);
}

describe('numbers as people write them', () => {
  // language, what a trainee types, question, score
  it.each([
    ['en', '1522', 'count', 1],
    ['en', '1,522', 'count', 1],
    ['en', '1,522.0', 'count', 1],
    ['en', '1.522', 'count', 1],
    ['az', '1 522', 'count', 1],
    ['az', '1.522', 'count', 1],
    ['az', '1 522,0', 'count', 1],
    ['ru', '1\u00a0522', 'count', 1],
    ['ru', '1\u202f522', 'count', 1],
    ['ru', '1.522,0', 'count', 1],
    ['en', '1,523', 'count', 0],
    ['en', '15,22', 'count', 0],
    ['en', '1 52 2', 'count', 0],
    ['en', '1.522', 'rate', 1],
    ['en', '1,522', 'rate', 1],
    ['az', '1,522', 'rate', 1],
    ['ru', '1,5220', 'rate', 1],
    ['en', '1522', 'rate', 0],
    ['en', '1 522', 'rate', 0],
    ['ru', '1.522,0', 'rate', 0],
    ['en', '281', 'millions', 1],
    ['en', '284.5', 'millions', 1],
    ['az', '284,5', 'millions', 1],
    ['ru', '285,9', 'millions', 1],
    ['en', '281,000', 'millions', 0],
    ['en', '286.1', 'millions', 0],
  ])('%s: "%s" for %s scores %d', (_language, typed, id, score) => {
    expect(grade(id, typed)).toBe(score);
  });

  it.each([
    ['1,522,000', 1522000, null],
    ['1.522.000', 1522000, null],
    ['1,522.25', 1522.25, null],
    ['1.522,25', 1522.25, null],
    ['−2,5', -2.5, null],
    ['0,522', 0.522, null],
    ['1,522', 1.522, 1522],
    ['-1.522', -1.522, -1522],
    ['12,5', 12.5, null],
    ['.5', 0.5, null],
  ])('reads "%s" as %d (grouped: %s)', (typed, value, grouped) => {
    expect(readNumber(typed)).toEqual({ value, grouped });
  });

  it.each(['1,52,2', '1..5', '1,522.000,1', '12 34', 'one', '1e3', ''])('refuses "%s"', (typed) => {
    expect(readNumber(typed)).toBeNull();
  });

  it('refuses a key written "1,522", naming both readings', () => {
    const problems = parseQuiz('::: quiz\n1. How many?\n   = 1,522\n:::').problems.map(formatProblem);
    expect(problems).toEqual([':3:1 error "1,522" could be a whole number or a decimal: write 1522 or 1.522']);
  });

  it('keeps a quoted answer as text', () => {
    const parsed = parseQuiz('::: quiz\n1. Agent?\n   = "007"\n:::').parsed!;
    expect(parsed.quiz.questions[0].type).toBe('short');
    expect(parsed.key['1']).toEqual({ type: 'short', accepted: ['007'], feedbackHtml: null });
    expect(gradeQuestion(parsed.quiz.questions[0], parsed.key['1'], '7')).toBe(0);
    expect(gradeQuestion(parsed.quiz.questions[0], parsed.key['1'], '007')).toBe(1);
  });
});
