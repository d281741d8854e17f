import type { QuizModel } from '@karvan/content';
import type { EntityManager } from 'typeorm';

/** The active module after this one in its course, for "Next module" after a quiz; null at the end. */
export async function loadNextModule(
  tx: EntityManager,
  moduleId: string,
): Promise<{ slug: string; title: string } | null> {
  const [next] = await tx.query<Array<{ slug: string; title: string }>>(
    `SELECT n.slug, r.title FROM modules m
     JOIN modules n ON n.course_id = m.course_id AND n.position > m.position AND n.status = 'active'
     JOIN module_revisions r ON r.id = n.current_revision_id
     WHERE m.id = $1 ORDER BY n.position LIMIT 1`,
    [moduleId],
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
