import { randomBytes } from 'node:crypto';
import { drawQuestions, seededRandom, shuffleWith, type PublicQuestion, type QuizModel } from '@karvan/content';
import { settingsOf } from './attempt-rows.js';

/** The questions an attempt asks and the order it shows them and their options in, fixed when it starts. */
export interface AttemptOrder {
  /** The drawn questions, in the order shown. */
  questionOrder: string[];
  /** Per question id: option ids (single, multiple) or right-hand choice ids (matching). */
  optionOrder: Record<string, string[]>;
}

/** A new attempt's seed: unpredictable, so an earlier attempt says nothing about the next one's draw. */
export function newAttemptSeed(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The draw and order an attempt with this seed gets: the same seed always gives the same, so
 * the attempt is stable across reloads and can be rebuilt. Questions keep the authored order and
 * options theirs unless the quiz shuffles; matching choices are always shuffled.
 */
export function newAttemptOrder(quiz: QuizModel, seed: string): AttemptOrder {
  const settings = settingsOf(quiz);
  const random = seededRandom(seed);
  const drawn = drawQuestions(quiz.questions, settings.draws, random);
  const questionOrder = settings.shuffle ? shuffleWith(drawn, random) : drawn;
  const optionOrder: Record<string, string[]> = {};
  for (const question of quiz.questions.filter((q) => drawn.includes(q.id))) {
    if (question.type === 'single' || question.type === 'multiple') {
      const options = question.options.map((o) => o.id);
      optionOrder[question.id] = settings.shuffle ? shuffleWith(options, random) : options;
    } else if (question.type === 'matching') {
      optionOrder[question.id] = shuffleWith(
        question.choices.map((c) => c.id),
        random,
      );
    }
  }
  return { questionOrder, optionOrder };
}

/** The attempt's questions in its order, numbered by their place in it; questions it did not draw are left out. */
export function orderedQuestions(quiz: QuizModel, order: AttemptOrder): PublicQuestion[] {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const questions = order.questionOrder.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
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
