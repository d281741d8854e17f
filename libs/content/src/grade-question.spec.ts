import { gradeQuestion, parseQuiz, type PublicQuestion } from '@karvan/content';

const QUIZ = `::: quiz
1. Single {#single}
   - [ ] 2002
   - [x] 2007
   - [ ] 2013

2. Multiple {#multiple}
   - [x] a
   - [x] b
   - [x] c
   - [ ] d
   - [ ] e

3. Short {#short}
   = State Migration Service
   = Dövlət Miqrasiya Xidməti

4. Numeric {#numeric}
   = 281 ± 5
   = 0.3

5. Matching {#matching}
   - A -> 1
   - B -> 2
   - C -> 3
   - D -> 3
:::`;

const { quiz, key } = parseQuiz(QUIZ).parsed!;

function grade(id: string, response: Parameters<typeof gradeQuestion>[2]): number {
  const question = quiz.questions.find((q) => q.id === id) as PublicQuestion;
  return gradeQuestion(question, key[id], response);
}

function choiceId(text: string): string {
  const question = quiz.questions.find((q) => q.id === 'matching');
  if (question?.type !== 'matching') throw new Error('expected matching');
  return question.choices.find((c) => c.html === text)!.id;
}

describe('grading a question', () => {
  it('gives single choice all or nothing', () => {
    expect(grade('single', 'o2')).toBe(1);
    expect(grade('single', ['o2'])).toBe(1);
    expect(grade('single', 'o1')).toBe(0);
    expect(grade('single', ['o1', 'o2'])).toBe(0);
    expect(grade('single', null)).toBe(0);
  });

  it('gives partial credit for multiple choice: right minus wrong over the number right, never below 0', () => {
    expect(grade('multiple', ['o1', 'o2', 'o3'])).toBe(1);
    expect(grade('multiple', ['o3', 'o1', 'o2', 'o1'])).toBe(1);
    expect(grade('multiple', ['o1', 'o2'])).toBeCloseTo(2 / 3);
    expect(grade('multiple', ['o1', 'o2', 'o3', 'o4'])).toBeCloseTo(2 / 3);
    expect(grade('multiple', ['o1', 'o4'])).toBe(0);
    expect(grade('multiple', ['o4', 'o5'])).toBe(0);
    expect(grade('multiple', ['o1', 'o2', 'o3', 'o4', 'o5'])).toBeCloseTo(1 / 3);
    expect(grade('multiple', ['o1', 'not-an-option'])).toBeCloseTo(1 / 3);
    expect(grade('multiple', [])).toBe(0);
  });

  it('matches short answers ignoring case and spaces, against every alternative', () => {
    expect(grade('short', 'State Migration Service')).toBe(1);
    expect(grade('short', '  state   migration service ')).toBe(1);
    expect(grade('short', 'STATEMIGRATIONSERVICE')).toBe(1);
    expect(grade('short', 'DÖVLƏT MİQRASİYA XİDMƏTİ')).toBe(1);
    expect(grade('short', 'State Border Service')).toBe(0);
    expect(grade('short', ['State Migration Service'])).toBe(0);
  });

  it('accepts numbers within the tolerance, with a comma as decimal separator', () => {
    expect(grade('numeric', '281')).toBe(1);
    expect(grade('numeric', '276')).toBe(1);
    expect(grade('numeric', '286,0')).toBe(1);
    expect(grade('numeric', '286.01')).toBe(0);
    expect(grade('numeric', '275')).toBe(0);
    expect(grade('numeric', '0,3')).toBe(1);
    expect(grade('numeric', String(0.1 + 0.2))).toBe(1);
    expect(grade('numeric', 'about 281')).toBe(0);
    expect(grade('numeric', '')).toBe(0);
  });

  it('gives the fraction of pairs matched right', () => {
    const all = { l1: choiceId('1'), l2: choiceId('2'), l3: choiceId('3'), l4: choiceId('3') };
    expect(grade('matching', all)).toBe(1);
    expect(grade('matching', { ...all, l1: choiceId('2'), l2: choiceId('1') })).toBe(0.5);
    expect(grade('matching', { l3: choiceId('3') })).toBe(0.25);
    expect(grade('matching', {})).toBe(0);
    expect(grade('matching', 'l1')).toBe(0);
  });

  it('scores 0 when the key is for another type of question', () => {
    const single = quiz.questions[0];
    expect(gradeQuestion(single, key.short, 'State Migration Service')).toBe(0);
  });
});
