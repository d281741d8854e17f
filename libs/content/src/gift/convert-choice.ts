import type { GiftAnswer } from './gift-answers.js';
import type { GiftText } from './gift-types.js';
import { labelledFeedback, percent, quoted, type Conversion } from './karvan-draft.js';
import { toMarkdownLine } from './markdown-text.js';

/** Moodle multiple choice: single when an answer starts with "=", else multiple response by weight. */
export function convertChoice(answers: GiftAnswer[], single: boolean): Conversion {
  const texts = answers.map((a) => toMarkdownLine(a.text));
  if (answers.length < 2) return { skip: 'a choice question needs at least two answers' };
  if (texts.includes('')) return { skip: 'an answer has no text' };
  const marked = single ? markSingle(answers, texts) : markMultiple(answers, texts);
  if ('skip' in marked) return marked;
  const { correct, notes } = marked;
  return {
    type: correct.filter(Boolean).length > 1 ? 'multiple' : 'single',
    lines: texts.map((text, i) => `- [${correct[i] ? 'x' : ' '}] ${text}`),
    feedback: answers.flatMap((a, i) => labelledFeedback(quoted(texts[i]), a.feedback)),
    notes,
  };
}

type Marked = { correct: boolean[]; notes: string[] } | { skip: string };

function markSingle(answers: GiftAnswer[], texts: string[]): Marked {
  const correct = answers.map((a) => a.weight >= 100);
  const count = correct.filter(Boolean).length;
  if (count === 0) return { skip: 'no answer is marked correct with "="' };
  if (count > 1) {
    return { skip: 'several answers are fully correct in a single-choice question, which Karvan cannot express' };
  }
  const partial = answers.flatMap((a, i) => (a.weight > 0 && a.weight < 100 ? [weighted(texts[i], a)] : []));
  const notes = partial.length > 0 ? [`partial credit lost: ${partial.join(', ')} now count as wrong`] : [];
  return { correct, notes };
}

function markMultiple(answers: GiftAnswer[], texts: string[]): Marked {
  const correct = answers.map((a) => a.weight > 0);
  const positive = answers.filter((a) => a.weight > 0);
  if (positive.length === 0) return { skip: 'no answer has a positive weight, so none is correct' };
  const notes: string[] = [];
  if (positive.some((a) => Math.abs(a.weight - positive[0].weight) > 0.01)) {
    const list = answers.flatMap((a, i) => (a.weight > 0 ? [weighted(texts[i], a)] : []));
    notes.push(`partial weights lost: ${list.join(', ')}; each correct answer now counts equally`);
  }
  if (positive.length === 1) notes.push('only one answer has a positive weight: imported as single choice');
  return { correct, notes };
}

function weighted(text: string, answer: GiftAnswer): string {
  return `${quoted(text)} (${percent(answer.weight)})`;
}

/** True/false becomes single choice between "True" and "False". */
export function convertTrueFalse(
  correct: boolean,
  wrongFeedback: GiftText | null,
  rightFeedback: GiftText | null,
): Conversion {
  // Moodle's first feedback is for a wrong answer, the second for a right one.
  const [forTrue, forFalse] = correct ? [rightFeedback, wrongFeedback] : [wrongFeedback, rightFeedback];
  return {
    type: 'single',
    lines: [`- [${correct ? 'x' : ' '}] True`, `- [${correct ? ' ' : 'x'}] False`],
    feedback: [...labelledFeedback(quoted('True'), forTrue), ...labelledFeedback(quoted('False'), forFalse)],
    notes: [],
  };
}
