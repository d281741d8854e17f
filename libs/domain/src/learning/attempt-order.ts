import { randomInt } from 'node:crypto';
import type { PublicQuestion, QuizModel } from '@karvan/content';

/** The order an attempt shows its questions and options in, fixed when it starts. */
export interface AttemptOrder {
  questionOrder: string[];
  /** Per question id: option ids (single, multiple) or right-hand choice ids (matching). */
  optionOrder: Record<string, string[]>;
}

/** Authored order, or shuffled when the quiz says so; matching choices are always shuffled. */
export function newAttemptOrder(quiz: QuizModel): AttemptOrder {
  const shuffle = quiz.settings.shuffle;
  const ids = quiz.questions.map((q) => q.id);
  const optionOrder: Record<string, string[]> = {};
  for (const question of quiz.questions) {
    if (question.type === 'single' || question.type === 'multiple') {
      const options = question.options.map((o) => o.id);
      optionOrder[question.id] = shuffle ? shuffled(options) : options;
    } else if (question.type === 'matching') {
      optionOrder[question.id] = shuffled(question.choices.map((c) => c.id));
    }
  }
  return { questionOrder: shuffle ? shuffled(ids) : ids, optionOrder };
}

/** The quiz's questions in the attempt's order, numbered by their place in it. */
export function orderedQuestions(quiz: QuizModel, order: AttemptOrder): PublicQuestion[] {
  const questions = arrange(quiz.questions, order.questionOrder);
  return questions.map((question, index): PublicQuestion => {
    const ids = order.optionOrder[question.id] ?? [];
    const number = index + 1;
    if (question.type === 'single' || question.type === 'multiple') {
      return { ...question, number, options: arrange(question.options, ids) };
    }
    if (question.type === 'matching') return { ...question, number, choices: arrange(question.choices, ids) };
    return { ...question, number };
  });
}

/** Items in the given id order; any the order does not name (there should be none) keep their place after. */
function arrange<T extends { id: string }>(items: T[], ids: string[]): T[] {
  const rank = new Map(ids.map((id, i) => [id, i]));
  const known = items.filter((item) => rank.has(item.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  return [...known, ...items.filter((item) => !rank.has(item.id))];
}

/** Fisher–Yates with a cryptographic source, so the order cannot be predicted from earlier attempts. */
export function shuffled<T>(items: readonly T[]): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}
