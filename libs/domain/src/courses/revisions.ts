import type { EntityManager } from 'typeorm';
import { prepared } from '@karvan/database';
import type { CompiledModule, ContentProblem } from './compile-module.js';

/*
 * Storing a module's revisions. A revision is never changed once stored (but for its warnings,
 * said again when the checker changes): a new text is revision N+1, and the module points at it.
 */

/** What a revision keeps of the checker's warnings: enough to say them again in any language. */
export function storedWarnings(problems: ContentProblem[]): StoredWarning[] {
  return problems
    .filter((p) => p.severity === 'warning')
    .map(({ path, line, column, code, params, message }) => ({ path, line, column, code, params, message }));
}

export type StoredWarning = Pick<ContentProblem, 'path' | 'line' | 'column' | 'code' | 'params' | 'message'>;

export async function storeCurrentWarnings(tx: EntityManager, moduleId: string, warnings: StoredWarning[]) {
  await tx.query(
    `UPDATE module_revisions SET warnings = $2
     WHERE id = (SELECT current_revision_id FROM modules WHERE id = $1) AND warnings <> $2::jsonb`,
    [moduleId, JSON.stringify(warnings)],
  );
}

/** A new revision's columns, and their values from the parameters `revisionValues` gives. */
const REVISION_COLUMNS = `module_id, number, source_markdown, content_hash, title, summary, objectives, duration,
  sources, html, toc, quiz, author_id, origin, warnings`;
const REVISION_VALUES = `$1, (SELECT coalesce(max(number), 0) + 1 FROM module_revisions WHERE module_id = $1),
  $2::text, $3::text, $4::text, $5::text, $6::jsonb, $7::int, $8::jsonb, $9::text, $10::jsonb, $11::jsonb,
  $12::uuid, $13::text, $14::jsonb`;
/** The new revision's answer keys, and the module pointing at it. */
const KEYS_AND_CURRENT = `keys AS (
    INSERT INTO questions (revision_id, key, position, type, answer_key, feedback_html, points)
    SELECT revision.id, q.key, q.position, q.type, q.answer_key, q.feedback_html, q.points
    FROM revision, jsonb_to_recordset($15::jsonb)
      AS q(key text, position integer, type text, answer_key jsonb, feedback_html text, points integer)),
  current AS (
    UPDATE modules SET current_revision_id = revision.id,
      status = CASE WHEN modules.status = 'draft' AND $13::text = 'editor' THEN 'draft' ELSE 'active' END
    FROM revision WHERE modules.id = $1)`;

/** Inserts revision N+1 with its stored HTML and answer keys, and makes it current. */
export async function storeRevision(
  tx: EntityManager,
  moduleId: string,
  markdown: string,
  compiled: CompiledModule,
  authorId: string | null,
  origin: 'files' | 'editor' = 'editor',
): Promise<number> {
  // One statement: the revision, its answer keys and the module pointing at it (a save is the editor's hot path).
  const [{ number }] = await prepared<Array<{ number: number }>>(
    tx,
    `WITH revision AS (
       INSERT INTO module_revisions (${REVISION_COLUMNS}) VALUES (${REVISION_VALUES}) RETURNING id, number),
     ${KEYS_AND_CURRENT}
     SELECT number FROM revision`,
    revisionValues(moduleId, markdown, compiled, authorId, origin),
  );
  return number;
}

/**
 * The editor's save in one statement: it locks the active module, and stores the text as revision
 * N+1 unless it is the current one already, or the current one is not `base` (when given: the
 * revision the text was written from). `current` is the number it found, null when the module is
 * no longer active or another save became current while this one waited for the lock (PostgreSQL
 * then re-checks the locked row against the revision read before, and they differ); `saved` is
 * the new number, null when nothing was stored; `unchanged` says the text is the current one's.
 */
export async function storeOverCurrent(
  db: EntityManager,
  moduleId: string,
  markdown: string,
  compiled: CompiledModule,
  authorId: string,
  base: number | null,
): Promise<{ current: number | null; saved: number | null; unchanged: boolean }> {
  // Prepared: parsing and planning it again took about a sixth of its time (21 KB modules).
  const [row] = await prepared<Array<{ current: number | null; saved: number | null; unchanged: boolean }>>(
    db,
    `WITH locked AS (
       SELECT r.content_hash, r.number FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id
       WHERE m.id = $1 AND m.status IN ('active', 'draft') FOR UPDATE OF m),
     revision AS (
       INSERT INTO module_revisions (${REVISION_COLUMNS})
       SELECT ${REVISION_VALUES} FROM locked
       WHERE locked.content_hash <> $3 AND ($16::int IS NULL OR locked.number = $16) RETURNING id, number),
     ${KEYS_AND_CURRENT}
     SELECT (SELECT number FROM locked) AS current, (SELECT number FROM revision) AS saved,
       coalesce((SELECT content_hash = $3 FROM locked), false) AS unchanged`,
    [...revisionValues(moduleId, markdown, compiled, authorId, 'editor'), base],
  );
  return row;
}

function revisionValues(
  moduleId: string,
  markdown: string,
  compiled: CompiledModule,
  authorId: string | null,
  origin: 'files' | 'editor',
): unknown[] {
  return [
    moduleId,
    markdown,
    compiled.contentHash,
    compiled.title,
    compiled.summary,
    JSON.stringify(compiled.objectives),
    compiled.duration,
    JSON.stringify(compiled.sources),
    compiled.html,
    JSON.stringify(compiled.toc),
    compiled.quiz ? JSON.stringify(compiled.quiz) : null,
    authorId,
    origin,
    JSON.stringify(storedWarnings(compiled.problems)),
    JSON.stringify(
      compiled.keys.map((question, index) => ({
        key: question.key,
        position: index + 1,
        type: question.type,
        answer_key: question.answerKey,
        feedback_html: question.feedbackHtml,
        points: question.points,
      })),
    ),
  ];
}
