import { formatProblem } from '../problem.js';
import { parseQuiz } from '../quiz-parser.js';
import { importGift } from './index.js';

describe('what importing GIFT skips', () => {
  it('skips descriptions and missing-word questions, with reasons and lines; takes essays', () => {
    const gift = [
      '::E:: How are you? {}',
      '',
      '// a description',
      'Read the following carefully.',
      '',
      "Grant is {~buried =entombed ~living} in Grant's tomb.",
      '',
      '::Ok::Fine?{T}',
    ].join('\n');
    const result = importGift(gift);
    expect(result.skipped).toEqual([
      {
        line: 4,
        title: 'Read the following carefully.',
        type: 'description',
        reason: 'a description (text with no answer block) asks nothing; Karvan quizzes have no such item',
      },
      {
        line: 6,
        title: 'Grant is',
        type: 'multichoice',
        reason:
          'a missing-word question (text after the answer block: "in Grant\'s tomb."); Karvan has no fill-in-the-blank type',
      },
    ]);
    expect(result.taken).toEqual([
      { line: 1, title: 'E', type: 'essay', reason: expect.stringContaining('graded by the course') },
      { line: 8, title: 'Ok', type: 'single' },
    ]);
  });

  it('takes a question followed only by punctuation, noting what was left out', () => {
    expect(importGift('Two plus two equals {=four}.').taken[0]).toMatchObject({
      type: 'short',
      reason: 'text after the answer block (".") left out',
    });
  });

  it('skips questions whose braces cannot be read', () => {
    expect(importGift('Q {=a').skipped[0]).toMatchObject({
      type: 'unknown',
      reason: expect.stringContaining('not closed'),
    });
    expect(importGift('Q } {=a}').skipped[0].reason).toContain('a "}" with no "{" before it');
    expect(importGift('Q {=a {=b}').skipped[0].reason).toContain('a "{" inside the answer block');
    expect(importGift('{=a}').skipped[0].reason).toBe('the question has no text before its answer block');
  });

  it('returns no quiz block when nothing is taken', () => {
    expect(importGift('// nothing\n\nJust a description.')).toMatchObject({ markdown: '', taken: [] });
    expect(importGift('')).toEqual({ markdown: '', taken: [], skipped: [] });
  });
});

describe('question ids', () => {
  it('slugs titles, makes them unique and numbers untitled questions', () => {
    const gift = [
      '::Ünïcode Title!::A?{T}',
      '::Dup::B?{T}',
      '::Dup::C?{T}',
      'D?{T}',
      '::Тест::E?{T}',
      '::q4::F?{T}',
    ].join('\n\n');
    const result = parseQuiz(importGift(gift).markdown);
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.parsed!.quiz.questions.map((q) => q.id)).toEqual([
      'unicode-title',
      'dup',
      'dup-2',
      'q4',
      'q5',
      'q4-2',
    ]);
  });
});
