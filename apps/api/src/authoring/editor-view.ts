import { diffLines } from 'diff';
import type { ContentProblem } from '@karvan/domain';

export interface DiffLine {
  kind: 'added' | 'removed' | 'same';
  text: string;
}

/** Line-by-line difference between two revisions, for the history page. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const part of diffLines(before, after)) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    for (const text of part.value.replace(/\n$/, '').split('\n')) lines.push({ kind, text });
  }
  return lines;
}

export interface AnnotatedLine {
  number: number;
  text: string;
  problems: ContentProblem[];
}

/** The lines that have problems, each with its messages, to show the checker beside the text. */
export function problemsByLine(markdown: string, problems: ContentProblem[]): AnnotatedLine[] {
  const lines = markdown.split('\n');
  const byLine = new Map<number, ContentProblem[]>();
  for (const problem of problems) byLine.set(problem.line, [...(byLine.get(problem.line) ?? []), problem]);
  return [...byLine.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, list]) => ({ number, text: lines[number - 1] ?? '', problems: list }));
}
