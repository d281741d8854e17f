import { PROBLEM_MESSAGES, type Problem } from '@karvan/content';
import type { Locale } from '../shared/locale.js';
import { translate } from './translate.js';

/** The checker's codes, for the catalogue completeness test. */
export const CHECKER_CODES = Object.keys(PROBLEM_MESSAGES);

/** A checker problem as pages and the API show it: its code and parameters, and a message in `locale`. */
export function localiseProblem<T extends Pick<Problem, 'code' | 'params' | 'message'>>(locale: Locale, problem: T): T {
  return { ...problem, message: translate(locale, `checker.${problem.code}`, problem.params) };
}

export function localiseProblems<T extends Pick<Problem, 'code' | 'params' | 'message'>>(
  locale: Locale,
  problems: T[],
): T[] {
  return problems.map((p) => localiseProblem(locale, p));
}
