import { gradeQuestion, type KeyEntry, type PublicQuestion } from '@karvan/content';
import type { StoredKey } from '../courses/index.js';
import type { CheckedResponse } from './attempt-responses.js';

export type { StoredKey };

export interface GradedAnswer {
  key: string;
  response: CheckedResponse;
  score: number;
}

export interface GradedAttempt {
  answers: GradedAnswer[];
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
}

/** The answer key as gradeQuestion takes it: the stored key with its feedback put back. */
export function keyEntries(rows: StoredKey[]): Map<string, KeyEntry> {
  return new Map(
    rows.map((row) => [row.key, { ...row.answer_key, feedbackHtml: row.feedback_html || null } as KeyEntry]),
  );
}

/** Points-weighted score of every question; a question without a response or key scores 0. */
export function gradeAttempt(
  questions: PublicQuestion[],
  keys: Map<string, KeyEntry>,
  responses: Map<string, CheckedResponse>,
  passPercent: number,
): GradedAttempt {
  let exact = 0;
  const answers = questions.map((question): GradedAnswer => {
    const key = keys.get(question.id);
    const response = responses.get(question.id) ?? null;
    const points = (key && response !== null ? gradeQuestion(question, key, response) : 0) * question.points;
    exact += points;
    return { key: question.id, response, score: round(points, 3) };
  });
  const maxScore = questions.reduce((sum, q) => sum + q.points, 0);
  const percent = maxScore > 0 ? round((100 * exact) / maxScore, 2) : 0;
  return { answers, score: round(exact, 3), maxScore, percent, passed: percent >= passPercent };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
