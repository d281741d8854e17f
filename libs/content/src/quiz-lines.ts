import { problem, type Problem } from './problem.js';
import type { ProblemCode } from './problem-messages.js';

/** A line of a quiz block with its line number in the original file. */
interface Located {
  text: string;
  line: number;
}

/** One question as written, before it is typed and checked. */
export interface QuestionDraft {
  /** The number written before `.`, used as the id when there is no `{#id}`. */
  writtenNumber: string;
  line: number;
  prompt: string[];
  options: (Located & { correct: boolean })[];
  answers: Located[];
  pairs: (Located & { left: string; right: string })[];
  /** An essay's rubric: `- [4] what the grader looks for`. */
  criteria: (Located & { points: number })[];
  feedback: string[];
}

const QUESTION = /^ {0,3}(\d{1,9})[.)](?:\s+(.*))?$/;
const OPTION = /^\s*[-*+]\s+\[([ xX])\](?:\s+(.*))?$/;
const CRITERION = /^\s*[-*+]\s+\[(\d{1,4})\](?:\s+(.*))?$/;
const PAIR = /^\s*[-*+]\s+(.*?)\s*->\s*(.*)$/;
const BULLET = /^\s*[-*+]\s/;
const ANSWER = /^\s*=(?:\s+(.*)|\s*)$/;
const FEEDBACK = /^\s*>\s?(.*)$/;

/** Splits the lines of a quiz block into question drafts; `firstLine` is the file line of `lines[0]`. */
export function readQuestionDrafts(
  path: string,
  lines: string[],
  firstLine: number,
  problems: Problem[],
): QuestionDraft[] {
  const drafts: QuestionDraft[] = [];
  let current: QuestionDraft | undefined;
  let previousBlank = true;
  lines.forEach((text, i) => {
    const line = firstLine + i;
    const fail = (code: ProblemCode) => problems.push(problem(path, line, text.search(/\S/) + 1, 'error', code));
    const question = QUESTION.exec(text);
    if (question) {
      current = {
        writtenNumber: question[1],
        line,
        prompt: [question[2] ?? ''],
        options: [],
        answers: [],
        pairs: [],
        criteria: [],
        feedback: [],
      };
      drafts.push(current);
    } else if (text.trim() === '') {
      if (current && current.feedback.length > 0) current.feedback.push('');
    } else if (!current) {
      fail('question.textBefore');
    } else {
      readQuestionLine(current, { text, line }, previousBlank, fail);
    }
    previousBlank = text.trim() === '';
  });
  return drafts;
}

function readQuestionLine(
  draft: QuestionDraft,
  { text, line }: Located,
  previousBlank: boolean,
  fail: (code: ProblemCode) => void,
): void {
  const option = OPTION.exec(text);
  const criterion = option ? null : CRITERION.exec(text);
  const pair = option || criterion ? null : PAIR.exec(text);
  const answer = ANSWER.exec(text);
  const feedback = FEEDBACK.exec(text);
  if (option) draft.options.push({ text: (option[2] ?? '').trim(), line, correct: option[1] !== ' ' });
  else if (criterion) draft.criteria.push({ text: (criterion[2] ?? '').trim(), line, points: Number(criterion[1]) });
  else if (pair) draft.pairs.push({ text, line, left: pair[1].trim(), right: pair[2].trim() });
  else if (BULLET.test(text)) fail('question.listLine');
  else if (answer) draft.answers.push({ text: (answer[1] ?? '').trim(), line });
  else if (feedback) draft.feedback.push(feedback[1]);
  else if (draft.feedback.length > 0 && !previousBlank) draft.feedback.push(text.trim());
  else if (isInPrompt(draft) && !previousBlank) draft.prompt.push(text.trim());
  else fail('question.unexpected');
}

function isInPrompt(draft: QuestionDraft): boolean {
  const lists = [draft.options, draft.answers, draft.pairs, draft.criteria, draft.feedback];
  return lists.every((list) => list.length === 0);
}
