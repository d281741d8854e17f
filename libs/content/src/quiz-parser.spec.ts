import { formatProblem, parseQuiz, splitQuiz, type ParsedQuiz } from '@karvan/content';

const QUIZ = `Module text.

::: quiz pass=80 attempts=3 time=15 shuffle answers=after-pass
1. When was the **State Migration Service** established? {#sms-year}
   - [ ] 2002
   - [x] 2007
   - [ ] 2013
   > Established by presidential decree on 19 March 2007.

2. Select all agreements that entered into force on 1 September 2014.
   - [x] The visa facilitation agreement
   - [x] The readmission agreement
   - [ ] The Partnership and Cooperation Agreement

3. Which body is the single window?
   = SMS
   = State Migration Service

4. About how many international migrants were there in 2020, in millions?
   = 281 ± 5

5. Match each institution to the year it was created.
   - State Border Service -> 2002
   - State Migration Service -> 2007
:::
`;

function parsed(text: string): ParsedQuiz {
  const result = parseQuiz(text, { path: 'm.md' });
  expect(result.problems.map(formatProblem)).toEqual([]);
  return result.parsed!;
}

function errorsOf(quiz: string, lineOffset = 0): string[] {
  return parseQuiz(quiz, { path: 'm.md', lineOffset }).problems.map(formatProblem);
}

