import { formatProblem } from '../problem.js';
import { parseQuiz, type ParsedQuiz } from '../quiz-parser.js';
import { exportGift, importGift } from './index.js';

const QUIZ = `::: quiz
1. When was the State Migration Service established? {#sms-year}
   - [ ] 2002
   - [x] 2007
   - [ ] 2013
   > Established by presidential decree on 19 March 2007.

2. Select all agreements that entered into force on 1 September 2014.
   - [x] The visa facilitation agreement
   - [x] The readmission agreement
   - [ ] The Partnership and Cooperation Agreement

3. Is a = b, c ~ d, #1 \\{x\\}: 2 < 3 & 50% \\*true\\*? {#special-characters}
   - [x] True
   - [ ] False
   > Yes: 2 \\< 3 \\& \\#tags {stay}.

4. Which body is the single window? {#single-window}
   = SMS
   = State Migration Service
   = a*b

5. In which year did the Migration Code enter into force?
   = 2013

6. About how many international migrants were there in 2020, in millions?
   = 281 ± 5
   = 0,5 +- 0,25

7. Match each institution to the year it was created. {#match-years}
   - State Border Service -> 2002
   - State Migration Service -> 2007
   - Customs: the \\[x\\] office -> 2002
   > Both services date from the 2000s.
:::
`;

function parsed(markdown: string): ParsedQuiz {
  const result = parseQuiz(markdown);
  expect(result.problems.map(formatProblem)).toEqual([]);
  return result.parsed!;
}

describe('GIFT export then import', () => {
  const original = parsed(QUIZ);
  const gift = exportGift(original.quiz, original.key);
  const back = importGift(gift);

  it('takes every question without loss', () => {
    expect(back.skipped).toEqual([]);
    expect(back.taken.map((t) => [t.title, t.type, t.reason])).toEqual([
      ['sms-year', 'single', undefined],
      ['2', 'multiple', undefined],
      ['special-characters', 'single', undefined],
      ['single-window', 'short', undefined],
      ['5', 'numeric', undefined],
      ['6', 'numeric', undefined],
      ['match-years', 'matching', undefined],
    ]);
  });

  it('gives back the same questions, types, answers and feedback', () => {
    const again = parsed(back.markdown);
    expect(again.quiz.questions).toEqual(original.quiz.questions);
    expect(again.key).toEqual(original.key);
  });

  it('is stable: exporting the imported quiz gives the same GIFT', () => {
    const again = parsed(back.markdown);
    expect(exportGift(again.quiz, again.key)).toBe(gift);
  });
});
