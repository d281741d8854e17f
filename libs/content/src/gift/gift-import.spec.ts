import { formatProblem } from '../problem.js';
import type { ParsedQuiz } from '../quiz-parser.js';
import { parseQuiz } from '../quiz-parser.js';
import { importGift } from './index.js';

/** Imports GIFT and parses the result with Karvan's own parser, which must report nothing. */
function imported(gift: string): ParsedQuiz {
  const { markdown } = importGift(gift);
  const result = parseQuiz(markdown);
  expect(result.problems.map(formatProblem)).toEqual([]);
  return result.parsed!;
}

function onlyQuestion(gift: string) {
  const parsed = imported(gift);
  expect(parsed.quiz.questions).toHaveLength(1);
  const question = parsed.quiz.questions[0];
  return { question, key: parsed.key[question.id] };
}

describe('importing GIFT choice questions', () => {
  it('turns one "=" among "~" into single choice', () => {
    const gift = "Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}";
    expect(importGift(gift).markdown).toBe(
      "::: quiz\n1. Who's buried in Grant's tomb? {#q1}\n   - [ ] Grant\n   - [ ] Jefferson\n   - [x] no one\n:::\n",
    );
    const { question, key } = onlyQuestion(gift);
    expect(question).toMatchObject({
      type: 'single',
      options: [{ html: 'Grant' }, { html: 'Jefferson' }, { html: 'no one' }],
    });
    expect(key).toEqual({ type: 'single', correct: ['o3'], feedbackHtml: null });
  });

  it('turns equally weighted answers into "select all that apply" without a note', () => {
    const result = importGift('Pick the primes.{~%50%2 ~%50%3 ~%-100%4 ~%-100%6}');
    expect(result.taken).toEqual([{ line: 1, title: 'Pick the primes.', type: 'multiple' }]);
    const { key } = onlyQuestion('Pick the primes.{~%50%2 ~%50%3 ~%-100%4 ~%-100%6}');
    expect(key).toMatchObject({ type: 'multiple', correct: ['o1', 'o2'] });
  });

  it('notes unequal weights, which Karvan does not keep', () => {
    const gift = 'Pick.{~%70%a ~%30%b ~%-50%c}';
    expect(importGift(gift).taken[0]).toMatchObject({
      type: 'multiple',
      reason: 'partial weights lost: “a” (70%), “b” (30%); each correct answer now counts equally',
    });
    expect(onlyQuestion(gift).key).toMatchObject({ correct: ['o1', 'o2'] });
  });

  it('notes a multiple-response question with one positive answer, which becomes single choice', () => {
    const gift = 'Pick.{~%100%a ~b ~c}';
    expect(importGift(gift).taken[0]).toMatchObject({
      type: 'single',
      reason: 'only one answer has a positive weight: imported as single choice',
    });
    expect(onlyQuestion(gift).key).toMatchObject({ type: 'single', correct: ['o1'] });
  });

  it('notes partial credit on wrong answers of a single-choice question', () => {
    expect(importGift('Q?{=a ~%50%b ~c}').taken[0].reason).toBe('partial credit lost: “b” (50%) now count as wrong');
  });

  it('skips choice questions Karvan cannot express', () => {
    expect(importGift('Q?{=a =b ~c}').skipped[0]).toMatchObject({
      type: 'multichoice',
      reason: expect.stringContaining('several answers are fully correct'),
    });
    expect(importGift('Q?{~a ~b}').skipped[0].reason).toBe('no answer has a positive weight, so none is correct');
    expect(importGift('Q?{~a}').skipped[0].reason).toBe('a choice question needs at least two answers');
    expect(importGift('Q?{=a ~}').skipped[0].reason).toBe('an answer has no text');
  });

  it.each([
    ['{T}', true],
    ['{TRUE}', true],
    ['{F}', false],
    ['{FALSE}', false],
  ])('turns true/false %s into single choice between True and False', (answer, isTrue) => {
    const { question, key } = onlyQuestion(`::TF::Grass is green.${answer}`);
    expect(question).toMatchObject({ id: 'tf', type: 'single', options: [{ html: 'True' }, { html: 'False' }] });
    expect(key).toMatchObject({ correct: [isTrue ? 'o1' : 'o2'] });
  });

  it('labels true/false feedback with the answer it belongs to (the first is for a wrong answer)', () => {
    const { key } = onlyQuestion('Grass is green.{TRUE#Look again.#Well done.####Chlorophyll.}');
    expect(key.feedbackHtml).toBe('<p>“True”: Well done. “False”: Look again. Chlorophyll.</p>\n');
  });

  it('joins per-answer feedback and general feedback into one paragraph', () => {
    const markdown = importGift('Colour?{=yellow # right; good! ~red # wrong, it is yellow ####Spectrum.}').markdown;
    expect(markdown).toContain('   > “yellow”: right; good! “red”: wrong, it is yellow. Spectrum.\n');
  });
});

