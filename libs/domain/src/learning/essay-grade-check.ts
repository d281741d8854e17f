import type { RubricCriterion } from '@karvan/content';
import type { EssayGradeInput } from './essay-grading.types.js';
import { LearningError, LearningErrorCode } from './learning.errors.js';

/** Longest feedback a grader may write. */
export const MAX_ESSAY_FEEDBACK = 5000;

/**
 * A grade within the essay's points: each criterion within its own, the total from 0 to the
 * maximum (the sum of the criteria when no total is given). All problems are reported at once.
 */
export function checkEssayGrade(
  maxPoints: number,
  rubric: RubricCriterion[],
  input: EssayGradeInput,
): { points: number; criteria: Record<string, number>; feedback: string } {
  const problems: Record<string, string> = {};
  const criteria: Record<string, number> = {};
  for (const [id, value] of Object.entries(input.criteria ?? {})) {
    const criterion = rubric.find((c) => c.id === id);
    if (!criterion) problems[`criteria.${id}`] = `There is no criterion "${id}" in this essay's rubric.`;
    else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > criterion.points) {
      problems[`criteria.${id}`] = `Give a criterion from 0 to ${criterion.points} points.`;
    } else criteria[id] = round(value);
  }
  const allCriteria = rubric.length > 0 && rubric.every((c) => c.id in criteria);
  const points = input.points ?? (allCriteria ? round(rubric.reduce((sum, c) => sum + criteria[c.id], 0)) : null);
  if (points === null || !Number.isFinite(points) || points < 0 || points > maxPoints) {
    problems.points = `Give the points from 0 to ${maxPoints}.`;
  }
  const feedback = (input.feedback ?? '').trim();
  if (feedback.length > MAX_ESSAY_FEEDBACK) {
    problems.feedback = `Write feedback of at most ${MAX_ESSAY_FEEDBACK} characters.`;
  }
  const messages = Object.values(problems);
  if (messages.length > 0) {
    throw new LearningError(LearningErrorCode.InvalidEssayGrade, messages.join(' '), problems, { max: maxPoints });
  }
  return { points: round(points!), criteria, feedback };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
