import type { QuestionType } from '../quiz-model.js';
import type { GiftText } from './gift-types.js';
import { toMarkdownLine } from './markdown-text.js';

/** A GIFT answer block as Karvan Markdown, before the question gets its number, prompt and id. */
export interface KarvanDraft {
  type: QuestionType;
  /** Option, "= answer" or pair lines, without indentation. */
  lines: string[];
  /** Feedback sentences in Markdown, later joined into one paragraph. */
  feedback: string[];
  /** What did not carry over exactly. */
  notes: string[];
}

export type Conversion = KarvanDraft | { skip: string };

/** `“yellow”: right; good!`, or nothing when there is no feedback. `label` is Markdown. */
export function labelledFeedback(label: string, feedback: GiftText | null): string[] {
  const text = feedback ? toMarkdownLine(feedback) : '';
  return text === '' ? [] : [`${label}: ${text}`];
}

export function quoted(markdown: string): string {
  return `“${markdown}”`;
}

export function percent(weight: number): string {
  return `${Number(weight.toFixed(5))}%`;
}
