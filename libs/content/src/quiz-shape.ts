import { problem, type Problem } from './problem.js';
import type { ParsedQuiz } from './quiz-parser.js';
import type { KeyEntry, PublicQuestion } from './quiz-model.js';

/** What a translation must keep from its base quiz: ids, order, types, option counts, right options. */
function shapeOf(question: PublicQuestion, key: KeyEntry | undefined): string {
  const size = question.type === 'single' || question.type === 'multiple' ? question.options.length : 0;
  const pairs = question.type === 'matching' ? question.items.length : 0;
  const correct = key && 'correct' in key ? key.correct.join(',') : '';
  const shape = `${question.id} ${question.type} options=${size} pairs=${pairs} correct=${correct} tags=${question.tags.join(',')}`;
  // An essay keeps its points, its file permission and the size of its rubric.
  if (question.type !== 'essay') return shape;
  const criteria = key?.type === 'essay' ? key.rubric.map((c) => c.points).join('+') : '';
  return `${shape} points=${question.points} file=${question.file} rubric=${criteria}`;
}

/** Reports where a translation's quiz differs in shape from the quiz it translates. */
export function compareQuizShape(path: string, base: ParsedQuiz | null, translation: ParsedQuiz | null): Problem[] {
  if (!base && !translation) return [];
  if (!base || !translation) {
    return [problem(path, translation?.line ?? 1, 1, 'error', base ? 'quiz.shapeNoQuiz' : 'quiz.shapeNoBase')];
  }
  const problems: Problem[] = [];
  const a = base.quiz.questions;
  const b = translation.quiz.questions;
  if (a.length !== b.length) {
    const counts = { count: b.length, expected: a.length };
    problems.push(problem(path, translation.line, 1, 'error', 'quiz.shapeCount', counts));
  }
  b.slice(0, a.length).forEach((question, i) => {
    const expected = shapeOf(a[i], base.key[a[i].id]);
    const actual = shapeOf(question, translation.key[question.id]);
    if (expected === actual) return;
    const line = translation.lines[question.id] ?? translation.line;
    problems.push(problem(path, line, 1, 'error', 'quiz.shapeQuestion', { number: i + 1, actual, expected }));
  });
  return problems;
}
