import type { QuizModel } from '@karvan/content';
import type { EntityManager } from 'typeorm';
import { prepared } from '@karvan/database';

/**
 * A module's title in a language, as an SQL expression to put in a query made anyway (as
 * CONTENT_EPOCH_SQL is): its translation's where there is one, else its current revision's.
 * `module` and `revision` are the aliases of its modules row and that revision's row.
 */
export function moduleTitleSql(module: string, revision: string, language: string): string {
  return `coalesce((SELECT t.title FROM module_translations t WHERE t.module_id = ${module}.id AND t.language = ${language}), ${revision}.title)`;
}

/** The active module after this one in its course, for "Next module" after a quiz; null at the end. */
export async function loadNextModule(
  tx: EntityManager,
  moduleId: string,
  language: string | null = null,
): Promise<{ slug: string; title: string } | null> {
  const [next] = await tx.query<Array<{ slug: string; title: string }>>(
    `SELECT n.slug,
       coalesce((SELECT t.title FROM module_translations t WHERE t.module_id = n.id AND t.language = $2), r.title) AS title
     FROM modules m
     JOIN modules n ON n.course_id = m.course_id AND n.position > m.position AND n.status = 'active'
     JOIN module_revisions r ON r.id = n.current_revision_id
     WHERE m.id = $1 ORDER BY n.position LIMIT 1`,
    [moduleId, language],
  );
  return next ?? null;
}

export interface ModuleQuiz {
  courseId: string;
  organisationId: string | null;
  moduleId: string;
  title: string;
  revisionId: string;
  quiz: QuizModel | null;
}

/** A course's active module with its current quiz, for reports on it; null when there is no such module. */
export async function loadModuleQuiz(
  tx: EntityManager,
  courseSlug: string,
  moduleSlug: string,
): Promise<ModuleQuiz | null> {
  const [row] = await tx.query<
    Array<{
      course_id: string;
      organisation_id: string | null;
      module_id: string;
      title: string;
      revision_id: string;
      quiz: QuizModel | null;
    }>
  >(
    `SELECT c.id AS course_id, c.organisation_id, m.id AS module_id, r.title, r.id AS revision_id, r.quiz
     FROM courses c JOIN modules m ON m.course_id = c.id AND m.slug = $2 AND m.status = 'active'
     JOIN module_revisions r ON r.id = m.current_revision_id
     WHERE c.slug = $1`,
    [courseSlug, moduleSlug],
  );
  if (!row) return null;
  return {
    courseId: row.course_id,
    organisationId: row.organisation_id,
    moduleId: row.module_id,
    title: row.title,
    revisionId: row.revision_id,
    quiz: row.quiz,
  };
}

/** Where a module revision sits, for pages about attempts made on it (grading, lists to grade). */
export interface RevisionPlace {
  revisionId: string;
  courseId: string;
  organisationId: string | null;
  courseSlug: string;
  courseTitle: string;
  moduleSlug: string;
  moduleTitle: string;
  quiz: QuizModel | null;
}

/** The places of these revisions, by revision id; unknown ids are left out. */
export async function loadRevisionPlaces(
  tx: EntityManager,
  revisionIds: string[],
): Promise<Map<string, RevisionPlace>> {
  if (revisionIds.length === 0) return new Map();
  const rows = await tx.query<RevisionPlace[]>(
    `SELECT r.id AS "revisionId", c.id AS "courseId", c.organisation_id AS "organisationId", c.slug AS "courseSlug",
       c.title AS "courseTitle", m.slug AS "moduleSlug", r.title AS "moduleTitle", r.quiz
     FROM module_revisions r JOIN modules m ON m.id = r.module_id JOIN courses c ON c.id = m.course_id
     WHERE r.id = ANY($1::uuid[])`,
    [[...new Set(revisionIds)]],
  );
  return new Map(rows.map((row) => [row.revisionId, row]));
}

/** A course by its slug (any status), for staff pages that list its records; null when there is none. */
export async function loadCourseRef(
  tx: EntityManager,
  slug: string,
): Promise<{ id: string; organisationId: string | null; slug: string; title: string } | null> {
  const [row] = await tx.query<Array<{ id: string; organisationId: string | null; slug: string; title: string }>>(
    `SELECT id, organisation_id AS "organisationId", slug, title FROM courses WHERE slug = $1`,
    [slug],
  );
  return row ?? null;
}

/** A module's title in a language, and its quiz and feedback there when aligned with the revision. */
export interface QuizTranslation {
  title: string;
  quiz: QuizModel | null;
  /** By the base question's id; null when the quiz is not aligned with the revision. */
  feedback: Record<string, string> | null;
}

/**
 * A module's title in `language`, with the translation's quiz and feedback when they were aligned
 * with that revision (`alignQuiz`); null when the module has no translation into it.
 */

export async function loadQuizTranslation(
  db: EntityManager,
  moduleId: string,
  revisionId: string,
  language: string,
): Promise<QuizTranslation | null> {
  const [translation] = await prepared<QuizTranslation[]>(
    db,
    `SELECT t.title, CASE WHEN t.quiz->>'alignedTo' = r.content_hash THEN t.quiz END AS quiz,
       CASE WHEN t.quiz->>'alignedTo' = r.content_hash THEN t.feedback END AS feedback
     FROM module_translations t, module_revisions r WHERE r.id = $2 AND t.module_id = $1 AND t.language = $3`,
    [moduleId, revisionId, language],
  );
  return translation ?? null;
}
