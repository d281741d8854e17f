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
