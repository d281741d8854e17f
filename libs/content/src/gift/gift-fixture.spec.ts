import { readFileSync } from 'node:fs';
import { corpusFile } from '@karvan/testing';
import { formatProblem } from '../problem.js';
import { parseQuiz } from '../quiz-parser.js';
import { importGift } from './index.js';

// Moodle's own GIFT import fixture, shared read-only outside the project.
const fixture = readFileSync(corpusFile('gift/moodle-questions.gift.txt'), 'utf8');
const ESSAY_NOTE = "an essay, graded by the course's trainers: worth 1 point, as in Moodle, until you change points=";
const trailing = 'text after the answer block ("";") left out';

describe("importing Moodle's GIFT fixture", () => {
  const result = importGift(fixture);

  it('skips nothing', () => {
    expect(result.skipped).toEqual([]);
  });

  it('takes all nine questions, the essay too, reporting what did not carry over', () => {
    expect(result.taken).toEqual([
      { line: 2, title: 'Q8', type: 'essay', reason: ESSAY_NOTE },
      {
        line: 5,
        title: 'Moodle activities',
        type: 'matching',
        reason: 'distractor “Chat” (a right-hand side with no item) dropped: Karvan matching has no extra choices',
      },
      { line: 14, title: 'Q2', type: 'single' },
      { line: 22, title: 'colours', type: 'multiple' },
      { line: 31, title: 'Q5', type: 'numeric', reason: trailing },
      {
        line: 34,
        title: 'Shortanswer',
        type: 'short',
        reason:
          'partial credit lost: “Cat” (50%) now counts as correct; ' +
          'wildcard answer “*” (0%) cannot be expressed: left out; its feedback is kept as "Any other answer"',
      },
      { line: 41, title: 'Q1', type: 'single', reason: trailing },
      { line: 46, title: '2-08 TSL', type: 'single' },
      { line: 49, title: '2-08 TSL', type: 'single' },
    ]);
  });

  it('yields a quiz that Karvan parses without problems, with the answers of the original', () => {
    const parsed = parseQuiz(result.markdown);
    expect(parsed.problems.map(formatProblem)).toEqual([]);
    const { quiz, key } = parsed.parsed!;
    expect(quiz.questions.map((q) => [q.id, q.type])).toEqual([
      ['q8', 'essay'],
      ['moodle-activities', 'matching'],
      ['q2', 'single'],
      ['colours', 'multiple'],
      ['q5', 'numeric'],
      ['shortanswer', 'short'],
      ['q1', 'single'],
      ['2-08-tsl', 'single'],
      ['2-08-tsl-2', 'single'],
    ]);
    expect(quiz.questions[1]).toMatchObject({
      promptHtml: 'Match the <strong>activity</strong> to the description.',
      items: [
        { html: 'An activity supporting asynchronous discussions.' },
        { html: 'A teacher asks a question and specifies a choice of multiple responses.' },
        { html: 'A bank of record entries which participants can add to.' },
        { html: 'A collection of web pages that anyone can add to or edit.' },
      ],
    });
    expect(key.q2).toEqual({
      type: 'single',
      correct: ['o1'],
      feedbackHtml: "<p>“yellow”: right; good! “red”: wrong, it's yellow. “blue”: wrong, it's yellow.</p>\n",
    });
    expect(quiz.questions[0]).toMatchObject({ type: 'essay', points: 1, file: false });
    expect(key.q8).toEqual({ type: 'essay', rubric: [], feedbackHtml: null });
    expect(key.colours).toMatchObject({ type: 'multiple', correct: ['o1', 'o3'] });
    expect(key.q5).toEqual({
      type: 'numeric',
      accepted: [{ value: 3, tolerance: 2 }],
      feedbackHtml: '<p>Any other answer: Completely wrong</p>\n',
    });
    expect(key.shortanswer).toMatchObject({ accepted: ['Frog', 'Cat'] });
    expect(key.q1).toEqual({
      type: 'single',
      correct: ['o2'],
      feedbackHtml:
        '<p>“True”: 42 is the Ultimate Answer. “False”: You gave the right answer. ' +
        "This is, of course, a Hitchiker's Guide to the Galaxy reference.</p>\n",
    });
    expect(key['2-08-tsl']).toMatchObject({ correct: ['o1'] });
    expect(key['2-08-tsl-2']).toMatchObject({ correct: ['o1'] });
  });

  it('writes no raw HTML', () => {
    expect(result.markdown).not.toMatch(/<[a-z/!]/i);
  });
});
