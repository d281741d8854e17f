import type { AnswerKey, KeyEntry } from '@karvan/content';
import { prepared } from '@karvan/database';
import type { EntityManager } from 'typeorm';

/** The answer key of one question of a revision, feedback stored beside it. */
export interface StoredKey {
  key: string;
  answer_key: Omit<KeyEntry, 'feedbackHtml'>;
  feedback_html: string;
  points: number;
}

/**
 * Server side only: a revision's answer keys, for grading and for review when allowed. A typed
 * (short) answer also accepts what the module's translations accept, so a trainee reading in
 * Azerbaijani may answer in Azerbaijani; the translation check keeps the ids and types the same.
 */
export async function loadAnswerKeys(tx: EntityManager, revisionId: string, moduleId: string): Promise<StoredKey[]> {
  // One round trip: the translations' accepted answers ride along (an uncorrelated subquery, run once).
  const keys = await prepared<Array<StoredKey & { translations: Array<Record<string, string[]> | null> | null }>>(
    tx,
    `SELECT key, answer_key, feedback_html, points,
       (SELECT json_agg(t.accepted_answers ORDER BY t.language) FROM module_translations t WHERE t.module_id = $2)
         AS translations
     FROM questions WHERE revision_id = $1 ORDER BY position`,
    [revisionId, moduleId],
  );
  return keys.map(({ translations, ...row }) => {
    const key = row.answer_key as KeyEntry;
    if (key.type !== 'short') return row;
    const extra = (translations ?? []).flatMap((accepted) => accepted?.[row.key] ?? []);
    const accepted = [...new Set([...key.accepted, ...extra])];
    return { ...row, answer_key: { ...row.answer_key, accepted } };
  });
}

/** What a translation's quiz accepts as typed answers, per question id, for `loadAnswerKeys`. */
export function acceptedAnswers(key: AnswerKey | null): Record<string, string[]> {
  const entries = Object.entries(key ?? {}).flatMap(([id, entry]) =>
    entry.type === 'short' ? [[id, entry.accepted] as const] : [],
  );
  return Object.fromEntries(entries);
}
