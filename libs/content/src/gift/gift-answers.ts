import { restoreEscapes } from './gift-escapes.js';
import { readFormatted } from './gift-lexer.js';
import type { GiftFormat, GiftText } from './gift-types.js';

export interface GiftAnswer {
  text: GiftText;
  /** Percent of the mark this answer earns. */
  weight: number;
  feedback: GiftText | null;
}

export interface GiftNumber {
  value: number;
  tolerance: number;
  weight: number;
  feedback: GiftText | null;
}

export interface GiftPair {
  left: GiftText;
  /** Moodle keeps the right-hand side as plain text. */
  right: string;
}

export type GiftBody =
  | { kind: 'essay' }
  | { kind: 'truefalse'; correct: boolean; wrongFeedback: GiftText | null; rightFeedback: GiftText | null }
  | { kind: 'multichoice'; single: boolean; answers: GiftAnswer[] }
  | { kind: 'shortanswer'; answers: GiftAnswer[] }
  | { kind: 'numerical'; answers: GiftNumber[]; otherFeedback: GiftText | null }
  | { kind: 'matching'; pairs: GiftPair[] };

export type GiftKind = GiftBody['kind'];

const WEIGHT = /^%(-?\d+(?:\.\d+)?)%/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** The kind of question an answer block (escapes protected) makes, decided in Moodle's order. */
export function giftKind(answers: string): GiftKind {
  if (answers === '') return 'essay';
  if (answers.startsWith('#')) return 'numerical';
  if (answers.includes('~')) return 'multichoice';
  if (answers.includes('=') && answers.includes('->')) return 'matching';
  return /^(?:T|TRUE|F|FALSE)$/.test(answers.split('#')[0].trim()) ? 'truefalse' : 'shortanswer';
}

/** Reads an answer block; answers and feedback default to the question text's format. */
export function readAnswerBlock(answers: string, format: GiftFormat): GiftBody | { error: string } {
  switch (giftKind(answers)) {
    case 'essay':
      return { kind: 'essay' };
    case 'numerical':
      return readNumerical(answers.slice(1), format);
    case 'multichoice': {
      // Moodle: "=" makes a single-choice question; only "~" answers carry weights there.
      const pieces = split(answers, '~=');
      const list = pieces.map((p) => readAnswer(p.body, format, p.marker === '=' ? 100 : 0, p.marker !== '='));
      return { kind: 'multichoice', single: answers.includes('='), answers: list };
    }
    case 'matching':
      return readPairs(answers, format);
    case 'truefalse':
      return readTrueFalse(answers, format);
    case 'shortanswer':
      return { kind: 'shortanswer', answers: split(answers, '=').map((p) => readAnswer(p.body, format, 100, true)) };
  }
}

function readAnswer(body: string, format: GiftFormat, weight: number, weighted: boolean): GiftAnswer {
  const written = weighted ? WEIGHT.exec(body) : null;
  const rest = written ? body.slice(written[0].length) : body;
  const [text, feedback] = splitOnce(rest, '#');
  return {
    text: readFormatted(text, format),
    weight: written ? Number(written[1]) : weight,
    feedback: readFeedback(feedback, format),
  };
}

function readTrueFalse(answers: string, format: GiftFormat): GiftBody {
  const [value, feedback] = splitOnce(answers, '#');
  const [wrong, right] = splitOnce(feedback ?? '', '#');
  return {
    kind: 'truefalse',
    correct: value.trim().startsWith('T'),
    wrongFeedback: readFeedback(feedback === null ? null : wrong, format),
    rightFeedback: readFeedback(right, format),
  };
}

function readPairs(answers: string, format: GiftFormat): GiftBody | { error: string } {
  const pairs: GiftPair[] = [];
  for (const { body } of split(answers, '=')) {
    const arrow = body.indexOf('->');
    if (arrow < 0) return { error: `a matching answer without "->": "${restoreEscapes(body)}"` };
    pairs.push({
      left: readFormatted(body.slice(0, arrow), format),
      right: restoreEscapes(body.slice(arrow + 2)).trim(),
    });
  }
  return { kind: 'matching', pairs };
}

function readNumerical(text: string, format: GiftFormat): GiftBody | { error: string } {
  // "~#feedback" after the answers is the feedback for any other answer.
  const [main, other] = splitOnce(text, '~');
  const answers: GiftNumber[] = [];
  for (const { body } of split(main, '=')) {
    const weight = WEIGHT.exec(body);
    const [written, feedback] = splitOnce(weight ? body.slice(weight[0].length) : body, '#');
    const range = readRange(restoreEscapes(written).trim());
    if (typeof range === 'string') return { error: range };
    answers.push({ ...range, weight: weight ? Number(weight[1]) : 100, feedback: readFeedback(feedback, format) });
  }
  if (answers.length === 0) return { error: 'a numerical question with no number' };
  const otherFeedback = other === null ? null : readFeedback(splitOnce(other, '#')[1], format);
  return { kind: 'numerical', answers, otherFeedback };
}

/** `2013`, `281:5` (tolerance) or `1..5` (range), as value and tolerance; a string says what is wrong. */
function readRange(written: string): { value: number; tolerance: number } | string {
  const dots = written.indexOf('..');
  const colon = written.indexOf(':');
  const [a, b] =
    dots > 0 ? [written.slice(0, dots), written.slice(dots + 2)] : colon > 0 ? written.split(':', 2) : [written, '0'];
  const [first, second] = [a.trim(), b.trim()];
  if (!NUMBER.test(first) || !NUMBER.test(second))
    return `"${written}" is not a number, "number:tolerance" or "min..max"`;
  if (dots < 0) return { value: Number(first), tolerance: Math.abs(Number(second)) };
  const value = tidy((Number(first) + Number(second)) / 2);
  return { value, tolerance: tidy(Math.abs(Number(second) - value)) };
}

/** Drops binary noise such as 0.30000000000000004 from computed midpoints. */
function tidy(n: number): number {
  return Number(n.toPrecision(12));
}

function readFeedback(text: string | null, format: GiftFormat): GiftText | null {
  if (text === null) return null;
  const feedback = readFormatted(text, format);
  return feedback.text === '' ? null : feedback;
}

/** Splits at every marker character, keeping which one; text before the first marker is an answer too. */
function split(text: string, markers: string): { marker: string; body: string }[] {
  const pieces: { marker: string; body: string }[] = [];
  let marker = '';
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !markers.includes(text[i])) continue;
    const body = text.slice(start, i).trim();
    if (marker !== '' || body !== '') pieces.push({ marker, body });
    marker = text[i] ?? '';
    start = i + 1;
  }
  return pieces;
}

function splitOnce(text: string, separator: string): [string, string | null] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, null] : [text.slice(0, at), text.slice(at + separator.length)];
}
