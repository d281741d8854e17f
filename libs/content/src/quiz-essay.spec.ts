import { compareQuizShape, formatProblem, gradeQuestion, parseQuiz } from '@karvan/content';

function read(questions: string) {
  return parseQuiz(`::: quiz\n${questions}\n:::\n`, { path: 'm.md' });
}

function errorsOf(questions: string): string[] {
  return read(questions).problems.map(formatProblem);
}

describe('essay questions', () => {
  it('reads points, the file permission, the rubric and the feedback, keeping the rubric in the key', () => {
    const { parsed, problems } = read(
      [
        '1. Describe how a readmission request is prepared. {#readmission}',
        '   = [essay points=10 file]',
        '   - [4] Names the **competent** authority',
        '   - [6] Gives the time limits',
        '   > A strong answer cites the agreement.',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    const question = parsed!.quiz.questions[0];
    expect(question).toEqual({
      id: 'readmission',
      number: 1,
      promptHtml: 'Describe how a readmission request is prepared.',
      points: 10,
      tags: [],
      type: 'essay',
      file: true,
    });
    expect(parsed!.key.readmission).toEqual({
      type: 'essay',
      rubric: [
        { id: 'c1', html: 'Names the <strong>competent</strong> authority', points: 4 },
        { id: 'c2', html: 'Gives the time limits', points: 6 },
      ],
      feedbackHtml: '<p>A strong answer cites the agreement.</p>\n',
    });
    // Graded by hand: the automatic grade is nothing, whatever was typed.
    expect(gradeQuestion(question, parsed!.key.readmission, 'A long answer')).toBe(0);
  });

  it('takes its points from the rubric, or from points= alone, and allows no file by default', () => {
    const rubric = read('1. Explain.\n   = [essay]\n   - [3] One\n   - [2] Two').parsed!.quiz.questions[0];
    expect(rubric).toMatchObject({ type: 'essay', points: 5, file: false });
    const bare = read('1. Explain.\n   = [essay points=7]').parsed!.quiz.questions[0];
    expect(bare).toMatchObject({ type: 'essay', points: 7, file: false });
  });

  it('keeps "[essay]" in quotes a typed answer', () => {
    expect(read('1. Word?\n   = "[essay]"').parsed!.quiz.questions[0].type).toBe('short');
  });

  it('reports what cannot be an essay, each at its line', () => {
    expect(errorsOf('1. Explain.\n   = [essay]')).toEqual([
      'm.md:3:1 error essay question 1 needs its points: write e.g. "= [essay points=10]" or a rubric',
    ]);
    expect(errorsOf('1. Explain.\n   = [essay points=10 files]')).toEqual([
      'm.md:3:1 error unknown essay setting "files": write points=N (a whole number of at least 1) and, to allow a file, file',
    ]);
    expect(errorsOf('1. Explain.\n   = [essay points=5]\n   - [3] One\n   - [1] Two')).toEqual([
      'm.md:3:1 error the rubric of question 1 adds up to 4 points, not points=5',
    ]);
    expect(errorsOf('1. Explain.\n   = [essay points=5]\n   = [essay points=5]')).toEqual([
      'm.md:4:1 error essay question 1 takes one "= [essay …]" line and no answers',
    ]);
    expect(errorsOf('1. Pick.\n   - [x] a\n   - [ ] b\n   - [2] c')).toEqual([
      'm.md:5:1 error criteria "- [points] text" belong to an essay: question 1 is not one',
    ]);
    expect(errorsOf('1. Explain.\n   = [essay]\n   - [0] Nothing')).toEqual([
      'm.md:4:1 error a criterion must be worth at least 1 point',
    ]);
  });

  it('makes a translation keep the points, the file permission and the rubric', () => {
    const base = read('1. Explain.\n   = [essay points=5]\n   - [5] Clear').parsed;
    const same = read('1. İzah edin.\n   = [essay points=5]\n   - [5] Aydın').parsed;
    const other = read('1. İzah edin.\n   = [essay points=5 file]\n   - [5] Aydın').parsed;
    expect(compareQuizShape('m.az.md', base, same)).toEqual([]);
    expect(compareQuizShape('m.az.md', base, other).map(formatProblem)[0]).toContain('file=true');
  });
});
