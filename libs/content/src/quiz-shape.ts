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
    const message = base ? 'the base file has a quiz but this translation has none' : 'the base file has no quiz';
    return [problem(path, translation?.line ?? 1, 1, 'error', `quiz shape differs: ${message}`)];
  }
  const problems: Problem[] = [];
  const a = base.quiz.questions;
  const b = translation.quiz.questions;
  if (a.length !== b.length) {
    const message = `quiz shape differs: ${b.length} questions here, ${a.length} in the base file`;
    problems.push(problem(path, translation.line, 1, 'error', message));
  }
  b.slice(0, a.length).forEach((question, i) => {
    const expected = shapeOf(a[i], base.key[a[i].id]);
    const actual = shapeOf(question, translation.key[question.id]);
    if (expected === actual) return;
    const message = `quiz shape differs at question ${i + 1}: "${actual}" here, "${expected}" in the base file`;
    problems.push(problem(path, translation.lines[question.id] ?? translation.line, 1, 'error', message));
  });
  return problems;
}
