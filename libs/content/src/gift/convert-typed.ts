import { hasTolerance, parseNumericAnswer } from '../answer-text.js';
import type { GiftAnswer, GiftNumber, GiftPair } from './gift-answers.js';
import type { GiftText } from './gift-types.js';
import { joinLines } from './gift-html.js';
import { labelledFeedback, percent, quoted, type Conversion } from './karvan-draft.js';
import { escapeMarkdown, toMarkdownLine } from './markdown-text.js';

const OTHER = 'Any other answer';

/** Short answer: every answer with a positive weight is accepted; `*` wildcards cannot be. */
export function convertShort(answers: GiftAnswer[]): Conversion {
  const accepted: string[] = [];
  const feedback: string[] = [];
  const notes: string[] = [];
  /** Why each answer with a positive weight was left out: the reason a question with none is refused. */
  const refused: string[] = [];
  const leaveOut = (reason: string) => {
    notes.push(`${reason}: left out`);
    refused.push(reason);
  };
  let wildcards = 0;
  for (const answer of answers) {
    // Moodle compares answers as written, whatever their [format].
    const written = joinLines(answer.text.text);
    const wildcard = /(?:^|[^\\])\*/.test(written);
    // In Moodle "\*" is a literal asterisk.
    const text = written.replace(/\\\*/g, '*');
    if (answer.weight <= 0) {
      const label = written === '*' ? OTHER : `${quoted(escapeMarkdown(text))} (not accepted)`;
      feedback.push(...labelledFeedback(label, answer.feedback));
      if (wildcard) {
        const as = written === '*' ? ` as "${OTHER}"` : '';
        const kept = answer.feedback ? `; its feedback is kept${as}` : '';
        notes.push(
          `wildcard answer ${quoted(written)} (${percent(answer.weight)}) cannot be expressed: left out${kept}`,
        );
      }
    } else if (wildcard) {
      wildcards++;
      leaveOut(`answer ${quoted(written)} uses the * wildcard, which Karvan cannot express`);
    } else if (text === '') {
      notes.push('an empty answer left out');
      refused.push('the answer is empty');
    } else if (/<[a-z/!?]/i.test(text)) {
      // Answer lines are kept as written, not rendered, so escaping cannot make them safe.
      leaveOut(`answer ${quoted(text)} looks like HTML, which a typed answer cannot contain`);
    } else if (hasTolerance(text) && parseNumericAnswer(text) === null) {
      leaveOut(`answer ${quoted(text)} contains ± or +-, which Karvan reads as a tolerance`);
    } else {
      if (answer.weight < 100)
        notes.push(`partial credit lost: ${quoted(text)} (${percent(answer.weight)}) now counts as correct`);
      accepted.push(text);
      feedback.push(...labelledFeedback(quoted(escapeMarkdown(text)), answer.feedback));
    }
  }
  if (accepted.length === 0) {
    if (wildcards > 0 && wildcards === refused.length)
      return { skip: 'every accepted answer uses the * wildcard, which Karvan cannot express' };
    if (refused.length > 0) return { skip: `no answer could be taken: ${refused.join('; ')}` };
    return { skip: 'no answer has a positive weight, so none is accepted' };
  }
  // A GIFT short answer stays text even when it looks like a number ("1,500", "007"): only "#" makes a
  // numerical question. Karvan reads a quoted answer as text.
  const lines = accepted.map((a) => (parseNumericAnswer(a) !== null || /^".*"$/.test(a) ? `= "${a}"` : `= ${a}`));
  return { type: 'short', lines, feedback, notes };
}

/** Numerical: answers with a positive weight become numeric alternatives. */
export function convertNumeric(answers: GiftNumber[], otherFeedback: GiftText | null): Conversion {
  const lines: string[] = [];
  const feedback: string[] = [];
  const notes: string[] = [];
  for (const answer of answers) {
    const text = numberText(answer);
    if (text === null) return { skip: `the number ${answer.value} cannot be written as a decimal` };
    if (answer.weight <= 0) {
      feedback.push(...labelledFeedback(`${quoted(text)} (not accepted)`, answer.feedback));
      continue;
    }
    if (answer.weight < 100)
      notes.push(`partial credit lost: ${quoted(text)} (${percent(answer.weight)}) now counts as correct`);
    lines.push(`= ${text}`);
    feedback.push(...labelledFeedback(quoted(text), answer.feedback));
  }
  if (lines.length === 0) return { skip: 'no number has a positive weight, so none is accepted' };
  feedback.push(...labelledFeedback(OTHER, otherFeedback));
  return { type: 'numeric', lines, feedback, notes };
}

function numberText({ value, tolerance }: { value: number; tolerance: number }): string | null {
  const v = decimal(value);
  const t = decimal(tolerance);
  if (v === null || t === null) return null;
  return tolerance === 0 ? v : `${v} ± ${t}`;
}

/** Karvan reads plain decimals only, so exponents are written out. */
function decimal(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  const text = String(n);
  return /e/i.test(text) ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : text;
}

/** Matching: a pair with nothing on the left is a Moodle distractor, which Karvan has no place for. */
export function convertMatching(pairs: GiftPair[]): Conversion {
  const lines: string[] = [];
  const notes: string[] = [];
  const lefts = new Set<string>();
  for (const pair of pairs) {
    const left = toMarkdownLine(pair.left);
    const right = escapeMarkdown(joinLines(pair.right));
    if (right === '') return { skip: 'a pair has nothing after "->"' };
    if (left === '') {
      notes.push(
        `distractor ${quoted(right)} (a right-hand side with no item) dropped: Karvan matching has no extra choices`,
      );
      continue;
    }
    if (lefts.has(left)) return { skip: `${quoted(left)} appears twice on the left, which Karvan does not allow` };
    lefts.add(left);
    lines.push(`- ${left} -> ${right}`);
  }
  if (lines.length < 2) return { skip: 'matching needs at least two pairs with an item on the left' };
  return { type: 'matching', lines, feedback: [], notes };
}