describe('importing GIFT short answer and numerical questions', () => {
  it('writes every "=" answer as an alternative', () => {
    const { question, key } = onlyQuestion("Who's buried in Grant's tomb?{=no one =nobody}");
    expect(question.type).toBe('short');
    expect(key).toEqual({ type: 'short', accepted: ['no one', 'nobody'], feedbackHtml: null });
  });

  it('keeps literal asterisks and leaves out wildcard answers with a note', () => {
    const result = importGift('Name it.{=a\\*b =cat* =dog}');
    expect(result.taken[0].reason).toBe('answer “cat*” uses the * wildcard, which Karvan cannot express: left out');
    expect(onlyQuestion('Name it.{=a\\*b =cat* =dog}').key).toMatchObject({ accepted: ['a*b', 'dog'] });
  });

  it('skips a short answer whose every accepted answer is a wildcard', () => {
    expect(importGift('::W::Anything?{=*}').skipped).toEqual([
      {
        line: 1,
        title: 'W',
        type: 'shortanswer',
        reason: 'every accepted answer uses the * wildcard, which Karvan cannot express',
      },
    ]);
  });

  it('keeps the feedback of a 0% catch-all as "Any other answer"', () => {
    const gift = 'Animal?{=Frog#Good! =%0%*#Wrong.}';
    expect(importGift(gift).taken[0].reason).toBe(
      'wildcard answer “*” (0%) cannot be expressed: left out; its feedback is kept as "Any other answer"',
    );
    expect(onlyQuestion(gift).key.feedbackHtml).toBe('<p>“Frog”: Good! Any other answer: Wrong.</p>\n');
  });

  it('leaves out an answer Karvan would misread as a number with a tolerance', () => {
    const gift = 'Symbol?{=plus-minus =a +- b}';
    expect(importGift(gift).taken[0].reason).toContain('answer “a +- b” contains ± or +-');
    expect(onlyQuestion(gift).key).toMatchObject({ accepted: ['plus-minus'] });
  });

  it('keeps short answers as written, whatever their format, leaving out HTML-like ones', () => {
    const gift = 'Company?{=AT&amp;T =[html]AT & T =<b>ATT</b>}';
    expect(importGift(gift).taken[0].reason).toBe(
      'answer “<b>ATT</b>” looks like HTML, which a typed answer cannot contain: left out',
    );
    expect(onlyQuestion(gift).key).toMatchObject({ accepted: ['AT&amp;T', 'AT & T'] });
  });

  it('names the real reason when no answer can be taken', () => {
    expect(importGift('Tag?{=<b>}').skipped[0].reason).toBe(
      'no answer could be taken: answer “<b>” looks like HTML, which a typed answer cannot contain',
    );
    expect(importGift('Tolerance?{=5 +- x}').skipped[0].reason).toBe(
      'no answer could be taken: answer “5 +- x” contains ± or +-, which Karvan reads as a tolerance',
    );
    expect(importGift('Wrong only?{=%0%yes}').skipped[0].reason).toMatch(/^no /);
  });

  it.each([
    ['{=1,500}', ['1,500']],
    ['{=007}', ['007']],
    ['{=2013 =2,013}', ['2013', '2,013']],
    ['{=2.5 =two and a half}', ['2.5', 'two and a half']],
    ['{="quoted"}', ['"quoted"']],
  ])('keeps the short answer %s text, however much it looks like a number', (answers, accepted) => {
    const result = importGift(`Number?${answers}`);
    expect(result.taken[0].type).toBe('short');
    const { question, key } = onlyQuestion(`Number?${answers}`);
    expect(question.type).toBe('short');
    expect(key).toEqual({ type: 'short', accepted, feedbackHtml: null });
  });

  it.each([
    ['{#2013}', [{ value: 2013, tolerance: 0 }], '= 2013'],
    ['{#281:5}', [{ value: 281, tolerance: 5 }], '= 281 ± 5'],
    ['{#1..5}', [{ value: 3, tolerance: 2 }], '= 3 ± 2'],
    ['{#0.1..0.3}', [{ value: 0.2, tolerance: 0.1 }], '= 0.2 ± 0.1'],
    ['{#-2.5:0.5}', [{ value: -2.5, tolerance: 0.5 }], '= -2.5 ± 0.5'],
    ['{#1e-7}', [{ value: 1e-7, tolerance: 0 }], '= 0.0000001'],
    [
      '{#=1822:0 =1821..1823}',
      [
        { value: 1822, tolerance: 0 },
        { value: 1822, tolerance: 1 },
      ],
      '= 1822\n   = 1822 ± 1',
    ],
  ])('reads numerical %s', (answer, accepted, lines) => {
    expect(importGift(`Number?${answer}`).markdown).toContain(`{#q1}\n   ${lines}\n:::`);
    expect(onlyQuestion(`Number?${answer}`).key).toEqual({ type: 'numeric', accepted, feedbackHtml: null });
  });

  it('notes partial credit and keeps feedback of numerical answers', () => {
    const gift = 'Born?{#\n=1822:0 # Exactly.\n=%50%1822:2 # Close.\n~# Far off.}';
    expect(importGift(gift).taken[0].reason).toBe('partial credit lost: “1822 ± 2” (50%) now counts as correct');
    const { key } = onlyQuestion(gift);
    expect(key).toMatchObject({
      accepted: [
        { value: 1822, tolerance: 0 },
        { value: 1822, tolerance: 2 },
      ],
    });
    expect(key.feedbackHtml).toBe('<p>“1822”: Exactly. “1822 ± 2”: Close. Any other answer: Far off.</p>\n');
  });

  it('skips a numerical question with something that is not a number', () => {
    expect(importGift('N?{#abc}').skipped[0]).toMatchObject({
      type: 'numerical',
      reason: expect.stringContaining('"abc" is not a number'),
    });
  });
});

