import { parseQuiz } from '../quiz-parser.js';
import type { QuizModel } from '../quiz-model.js';
import { exportGift, importGift } from './index.js';

function gift(markdown: string): string {
  const { parsed } = parseQuiz(`::: quiz\n${markdown}\n:::`);
  return exportGift(parsed!.quiz, parsed!.key);
}

describe('exporting a quiz to GIFT', () => {
  it('writes single choice with "=" and "~", ids as titles and feedback as general feedback', () => {
    const text = gift(
      '1. When was the **SMS** established? {#sms-year}\n   - [ ] 2002\n   - [x] 2007\n   > By decree.',
    );
    expect(text).toBe('::sms-year::When was the SMS established? {\n\t~2002\n\t=2007\n\t####By decree.\n}\n');
  });

  it('writes multiple choice with weights that total 100 and -100 for wrong answers', () => {
    expect(gift('1. Pick.\n   - [x] a\n   - [ ] b\n   - [x] c\n   - [x] d')).toBe(
      '::1::Pick. {\n\t~%33.33333%a\n\t~%-100%b\n\t~%33.33333%c\n\t~%33.33333%d\n}\n',
    );
    const many = Array.from({ length: 12 }, (_, i) => `   - [x] o${i}`).join('\n');
    const weights = [...gift(`1. Pick.\n${many}\n   - [ ] no`).matchAll(/~%(-?[\d.]+)%/g)].map((m) => Number(m[1]));
    expect(weights.filter((w) => w > 0).reduce((a, b) => a + b)).toBe(100);
    expect(new Set(weights)).toEqual(new Set([10, 5, -100]));
  });

  it('writes true/false as {TRUE} or {FALSE}', () => {
    expect(gift('1. Green?\n   - [x] True\n   - [ ] False')).toBe('::1::Green? {\n\tTRUE\n}\n');
    expect(gift('1. Red?\n   - [ ] True\n   - [x] False\n   > No.')).toBe('::1::Red? {\n\tFALSE\n\t####No.\n}\n');
  });

  it('writes short answers as "=" alternatives, with "*" kept literal', () => {
    expect(gift('1. Body?\n   = SMS\n   = State Migration Service\n   = a*b')).toBe(
      '::1::Body? {\n\t=SMS\n\t=State Migration Service\n\t=a\\*b\n}\n',
    );
  });

  it('writes numeric answers with their tolerance, several as "=" alternatives', () => {
    expect(gift('1. Year?\n   = 2013')).toBe('::1::Year? {\n\t#2013:0\n}\n');
    expect(gift('1. Millions?\n   = 281 ± 5')).toBe('::1::Millions? {\n\t#281:5\n}\n');
    expect(gift('1. Either?\n   = 1,5 +- 0,5\n   = -3')).toBe('::1::Either? {\n\t#\n\t=1.5:0.5\n\t=-3:0\n}\n');
  });

  it('writes matching pairs as "=left -> right"', () => {
    expect(gift('1. Match.\n   - Border Service -> 2002\n   - Migration Service -> 2007\n   - Customs -> 2002')).toBe(
      '::1::Match. {\n\t=Border Service -> 2002\n\t=Migration Service -> 2007\n\t=Customs -> 2002\n}\n',
    );
  });

  it('escapes GIFT special characters and marks text with markup characters [plain]', () => {
    const text = gift(
      '1. Is a = b, c ~ d, #1 \\{x\\}: true & 1 < 2?\n   - [x] 50% \\\\ ok\n   - [ ] %50% off\n   - [ ] \\[html\\] tag\n   > Line one.\n   >\n   > Line two.',
    );
    expect(text).toBe(
      '::1::[plain]Is a \\= b, c \\~ d, \\#1 \\{x\\}\\: true & 1 < 2? {\n' +
        '\t=50% \\\\ ok\n\t~%0%%50% off\n\t~[plain][html] tag\n\t####Line one.\\nLine two.\n}\n',
    );
  });

  it('writes an essay as an empty answer block, its feedback as general feedback, and reads it back', () => {
    expect(gift('1. Explain readmission. {#why}\n   = [essay points=10]')).toBe('::why::Explain readmission. {}\n');
    const withFeedback = gift('1. Explain.\n   = [essay points=5 file]\n   - [5] Clear\n   > Name the parties.');
    expect(withFeedback).toBe('::1::Explain. {\n\t####Name the parties.\n}\n');
    const back = importGift(withFeedback);
    expect(back.taken).toMatchObject([{ type: 'essay' }]);
    expect(parseQuiz(back.markdown).parsed!.key['1']).toMatchObject({
      type: 'essay',
      feedbackHtml: expect.stringContaining('Name the parties'),
    });
  });

  it('separates questions with a blank line', () => {
    expect(gift('1. A?\n   = a\n\n2. B?\n   = b')).toBe('::1::A? {\n\t=a\n}\n\n::2::B? {\n\t=b\n}\n');
  });

  it('refuses a question without its answer key', () => {
    const quiz = { questions: [{ id: 'x', number: 1, promptHtml: 'Q', points: 1, type: 'short' }] } as QuizModel;
    expect(() => exportGift(quiz, {})).toThrow('the answer key has no short entry for question "x"');
  });
});
