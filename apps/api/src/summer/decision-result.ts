import { REFUSAL_CODES, type RankedApplication, type RefusalCode } from '@karvan/domain';
import type { DecisionResultQuery } from './dto/selection.dto.js';

interface Refusal {
  name: string;
  code: RefusalCode;
  category: string;
  status: string;
}

/**
 * What the ranking page says after a decision: how many changed, and who was refused and why,
 * named from the ranking (an id the ranking does not have is counted, not named).
 */
export function decisionResult(
  query: DecisionResultQuery,
  ranked: RankedApplication[],
  cohort: { capacity: number; quotas: Record<string, number> },
) {
  const byId = new Map(ranked.map((r) => [r.id, r]));
  const refused: Refusal[] = [];
  let unnamed = query.more ?? 0;
  for (const pair of query.refused?.split(',') ?? []) {
    const [id, code] = pair.split(':');
    const application = byId.get(id);
    if (!application || !REFUSAL_CODES.includes(code as RefusalCode)) {
      unnamed += 1;
      continue;
    }
    refused.push({
      name: application.name,
      code: code as RefusalCode,
      category: application.category,
      status: application.status,
    });
  }
  return {
    decision: query.decided,
    changed: query.changed ?? 0,
    refused: refused.map((r) => ({ ...r, quota: cohort.quotas[r.category] ?? 0 })),
    capacity: cohort.capacity,
    unnamed,
  };
}
