import { diffLines } from 'diff';
import { plainLineEnds } from '@karvan/content';
import { localiseProblems, type ContentProblem, type Locale } from '@karvan/domain';

export interface DiffLine {
  kind: 'added' | 'removed' | 'same' | 'skipped';
  text: string;
  /** Line number in the older revision (removed, same) and in the newer one (added, same). */
  before?: number;
  after?: number;
  /** For a skipped run: how many unchanged lines it stands for. */
  count?: number;
}

/** Unchanged lines kept around each change; longer unchanged runs are folded into one line. */
const CONTEXT = 3;

/** Line-by-line difference between two revisions, for the history page. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const lines: DiffLine[] = [];
  let old = 0;
  let now = 0;
  // Revisions saved before line ends were made plain (a browser sends CRLF) differ from later ones
  // in every line's end only: not a change anyone made.
  for (const part of diffLines(plainLineEnds(before), plainLineEnds(after))) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    for (const text of part.value.replace(/\n$/, '').split('\n')) {
      if (kind !== 'added') old += 1;
      if (kind !== 'removed') now += 1;
      lines.push({
        kind,
        text,
        before: kind === 'added' ? undefined : old,
        after: kind === 'removed' ? undefined : now,
      });
    }
  }
  return foldUnchanged(lines);
}

function foldUnchanged(lines: DiffLine[]): DiffLine[] {
  const changed = lines.map((l, i) => (l.kind === 'same' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return lines;
  const near = (i: number) => changed.some((c) => Math.abs(c - i) <= CONTEXT);
  const folded: DiffLine[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.kind !== 'same' || near(i)) folded.push(line);
    else if (folded.at(-1)?.kind === 'skipped') folded.at(-1)!.count! += 1;
    else folded.push({ kind: 'skipped', text: '', count: 1 });
  }
  return folded;
}

export interface AnnotatedLine {
  number: number;
  text: string;
  problems: ContentProblem[];
}

/** The lines that have problems, each with its messages in `locale`, to show the checker beside the text. */
export function problemsByLine(markdown: string, problems: ContentProblem[], locale: Locale): AnnotatedLine[] {
  const lines = markdown.split('\n');
  const byLine = new Map<number, ContentProblem[]>();
  for (const problem of localiseProblems(locale, problems))
    byLine.set(problem.line, [...(byLine.get(problem.line) ?? []), problem]);
  return [...byLine.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, list]) => ({ number, text: lines[number - 1] ?? '', problems: list }));
}
