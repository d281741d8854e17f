/** A `::: quiz` block found in a module body; lines are body lines (1-based). */
export interface QuizBlock {
  /** Text after `::: quiz` on the opening line. */
  attributes: string;
  /** Body line of `::: quiz`. */
  line: number;
  /** Column where the attributes start on that line. */
  attributesColumn: number;
  /** Lines between the opening and the closing `:::`. */
  lines: string[];
  /** Body line of the closing `:::`, or null when the block is never closed. */
  closingLine: number | null;
}

export interface SplitBody {
  /** The body with every quiz block replaced by blank lines, so line numbers stay the same. */
  text: string;
  quizzes: QuizBlock[];
}

const OPEN = /^ {0,3}:::\s*quiz(?=\s|$)(.*)$/;
const CLOSE = /^ {0,3}:::\s*$/;
/** A fence line: its marker, and what follows it (an opening fence's info string). */
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** Cuts the quiz blocks out of a module body; quizzes inside code fences are left alone. */
export function splitQuiz(body: string): SplitBody {
  const lines = body.split('\n');
  const quizzes: QuizBlock[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const fenceMatch = FENCE.exec(lines[i]);
    if (fenceMatch) {
      const [, marker, rest] = fenceMatch;
      if (fence === null) {
        // A backtick fence's info string may not contain a backtick (CommonMark): "```a```" is code, not a fence.
        if (marker[0] === '~' || !rest.includes('`')) fence = marker;
      } else if (marker[0] === fence[0] && marker.length >= fence.length && rest.trim() === '') {
        // Only a bare marker closes (CommonMark): "```js" inside a fence is a line of its text.
        fence = null;
      }
      continue;
    }
    const open = fence === null ? OPEN.exec(lines[i]) : null;
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && !CLOSE.test(lines[end])) end++;
    const closed = end < lines.length;
    quizzes.push({
      attributes: open[1],
      line: i + 1,
      attributesColumn: lines[i].length - open[1].length + 1,
      lines: lines.slice(i + 1, end),
      closingLine: closed ? end + 1 : null,
    });
    const last = closed ? end : lines.length - 1;
    for (let j = i; j <= last; j++) lines[j] = '';
    i = last;
  }
  return { text: lines.join('\n'), quizzes };
}
