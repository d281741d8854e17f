import type { PublicQuestion, QuestionResponse } from '@karvan/content';
import { LearningError, LearningErrorCode } from './learning.errors.js';

/** Longest typed answer accepted; a short or numeric answer is a word or a number. */
export const MAX_TEXT_ANSWER = 1000;
/** Longest essay accepted: some 8,000 words. */
export const MAX_ESSAY_ANSWER = 50_000;

/** A response in the one shape its question type takes; null when unanswered. */
export type CheckedResponse = string | string[] | Record<string, string> | null;

type Fail = (message: string) => null;

/**
 * Checks a submission against the questions of its attempt and brings each response to its
 * type's shape. Missing answers are fine (they score 0); unknown ids are refused, all at once.
 */
export function checkResponses(questions: PublicQuestion[], responses: unknown): Map<string, CheckedResponse> {
  if (responses === null || typeof responses !== 'object' || Array.isArray(responses)) {
    throw invalid({ responses: 'Send the answers as an object with a question id as each key.' });
  }
  const given = responses as Record<string, QuestionResponse | number>;
  const ids = new Set(questions.map((q) => q.id));
  const problems: Record<string, string> = {};
  for (const id of Object.keys(given)) {
    if (!ids.has(id)) problems[id] = `There is no question "${id}" in this quiz.`;
  }
  const checked = new Map<string, CheckedResponse>();
  for (const question of questions) {
    const fail: Fail = (message) => {
      problems[question.id] = `Question ${question.number}${message}`;
      return null;
    };
    const raw = Object.hasOwn(given, question.id) ? given[question.id] : null;
    checked.set(question.id, raw === null || raw === undefined || raw === '' ? null : checkOne(question, raw, fail));
  }
  if (Object.keys(problems).length > 0) throw invalid(problems);
  return checked;
}

function checkOne(question: PublicQuestion, raw: unknown, fail: Fail): CheckedResponse {
  switch (question.type) {
    case 'single': {
      const list = Array.isArray(raw) ? raw : [raw];
      if (list.length > 1) return fail(' takes one option: choose only one.');
      if (list.length === 0) return null;
      return known(list, question.options, 'options', fail) ? (list[0] as string) : null;
    }
    case 'multiple': {
      const list = Array.isArray(raw) ? raw : [raw];
      return known(list, question.options, 'options', fail) ? [...new Set(list as string[])] : null;
    }
    case 'short':
    case 'numeric': {
      const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
      if (typeof text !== 'string' || text.length > MAX_TEXT_ANSWER) {
        return fail(` takes a typed answer of at most ${MAX_TEXT_ANSWER} characters.`);
      }
      return text.trim() === '' ? null : text;
    }
    case 'essay': {
      if (typeof raw !== 'string' || raw.length > MAX_ESSAY_ANSWER) {
        return fail(` takes a text of at most ${MAX_ESSAY_ANSWER} characters.`);
      }
      // Browsers send a textarea's line breaks as CRLF; the essay keeps them as plain newlines.
      return raw.trim() === '' ? null : raw.replace(/\r\n?/g, '\n');
    }
    case 'matching': {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        return fail(' takes an object that pairs each item id with a choice id.');
      }
      const pairs = Object.entries(raw).filter(([, choice]) => choice !== null && choice !== '');
      const ok =
        known(
          pairs.map(([item]) => item),
          question.items,
          'items',
          fail,
        ) &&
        known(
          pairs.map(([, choice]) => choice as unknown),
          question.choices,
          'choices',
          fail,
        );
      return ok ? Object.fromEntries(pairs as Array<[string, string]>) : null;
    }
  }
}

/** True when every value is one of `options`' ids; otherwise reports the first that is not. */
function known(values: unknown[], options: { id: string }[], what: string, fail: Fail): boolean {
  const ids = options.map((o) => o.id);
  const bad = values.find((value) => typeof value !== 'string' || !ids.includes(value));
  if (bad === undefined) return true;
  fail(`: ${JSON.stringify(bad) ?? 'an empty value'} is not one of its ${what} (${ids.join(', ')}).`);
  return false;
}

function invalid(problems: Record<string, string>): LearningError {
  const messages = Object.values(problems);
  const message =
    messages.length === 1
      ? messages[0]
      : `${messages.length} answers do not fit their questions: ${messages.join(' ')}`;
  return new LearningError(LearningErrorCode.InvalidResponses, message, problems);
}
