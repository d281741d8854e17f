import type { EntityManager } from 'typeorm';
import { courseCertificateOf } from '../certificates/index.js';
import { evaluateCompletion } from './completion.js';

/** Whose results changed, and what their course completion did in consequence. */
export interface CompletionReport {
  /** People whose course completion was recorded because of the new results. */
  completionsRecorded: string[];
  /** People who no longer pass and had a completion with no certificate: it was removed. */
  completionsWithdrawn: string[];
  /** People who no longer pass but hold a certificate: left as it is, for a trainer's decision. */
  certificatesToDecide: Array<{ email: string; certificateId: string; status: string }>;
}

/** A completion follows the new results; an issued (or pending) certificate is never withdrawn here. */
export async function followCompletion(
  tx: EntityManager,
  row: { user_id: string; course_id: string; email: string },
  report: CompletionReport,
): Promise<void> {
  const [had] = await tx.query<unknown[]>('SELECT 1 FROM course_completions WHERE user_id = $1 AND course_id = $2', [
    row.user_id,
    row.course_id,
  ]);
  const outcome = await evaluateCompletion(tx, row.user_id, row.course_id);
  if (outcome.newlyRecorded) report.completionsRecorded.push(row.email);
  if (!had || outcome.complete) return;
  const certificate = await courseCertificateOf(tx, row.user_id, row.course_id);
  if (certificate) {
    report.certificatesToDecide.push({ email: row.email, certificateId: certificate.id, status: certificate.status });
    return;
  }
  await tx.query('DELETE FROM course_completions WHERE user_id = $1 AND course_id = $2', [row.user_id, row.course_id]);
  report.completionsWithdrawn.push(row.email);
}
