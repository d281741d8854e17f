import { englishMessage, type ProblemCode, type ProblemParams, type ProblemText } from './problem-messages.js';

export type Severity = 'error' | 'warning';

/** One finding of the checker, pointing at a place in an original file (1-based line and column). */
export interface Problem {
  path: string;
  line: number;
  column: number;
  severity: Severity;
  /** Stable: pages and the API translate the problem by its code and parameters. */
  code: ProblemCode;
  params: ProblemParams;
  /** The English text, for the command line and logs. */
  message: string;
}

export function problem(
  path: string,
  line: number,
  column: number,
  severity: Severity,
  code: ProblemCode,
  params: ProblemParams = {},
): Problem {
  const place = { path, line: Math.max(1, line), column: Math.max(1, column), severity };
  return { ...place, code, params, message: englishMessage(code, params) };
}

/** A problem from a code and parameters found before the place was known. */
export function problemAt(path: string, line: number, column: number, severity: Severity, text: ProblemText): Problem {
  return problem(path, line, column, severity, text.code, text.params);
}

export function formatProblem(p: Problem): string {
  return `${p.path}:${p.line}:${p.column} ${p.severity} ${p.message}`;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      a.message.localeCompare(b.message),
  );
}

export function hasErrors(problems: Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
