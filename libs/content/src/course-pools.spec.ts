import { buildCourse, formatProblem, type SourceFile } from '@karvan/content';

const COURSE = `---
title: Pool course
summary: A course whose quizzes share a pool.
language: en
enrolment: open
---

Text.
`;

const moduleFile = (title: string, quiz: string) => `---
title: ${title}
summary: One sentence.
objectives:
  - Do one thing.
duration: 10
---

## Section

Text.

${quiz}`;

const FIRST = (draw: string) => `::: quiz pool=course ${draw} draw=1
1. A local scenario {#local .scenario}
   - [x] right
   - [ ] wrong
2. A plain question {#plain}
   = a
3. Another plain question {#plain2}
   = b
:::
`;

const SECOND = `::: quiz
1. Expired visa {#expired .scenario}
   - [x] refuse
   - [ ] admit
2. Not in the pool {#recall}
   = 2007
3. Missing passports {#family .scenario}
   = identity
:::
`;

function build(draw: string) {
  const files: SourceFile[] = [
    { name: 'course.md', path: 'c/course.md', text: COURSE },
    { name: '01-first.md', path: 'c/01-first.md', text: moduleFile('First', FIRST(draw)) },
    { name: '02-second.md', path: 'c/02-second.md', text: moduleFile('Second', SECOND) },
  ];
  return buildCourse({ slug: 'c', path: 'c', files, media: [] });
}

describe('pools shared by the course', () => {
  it("copies the other modules' tagged questions and keys into a pool=course quiz, ids prefixed", () => {
    const { course, problems } = build('draw=scenario:2');
    expect(problems.map(formatProblem)).toEqual([]);
    const [first, second] = course!.modules;
    expect(first.quiz!.questions.map((q) => [q.id, q.number])).toEqual([
      ['local', 1],
      ['plain', 2],
      ['plain2', 3],
      ['second.expired', 4],
      ['second.family', 5],
    ]);
    expect(first.answerKey!['second.family']).toMatchObject({ type: 'short', accepted: ['identity'] });
    expect(first.answerKey!['second.expired']).toMatchObject({ type: 'single', correct: ['o1'] });
    expect(second.quiz!.questions.map((q) => q.id)).toEqual(['expired', 'recall', 'family']);
  });

  it('refuses a draw larger than the course-wide pool', () => {
    const { problems } = build('draw=scenario:4');
    expect(problems.map(formatProblem)).toEqual([
      'c/01-first.md:13:1 error draw=scenario:4 asks for more questions than the pool "scenario" has (3)',
    ]);
  });

  it('refuses an unknown pool value', () => {
    const { problems } = build('pool=everywhere draw=scenario:1');
    expect(problems.map((p) => p.message)).toContain('pool must be module or course, e.g. pool=course');
  });
});
