import type { PublicQuestion } from '@karvan/content';
import { csvTable } from '../shared/csv.js';
import type { CheckedResponse } from './attempt-responses.js';

/** One graded attempt as the analysis reads it: its total and each asked question's fraction of points. */
export interface AnalysedAttempt {
  percent: number;
  /** Per question id: score ÷ points, 0 to 1. */
  scores: Map<string, number>;
  responses: Map<string, CheckedResponse>;
}

export type ItemFlag = 'hard' | 'easy' | 'low-discrimination';

export interface ItemStats {
  id: string;
  number: number;
  promptHtml: string;
  type: PublicQuestion['type'];
  /** Attempts that asked this question. */
  asked: number;
  /** Mean fraction of points, 0 (nobody) to 1 (everybody); null when never asked. */
  facility: number | null;
  /** Mean in the top 27 % of attempts by total minus mean in the bottom 27 %, −1 to 1; null below 4 attempts. */
  discrimination: number | null;
  /** Choice questions: how many attempts chose each option; `correct` from the key. */
  options: Array<{ id: string; html: string; correct: boolean; chosen: number }>;
  flags: ItemFlag[];
}

/** The share of attempts in each of the upper and lower groups (Kelley's 27 %). */
export const GROUP_SHARE = 0.27;

/**
 * Facility, discrimination and option counts per question. Attempts are ranked by their total;
 * equal totals keep the order given (oldest first). A question is flagged when its facility is
 * below 0.2 or above 0.9, or its discrimination below 0.2.
 */
export function analyseItems(
  questions: PublicQuestion[],
  correct: Map<string, string[]>,
  attempts: AnalysedAttempt[],
): ItemStats[] {
  const ranked = attempts.map((a, i) => ({ a, i })).sort((x, y) => y.a.percent - x.a.percent || x.i - y.i);
  return questions.map((question) => {
    const asked = ranked.filter(({ a }) => a.scores.has(question.id)).map(({ a }) => a);
    const scores = asked.map((a) => a.scores.get(question.id)!);
    const facility = scores.length ? round(mean(scores)) : null;
    const group = Math.round(GROUP_SHARE * asked.length);
    const discrimination =
      asked.length >= 4 && group >= 1 ? round(mean(scores.slice(0, group)) - mean(scores.slice(-group))) : null;
    const options =
      question.type === 'single' || question.type === 'multiple'
        ? question.options.map((o) => ({
            id: o.id,
            html: o.html,
            correct: (correct.get(question.id) ?? []).includes(o.id),
            chosen: asked.filter((a) => chose(a.responses.get(question.id), o.id)).length,
          }))
        : [];
    const flags: ItemFlag[] = [];
    if (facility !== null && facility < 0.2) flags.push('hard');
    if (facility !== null && facility > 0.9) flags.push('easy');
    if (discrimination !== null && discrimination < 0.2) flags.push('low-discrimination');
    const { id, number, promptHtml, type } = question;
    return { id, number, promptHtml, type, asked: asked.length, facility, discrimination, options, flags };
  });
}

function chose(response: CheckedResponse | undefined, optionId: string): boolean {
  return Array.isArray(response) ? response.includes(optionId) : response === optionId;
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The analysis as CSV: one line per question, then one per option of choice questions. */
export function itemAnalysisCsv(items: ItemStats[]): string {
  const header = ['question', 'number', 'option', 'correct', 'asked', 'chosen', 'facility', 'discrimination', 'flags'];
  const text = (html: string) => html.replace(/<[^>]*>/g, '');
  const rows = items.flatMap((item) => [
    [
      item.id,
      String(item.number),
      '',
      '',
      String(item.asked),
      '',
      num(item.facility),
      num(item.discrimination),
      item.flags.join(' '),
    ],
    ...item.options.map((o) => [
      item.id,
      String(item.number),
      text(o.html),
      o.correct ? 'yes' : 'no',
      String(item.asked),
      String(o.chosen),
      '',
      '',
      '',
    ]),
  ]);
  return csvTable([header, ...rows]);
}

function num(value: number | null): string {
  return value === null ? '' : String(value);
}
