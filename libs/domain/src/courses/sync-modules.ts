import type { Course, Problem } from '@karvan/content';
import type { EntityManager } from 'typeorm';
import { stableJson } from '../shared/stable-json.js';
import { acceptedAnswers } from './answer-keys.js';
import { fromModule } from './compile-module.js';
import type { CourseSyncReport, SyncOptions } from './course-sync.service.js';
import { storeCurrentWarnings, storedWarnings, storeRevision, type StoredWarning } from './revisions.js';

type Tx = EntityManager;

interface ExistingModule {
  id: string;
  slug: string;
  position: number;
  status: string;
  current_hash: string | null;
  /** Of the last revision that came from the files. */
  files_hash: string | null;
  /** The current revision's questions and keys, to see when a course-wide pool changed. */
  current_quiz: { questions: unknown[] } | null;
  current_keys: Record<string, unknown> | null;
  current_warnings: unknown;
}

/** Brings a course's modules and their translations to what the files say, in the sync's transaction. */
export async function syncModules(
  tx: Tx,
  courseId: string,
  course: Course,
  errorPaths: Set<string>,
  report: CourseSyncReport,
  { origin, drafts }: { origin: SyncOptions['origin']; drafts: boolean },
): Promise<void> {
  const existing = await tx.query<ExistingModule[]>(
    `SELECT m.id, m.slug, m.position, m.status,
       (SELECT r.content_hash FROM module_revisions r WHERE r.id = m.current_revision_id) AS current_hash,
       (SELECT r.content_hash FROM module_revisions r WHERE r.module_id = m.id AND r.origin = 'files'
        ORDER BY r.number DESC LIMIT 1) AS files_hash,
       (SELECT r.quiz FROM module_revisions r WHERE r.id = m.current_revision_id) AS current_quiz,
       (SELECT r.warnings FROM module_revisions r WHERE r.id = m.current_revision_id) AS current_warnings,
       (SELECT jsonb_object_agg(q.key, q.answer_key) FROM questions q WHERE q.revision_id = m.current_revision_id)
         AS current_keys
     FROM modules m WHERE m.course_id = $1 FOR UPDATE OF m`,
    [courseId],
  );
  const bySlug = new Map(existing.map((m) => [m.slug, m]));
  const inFiles = new Set(course.modules.map((m) => m.slug));
  for (const module of course.modules) {
    if (errorPaths.has(module.path)) {
      report.refused.push(module.path);
      continue;
    }
    const known = bySlug.get(module.slug);
    // Only its authors publish a draft, never an upload; and with `drafts`, a module new to the
    // course, or back from the archived ones, comes in as a draft. The files publish what they hold.
    const keepsDraft = origin === 'editor' && known?.status === 'draft';
    const status = keepsDraft || (drafts && known?.status !== 'active') ? 'draft' : 'active';
    const id = known?.id ?? (await insertModule(tx, courseId, module.slug, module.number, status));
    if (known && known.position !== module.number) {
      await tx.query('UPDATE modules SET position = $2 WHERE id = $1', [id, module.number]);
    }
    // Files: compare with what the files last said, so an unchanged file keeps browser edits.
    // An uploaded archive: compare with the current text, so the course ends up as the archive.
    const baseline = origin === 'files' ? known?.files_hash : known?.current_hash;
    const same = baseline === module.contentHash && !(known && poolChanged(module, known));
    const paths = [module.path, ...module.translations.map((t) => t.path)];
    const problems = report.problems.filter((p) => paths.includes(p.path) && p.severity === 'warning');
    if (same && known?.status === status) report.unchanged++;
    else if (same) {
      await tx.query(`UPDATE modules SET status = $2 WHERE id = $1`, [id, status]);
    } else {
      // An editor's revision keeps a draft a draft (storeRevision): an archived module becomes one first.
      if (known?.status === 'archived' && status === 'draft') {
        await tx.query(`UPDATE modules SET status = 'draft' WHERE id = $1`, [id]);
      }
      await storeRevision(tx, id, module.markdown, { ...fromModule(module), problems }, null, origin);
      report.revisions++;
    }
    // An unchanged text may warn differently (a translation's base changed): keep the warnings current.
    if (same) {
      const warnings = currentWarnings(known, module, problems);
      if (warningsChanged(known, warnings)) await storeCurrentWarnings(tx, id, warnings);
    }
    for (const translation of module.translations) {
      if (errorPaths.has(translation.path)) report.refused.push(translation.path);
      else await upsertTranslation(tx, id, translation);
    }
  }
  for (const gone of existing.filter((m) => m.status !== 'archived' && !inFiles.has(m.slug))) {
    await tx.query(`UPDATE modules SET status = 'archived' WHERE id = $1`, [gone.id]);
    report.archived++;
  }
}

