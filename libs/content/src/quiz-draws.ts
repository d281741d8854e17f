import type { PublicQuestion, QuizDraw } from './quiz-model.js';
import { shuffleWith, type RandomInt } from './seeded-random.js';

/** The questions one draw takes from: a tag's questions, or (no tag) those no tagged draw names. */
export interface Pool {
  draw: QuizDraw;
  ids: string[];
}

/**
 * Splits a quiz into its pools and the questions always asked. A tagged draw takes from the
 * questions with its tag; the untagged draw (at most one) from every question in no tagged pool.
 * Without an untagged draw, the questions in no pool are always asked.
 */
export function poolsOf(questions: PublicQuestion[], draws: QuizDraw[]): { pools: Pool[]; always: string[] } {
  const tagged = draws.filter((d) => d.tag !== null);
  const inTagged = (q: PublicQuestion) => tagged.some((d) => q.tags.includes(d.tag!));
  const pools = tagged.map((draw) => ({
    draw,
    ids: questions.filter((q) => q.tags.includes(draw.tag!)).map((q) => q.id),
  }));
  const rest = questions.filter((q) => !inTagged(q)).map((q) => q.id);
  const untagged = draws.find((d) => d.tag === null);
  if (untagged) return { pools: [...pools, { draw: untagged, ids: rest }], always: [] };
  return { pools, always: rest };
}

/** The ids one attempt asks, in the authored order; every question when the quiz draws nothing. */
export function drawQuestions(questions: PublicQuestion[], draws: QuizDraw[], random: RandomInt): string[] {
  if (draws.length === 0) return questions.map((q) => q.id);
  const { pools, always } = poolsOf(questions, draws);
  const chosen = new Set(always);
  for (const pool of pools) {
    // A question in two pools is refused by the checker; skipping taken ones keeps draws distinct anyway.
    const open = pool.ids.filter((id) => !chosen.has(id));
    for (const id of shuffleWith(open, random).slice(0, pool.draw.count)) chosen.add(id);
  }
  return questions.filter((q) => chosen.has(q.id)).map((q) => q.id);
}

/** How many questions each attempt asks. */
export function askedCount(questions: PublicQuestion[], draws: QuizDraw[]): number {
  const { pools, always } = poolsOf(questions, draws);
  return always.length + pools.reduce((sum, pool) => sum + Math.min(pool.draw.count, pool.ids.length), 0);
}
