import { problem, sortProblems, type Problem } from './problem.js';
import type { ProblemCode, ProblemParams } from './problem-messages.js';
import { parseQuizAttributes } from './quiz-attributes.js';
import { splitQuiz, type QuizBlock } from './quiz-block.js';
import { readQuestionDrafts } from './quiz-lines.js';
import { poolsOf } from './quiz-draws.js';
import type { AnswerKey, PublicQuestion, QuizDraw, QuizModel } from './quiz-model.js';
import { buildQuestion } from './quiz-questions.js';

export interface QuizLocation {
  path?: string;
  /** Lines before the text in its file (the front matter), so problems carry file line numbers. */
  lineOffset?: number;
}

export interface ParsedQuiz {
  /** Safe to send to a trainee: settings and questions without any answer. */
  quiz: QuizModel;
  /** Server side only. */
  key: AnswerKey;
  /** File line of each question, by id. */
  lines: Record<string, number>;
  /** File line of `::: quiz`. */
  line: number;
}

export interface QuizParseResult {
  /** Null when the text has no quiz block. */
  parsed: ParsedQuiz | null;
  problems: Problem[];
}

/** Finds the `::: quiz` block in a module body (or a bare block) and reads it into model and key. */
export function parseQuiz(text: string, location: QuizLocation = {}): QuizParseResult {
  const path = location.path ?? '';
  const offset = location.lineOffset ?? 0;
  const problems: Problem[] = [];
  const { quizzes } = splitQuiz(text.replace(/\r\n/g, '\n'));
  for (const extra of quizzes.slice(1)) {
    problems.push(problem(path, extra.line + offset, 1, 'error', 'quiz.twoBlocks'));
  }
  if (quizzes.length === 0) return { parsed: null, problems };
  const parsed = readBlock(path, quizzes[0], offset, problems);
  return { parsed, problems: sortProblems(problems) };
}

function readBlock(path: string, block: QuizBlock, offset: number, problems: Problem[]): ParsedQuiz {
  const line = block.line + offset;
  if (block.closingLine === null) problems.push(problem(path, line, 1, 'error', 'quiz.notClosed'));
  const settings = parseQuizAttributes(block.attributes, { path, line, column: block.attributesColumn }, problems);
  const drafts = readQuestionDrafts(path, block.lines, line + 1, problems);
  if (drafts.length === 0) problems.push(problem(path, line, 1, 'error', 'quiz.noQuestions'));

  const questions: PublicQuestion[] = [];
  const key: AnswerKey = {};
  const lines: Record<string, number> = {};
  drafts.forEach((draft, i) => {
    const built = buildQuestion(path, draft, i + 1, problems);
    const id = built.question.id;
    if (Object.hasOwn(lines, id)) {
      problems.push(problem(path, built.line, 1, 'error', 'quiz.duplicateId', { id, line: lines[id] }));
      return;
    }
    questions.push(built.question);
    key[id] = built.key;
    lines[id] = built.line;
  });
  // A course-wide pool is complete only once the course's other modules are read (course-builder).
  if (settings.pool === 'module') checkDraws(path, line, settings.draws, questions, problems);
  return { quiz: { settings, questions }, key, lines, line };
}

/** A draw may not ask for more questions than its pool has, and a question sits in one pool at most. */
export function checkDraws(
  path: string,
  line: number,
  draws: QuizDraw[],
  questions: PublicQuestion[],
  problems: Problem[],
): void {
  const fail = (code: ProblemCode, params: ProblemParams) =>
    problems.push(problem(path, line, 1, 'error', code, params));
  for (const question of questions) {
    const tags = draws.filter((d) => d.tag !== null && question.tags.includes(d.tag)).map((d) => d.tag);
    if (tags.length > 1) fail('quiz.twoPools', { number: question.number, pools: tags.join(', ') });
  }
  for (const { draw, ids } of poolsOf(questions, draws).pools) {
    if (draw.count <= ids.length) continue;
    const sizes = { count: draw.count, available: ids.length };
    if (draw.tag === null) fail('quiz.drawTooMany', sizes);
    else fail('quiz.drawTooManyTagged', { ...sizes, tag: draw.tag });
  }
}