describe('parsing a quiz', () => {
  it('reads author tags beside or instead of an id, lower-cased and once each', () => {
    const quiz = parsed(
      [
        '::: quiz',
        '1. A border guard sees a forged stamp. What next? {#stamp .Scenario .border .scenario}',
        '   = report',
        '2. Which year? {.recall}',
        '   = 2007',
        '3. No tags',
        '   = a',
        ':::',
      ].join('\n'),
    ).quiz;
    expect(quiz.questions.map((q) => [q.id, q.tags])).toEqual([
      ['stamp', ['scenario', 'border']],
      ['2', ['recall']],
      ['3', []],
    ]);
    expect(quiz.questions[0].promptHtml).toBe('A border guard sees a forged stamp. What next?');
  });

  it('reads every attribute', () => {
    expect(parsed(QUIZ).quiz.settings).toEqual({
      passPercent: 80,
      maxAttempts: 3,
      timeLimitMinutes: 15,
      shuffle: true,
      draws: [],
      pool: 'module',
      review: 'after-pass',
      show: ['marks', 'answers', 'feedback'],
      lateSubmissions: 'refuse',
    });
  });

  it('uses the defaults when there are no attributes', () => {
    expect(parsed('::: quiz\n1. Q?\n   = a\n:::').quiz.settings).toEqual({
      passPercent: 70,
      maxAttempts: null,
      timeLimitMinutes: null,
      shuffle: false,
      draws: [],
      pool: 'module',
      review: 'after-pass-or-last',
      show: ['marks', 'answers', 'feedback'],
      lateSubmissions: 'refuse',
    });
    expect(parsed('::: quiz answers=never shuffle=false\n1. Q?\n   = a\n:::').quiz.settings).toMatchObject({
      review: 'never',
      shuffle: false,
    });
  });

  it('reads what to do with a late submission, refusing it by default', () => {
    expect(parsed('::: quiz time=10 late=grade\n1. Q?\n   = a\n:::').quiz.settings).toMatchObject({
      timeLimitMinutes: 10,
      lateSubmissions: 'grade',
    });
    expect(parsed('::: quiz time=10 late=refuse\n1. Q?\n   = a\n:::').quiz.settings.lateSubmissions).toBe('refuse');
    expect(errorsOf('::: quiz time=10 late=maybe\n1. Q\n   = a\n:::')).toEqual([
      'm.md:1:18 error late must be refuse or grade, e.g. late=grade',
    ]);
    expect(errorsOf('::: quiz late\n1. Q\n   = a\n:::')).toEqual([
      'm.md:1:10 error late must be refuse or grade, e.g. late=grade',
    ]);
  });

  it('reads a single-choice question with its id, prompt HTML, options and feedback', () => {
    const { quiz, key, lines } = parsed(QUIZ);
    expect(quiz.questions[0]).toEqual({
      id: 'sms-year',
      number: 1,
      type: 'single',
      promptHtml: 'When was the <strong>State Migration Service</strong> established?',
      points: 1,
      tags: [],
      options: [
        { id: 'o1', html: '2002' },
        { id: 'o2', html: '2007' },
        { id: 'o3', html: '2013' },
      ],
    });
    expect(key['sms-year']).toEqual({
      type: 'single',
      correct: ['o2'],
      feedbackHtml: '<p>Established by presidential decree on 19 March 2007.</p>\n',
    });
    expect(lines['sms-year']).toBe(4);
  });

  it('makes a question with several [x] "select all that apply", numbered by its position', () => {
    const { quiz, key } = parsed(QUIZ);
    expect(quiz.questions[1]).toMatchObject({ id: '2', number: 2, type: 'multiple' });
    expect(key['2']).toEqual({ type: 'multiple', correct: ['o1', 'o2'], feedbackHtml: null });
  });

  it('reads short answers with alternatives and numeric answers with a tolerance', () => {
    const { quiz, key } = parsed(QUIZ);
    expect(quiz.questions[2]).toEqual({
      id: '3',
      number: 3,
      type: 'short',
      promptHtml: 'Which body is the single window?',
      points: 1,
      tags: [],
    });
    expect(key['3']).toEqual({ type: 'short', accepted: ['SMS', 'State Migration Service'], feedbackHtml: null });
    expect(quiz.questions[3].type).toBe('numeric');
    expect(key['4']).toEqual({ type: 'numeric', accepted: [{ value: 281, tolerance: 5 }], feedbackHtml: null });
  });

  it('accepts +- for the tolerance, a comma as decimal separator, and several numeric alternatives', () => {
    const { key } = parsed('::: quiz\n1. Rate?\n   = 2,5 +- 0,1\n   = 7\n:::');
    expect(key['1']).toMatchObject({
      type: 'numeric',
      accepted: [
        { value: 2.5, tolerance: 0.1 },
        { value: 7, tolerance: 0 },
      ],
    });
  });

  it('treats a mix of numbers and words as a short answer', () => {
    expect(parsed('::: quiz\n1. Year?\n   = 2013\n   = twenty thirteen\n:::').key['1'].type).toBe('short');
  });

  it('reads a matching question, listing the right-hand sides apart from the pairs', () => {
    const { quiz, key } = parsed(QUIZ);
    const question = quiz.questions[4];
    if (question.type !== 'matching') throw new Error('expected matching');
    expect(question.items).toEqual([
      { id: 'l1', html: 'State Border Service' },
      { id: 'l2', html: 'State Migration Service' },
    ]);
    expect(question.choices.map((c) => c.html).sort()).toEqual(['2002', '2007']);
    const idOf = (html: string) => question.choices.find((c) => c.html === html)!.id;
    expect(key['5']).toEqual({ type: 'matching', pairs: { l1: idOf('2002'), l2: idOf('2007') }, feedbackHtml: null });
  });

  it('lists a right-hand side used twice only once, in an order that does not follow the pairs', () => {
    const quiz = '::: quiz\n1. Match\n   - A -> 1\n   - B -> 2\n   - C -> 3\n   - D -> 4\n   - E -> 4\n:::';
    const question = parsed(quiz).quiz.questions[0];
    if (question.type !== 'matching') throw new Error('expected matching');
    expect(question.choices).toHaveLength(4);
    expect(question.choices.map((c) => c.html)).not.toEqual(['1', '2', '3', '4']);
    expect(parsed(quiz).quiz).toEqual(parsed(quiz).quiz);
  });

  it('renders prompts and options safely', () => {
    const { quiz, key } = parsed(
      '::: quiz\n1. <script>alert(1)</script> [x](javascript:alert(1))\n   - [x] <img src=x onerror=alert(1)>\n   - [ ] b\n   > <b>why</b>\n:::',
    );
    const json = JSON.stringify({ quiz, key });
    expect(json).not.toMatch(/<script|<img|<b>|href="javascript/);
  });

  it('is absent from a body without a quiz', () => {
    expect(parseQuiz('Just text.\n\n```\n::: quiz\n```\n')).toEqual({ parsed: null, problems: [] });
  });

  it('is not closed by a fence line with an info string: a quiz shown inside a code block stays code', () => {
    const body = [
      'Example:',
      '',
      '```markdown',
      'Code:',
      '```js',
      '::: quiz',
      '1. Shown, not asked',
      '   = a',
      ':::',
      '```',
    ];
    expect(parseQuiz(body.join('\n'))).toEqual({ parsed: null, problems: [] });
    const split = splitQuiz(body.join('\n'));
    expect(split.text).toBe(body.join('\n'));
    const tilde = [
      '~~~',
      '~~~ text',
      '::: quiz',
      '1. Still code',
      '   = a',
      ':::',
      '~~~',
      '',
      '::: quiz',
      '1. Real',
      '   = b',
      ':::',
    ];
    expect(splitQuiz(tilde.join('\n')).quizzes.map((q) => q.line)).toEqual([9]);
  });

  it('does not open a fence on a backtick line whose info string has a backtick', () => {
    const body = ['```not a fence```', '::: quiz', '1. Asked', '   = a', ':::'];
    expect(splitQuiz(body.join('\n')).quizzes.map((q) => q.line)).toEqual([2]);
  });
});

describe('the quiz a trainee sees', () => {
  it('contains no answer, flag or feedback', () => {
    const { quiz } = parsed(QUIZ);
    // The settings name what a review shows ("feedback"); the questions must name nothing.
    const json = JSON.stringify(quiz.questions);
    expect(json).not.toMatch(/correct|accepted|pairs|feedback|tolerance|\[x\]|\[ \]|->|±/i);
    expect(json).not.toContain('Established by presidential decree');
    expect(json).not.toContain('281');
    expect(json).not.toContain('SMS');
    for (const question of quiz.questions) {
      expect(Object.keys(question).sort()).toEqual(
        [
          'id',
          'number',
          'points',
          'promptHtml',
          'tags',
          'type',
          ...(question.type === 'single' || question.type === 'multiple' ? ['options'] : []),
          ...(question.type === 'matching' ? ['choices', 'items'] : []),
        ].sort(),
      );
    }
    const options = quiz.questions.flatMap((q) => ('options' in q ? q.options : []));
    for (const option of options) expect(Object.keys(option)).toEqual(['id', 'html']);
  });
});

describe('checking a quiz', () => {
  it('reports a question with no correct answer', () => {
    expect(errorsOf('::: quiz\n1. Q?\n   =\n:::', 10)).toEqual([
      'm.md:12:1 error question 1 has no correct answer: write it after "="',
    ]);
  });

  it('reports a single-choice question with no [x]', () => {
    expect(errorsOf('::: quiz\n1. Q?\n   - [ ] a\n   - [ ] b\n:::')).toEqual([
      'm.md:2:1 error single-choice question 1 has no [x]: mark the correct option with [x]',
    ]);
  });

  it('reports matching with fewer than two pairs', () => {
    expect(errorsOf('::: quiz\n1. Q?\n\n2. Match\n   - a -> b\n:::')).toEqual([
      'm.md:2:1 error question 1 has no options or answers',
      'm.md:4:1 error matching question 2 needs at least two pairs',
    ]);
  });

  it('reports an unparseable number', () => {
    expect(errorsOf('Text\n\n::: quiz\n1. How many?\n   = 281 ± five\n:::')).toEqual([
      'm.md:5:1 error unparseable number "281 ± five": write e.g. "= 281 ± 5" or "= 2,5 +- 0,1"',
    ]);
  });

  it('reports duplicate question ids', () => {
    expect(errorsOf('::: quiz\n1. A {#q}\n   = a\n2. B {#q}\n   = b\n3. C {#3}\n   = c\n3. D\n   = d\n:::')).toEqual([
      'm.md:4:1 error duplicate question id "q" (also used on line 2)',
      'm.md:8:1 error duplicate question id "3" (also used on line 6)',
    ]);
  });

  it('reports an unknown attribute and bad attribute values at their column', () => {
    expect(errorsOf('::: quiz pass=120 attempt=3 time=0 answers=later shuffle=yes\n1. Q\n   = a\n:::')).toEqual([
      'm.md:1:10 error pass must be a whole percentage from 0 to 100, e.g. pass=70',
      'm.md:1:19 error unknown quiz attribute "attempt" (known: pass, attempts, time, late, shuffle, draw, pool, review, show, answers)',
      'm.md:1:29 error time must be a whole number of minutes of at least 1, e.g. time=15',
      'm.md:1:36 error answers must be one of after-submit, after-pass, never',
      'm.md:1:50 error shuffle takes no value, or true/false',
    ]);
    expect(errorsOf('::: quiz attempts=0\n1. Q\n   = a\n:::')[0]).toMatch(/attempts must be a whole number/);
  });

  it('reports more than one quiz block', () => {
    const body = '::: quiz\n1. Q\n   = a\n:::\n\nText.\n\n::: quiz\n1. R\n   = b\n:::';
    expect(errorsOf(body, 3)).toEqual(['m.md:11:1 error more than one quiz block: a module has at most one']);
  });

  it('reports a question with no options or answers', () => {
    expect(errorsOf('::: quiz\n1. Q\n   > Feedback only.\n:::')).toEqual([
      'm.md:2:1 error question 1 has no options or answers',
    ]);
  });

  it('reports what else cannot be read, each at its line', () => {
    const quiz = [
      '::: quiz',
      'Intro text.',
      '1. Mixed',
      '   - [x] a',
      '   = b',
      '2. Bad list',
      '   - just a bullet',
      '   = a',
      '3. Lonely option',
      '   - [x] a',
      '4. Stray',
      '   = a',
      '',
      '   Another paragraph.',
      '5. {#only-id}',
      '   = a',
      '6. Empty',
      '   - [x]',
      '   - [ ] b',
    ].join('\n');
    expect(errorsOf(quiz)).toEqual([
      'm.md:1:1 error the quiz block is not closed by ":::"',
      'm.md:2:1 error text before the first question: a question starts with "1. " and its prompt',
      'm.md:3:1 error question 1 mixes options, "= answer" lines and "->" pairs: use one kind',
      `m.md:7:4 error a list line in a question must be an option "- [ ] text" or "- [x] text", a pair "- left -> right", or an essay's criterion "- [4] text"`,
      'm.md:9:1 error question 3 needs at least two options',
      'm.md:14:4 error unexpected text in a question: after the prompt come options, "= answer" lines, pairs or "> feedback"',
      'm.md:15:1 error question 5 has no prompt',
      'm.md:18:1 error an option with no text',
    ]);
  });

  it('reports a quiz with no questions', () => {
    expect(errorsOf('::: quiz\n:::')).toEqual(['m.md:1:1 error the quiz has no questions']);
  });
});
