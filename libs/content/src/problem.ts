export type Severity = 'error' | 'warning';

/** One finding of the checker, pointing at a place in an original file (1-based line and column). */
export interface Problem {
  path: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
}

export function problem(path: string, line: number, column: number, severity: Severity, message: string): Problem {
  return { path, line: Math.max(1, line), column: Math.max(1, column), severity, message };
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
