import { normaliseAnswer } from './answer-text.js';
import { numberFor, readNumber } from './number-reading.js';
import type { KeyEntry, PublicQuestion, QuestionResponse } from './quiz-model.js';

/**
 * Score of one response from 0 to 1. Responses come from trainees, so any shape is accepted and
 * anything unexpected scores 0.
 */
export function gradeQuestion(question: PublicQuestion, key: KeyEntry, response: QuestionResponse): number {
  if (question.type !== key.type) return 0;
  switch (key.type) {
    case 'single':
      return gradeSingle(key.correct, response);
    case 'multiple':
      return question.type === 'multiple' ? gradeMultiple(question.options, key.correct, response) : 0;
    case 'short':
      return typeof response === 'string' && key.accepted.some((a) => sameText(a, response)) ? 1 : 0;
    case 'numeric':
      return gradeNumeric(key.accepted, response);
    case 'matching':
      return question.type === 'matching' ? gradeMatching(question.items, key.pairs, response) : 0;
    case 'essay':
      // A trainer grades it; until then it has earned nothing.
      return 0;
  }
}

function gradeSingle(correct: string[], response: QuestionResponse): number {
  const chosen = Array.isArray(response) && response.length === 1 ? response[0] : response;
  return typeof chosen === 'string' && correct.includes(chosen) ? 1 : 0;
}

/** Partial credit: (right choices − wrong choices) / number of right options, never below 0. */
function gradeMultiple(options: { id: string }[], correct: string[], response: QuestionResponse): number {
  const list = Array.isArray(response) ? response : typeof response === 'string' ? [response] : [];
  const chosen = new Set(list.filter((id) => options.some((o) => o.id === id)));
  const right = [...chosen].filter((id) => correct.includes(id)).length;
  const wrong = chosen.size - right;
  return correct.length === 0 ? 0 : Math.max(0, (right - wrong) / correct.length);
}

function gradeNumeric(accepted: { value: number; tolerance: number }[], response: QuestionResponse): number {
  const reading = typeof response === 'string' ? readNumber(response) : null;
  if (reading === null) return 0;
  const whole = accepted.every((a) => Number.isInteger(a.value) && Number.isInteger(a.tolerance));
  const x = numberFor(reading, whole);
  // Leave room for binary rounding: 0.1 + 0.2 is within 0.3 ± 0.
  return accepted.some((a) => Math.abs(x - a.value) <= a.tolerance + 1e-9 * Math.max(1, Math.abs(a.value))) ? 1 : 0;
}

function gradeMatching(items: { id: string }[], pairs: Record<string, string>, response: QuestionResponse): number {
  if (!response || typeof response !== 'object' || Array.isArray(response) || items.length === 0) return 0;
  const right = items.filter((item) => Object.hasOwn(response, item.id) && response[item.id] === pairs[item.id]);
  return right.length / items.length;
}

function sameText(a: string, b: string): boolean {
  return normaliseAnswer(a) === normaliseAnswer(b);
}
