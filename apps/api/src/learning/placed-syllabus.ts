import { deepFreeze } from '@karvan/content';
import type { CourseOutline, ModuleStatus } from '@karvan/domain';

type Syllabus = CourseOutline['syllabus'];
type PlacedModule = Syllabus[number] & { status: ModuleStatus; next: boolean };

/** Places kept per syllabus: enough for the readers of a course at different points in it. */
const MAX_PLACES = 200;

interface Place {
  syllabus: readonly PlacedModule[];
  where: string;
}

const kept = new WeakMap<Syllabus, Map<string, Place>>();

/**
 * The syllabus with each module's status for one reader, and where they are (`read,not_started*,…`,
 * `*` marking the module to continue with). Kept and frozen per place in the course, for as long as
 * the outline's syllabus (kept for the content epoch) stands: readers at the same place share it,
 * and the course page's data then names it by identity rather than written out on every request
 * (common/kept-pages.ts).
 */
export function placedSyllabus(
  syllabus: Syllabus,
  statuses: Map<string, ModuleStatus>,
  nextSlug: string | undefined,
): Place {
  const statusOf = (slug: string) => statuses.get(slug) ?? 'not_started';
  const where = syllabus.map((m) => `${statusOf(m.slug)}${m.slug === nextSlug ? '*' : ''}`).join(',');
  let places = kept.get(syllabus);
  if (!places) kept.set(syllabus, (places = new Map<string, Place>()));
  let placed = places.get(where);
  if (!placed) {
    if (places.size >= MAX_PLACES) places.clear();
    const modules = syllabus.map((m) => ({ ...m, status: statusOf(m.slug), next: m.slug === nextSlug }));
    places.set(where, (placed = deepFreeze({ syllabus: modules, where })));
  }
  return placed;
}