/**
 * A quiz drawing from the course's pool holds copies of other modules' questions and keys: when
 * those change, the module needs a new revision though its own file is unchanged.
 */
function poolChanged(module: Course['modules'][number], known: ExistingModule): boolean {
  if (module.quiz?.settings.pool !== 'course') return false;
  const keys = Object.fromEntries(
    Object.entries(module.answerKey ?? {}).map(([id, entry]) => [id, withoutFeedback(entry)]),
  );
  return (
    stableJson(module.quiz.questions) !== stableJson(known.current_quiz?.questions ?? null) ||
    stableJson(keys) !== stableJson(known.current_keys ?? {})
  );
}

/**
 * The warnings the current revision carries once the files left its text alone. An edit made in
 * the browser keeps the editor's warnings on its own text (the file's are about a text nobody
 * reads now); its translations' warnings come from their files, which the sync did read.
 */
function currentWarnings(
  known: ExistingModule | undefined,
  module: Course['modules'][number],
  problems: Problem[],
): StoredWarning[] {
  const fromFiles = storedWarnings(problems);
  if (!known || known.current_hash === module.contentHash) return fromFiles;
  const translations = new Set(module.translations.map((t) => t.path));
  const own = ((known.current_warnings ?? []) as StoredWarning[]).filter((w) => !translations.has(w.path));
  return [...own, ...fromFiles.filter((w) => translations.has(w.path))];
}

/** Whether storing these warnings would change the current revision's (a write per module otherwise). */
function warningsChanged(known: ExistingModule | undefined, warnings: StoredWarning[]): boolean {
  const stored: unknown = JSON.parse(JSON.stringify(warnings));
  return stableJson(known?.current_warnings ?? null) !== stableJson(stored);
}

/** A key as the questions table stores it: its feedback is kept beside it. */
function withoutFeedback(entry: object): object {
  const copy: Record<string, unknown> = { ...entry };
  delete copy.feedbackHtml;
  return copy;
}

async function insertModule(
  tx: Tx,
  courseId: string,
  slug: string,
  position: number,
  status: 'draft' | 'active',
): Promise<string> {
  const [{ id }] = await tx.query<Array<{ id: string }>>(
    'INSERT INTO modules (course_id, slug, position, status) VALUES ($1, $2, $3, $4) RETURNING id',
    [courseId, slug, position, status],
  );
  return id;
}

async function upsertTranslation(
  tx: Tx,
  moduleId: string,
  t: Course['modules'][number]['translations'][number],
): Promise<void> {
  // Its quiz and feedback can change with the text unchanged: they follow the base text's ids
  // (`alignQuiz`); and translations synced before their sources or feedback were kept get them.
  await tx.query(
    `INSERT INTO module_translations (module_id, language, source_markdown, content_hash, based_on, title, summary,
                                      objectives, html, toc, quiz, accepted_answers, sources, feedback)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (module_id, language) DO UPDATE SET source_markdown = $3, content_hash = $4, based_on = $5, title = $6,
       summary = $7, objectives = $8, html = $9, toc = $10, quiz = $11, accepted_answers = $12, sources = $13,
       feedback = $14, updated_at = now()
     WHERE module_translations.content_hash <> $4 OR module_translations.accepted_answers IS NULL
       OR module_translations.quiz IS DISTINCT FROM $11::jsonb OR module_translations.sources IS DISTINCT FROM $13::jsonb
       OR module_translations.feedback IS DISTINCT FROM $14::jsonb`,
    [
      moduleId,
      t.language,
      t.markdown,
      t.contentHash,
      t.source,
      t.title,
      t.summary,
      JSON.stringify(t.objectives),
      t.html,
      JSON.stringify(t.toc),
      t.quiz ? JSON.stringify(t.quiz) : null,
      JSON.stringify(acceptedAnswers(t.answerKey)),
      JSON.stringify(t.sources),
      JSON.stringify(t.feedback),
    ],
  );
}