describe('importing GIFT matching questions', () => {
  it('writes each pair as "left -> right"', () => {
    const gift = 'Match the capitals.{=Canada -> Ottawa =Italy -> Rome =Japan -> Tokyo}';
    expect(importGift(gift).markdown).toContain('   - Canada -> Ottawa\n   - Italy -> Rome\n   - Japan -> Tokyo\n');
    const { question } = onlyQuestion(gift);
    expect(question).toMatchObject({
      type: 'matching',
      items: [{ html: 'Canada' }, { html: 'Italy' }, { html: 'Japan' }],
    });
  });

  it('drops a distractor with an empty left side and says so', () => {
    const result = importGift('Match.{=a -> 1 =b -> 2 = -> 3}');
    expect(result.taken[0]).toMatchObject({ type: 'matching', reason: expect.stringContaining('distractor “3”') });
    expect(result.markdown).not.toContain('3');
  });

  it('skips matching Karvan cannot express', () => {
    expect(importGift('M.{=a -> 1 = -> 2}').skipped[0].reason).toBe(
      'matching needs at least two pairs with an item on the left',
    );
    expect(importGift('M.{=a -> 1 =a -> 2}').skipped[0].reason).toBe(
      '“a” appears twice on the left, which Karvan does not allow',
    );
    expect(importGift('M.{=a -> 1 =b ->}').skipped[0].reason).toBe('a pair has nothing after "->"');
  });
});
