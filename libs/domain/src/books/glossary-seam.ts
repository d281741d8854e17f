import type { GlossaryEntry } from './book-types.js';

/** Returns the glossary of a course in one language; [] when it has none. */
export type GlossaryProvider = (courseSlug: string, language: string) => Promise<GlossaryEntry[]>;

let provider: GlossaryProvider = () => Promise.resolve([]);

/**
 * The seam a glossary feature plugs into (as summer does with `onCourseCompleted`), so books need
 * not import it. Until one registers, a book has no glossary chapter and no index.
 */
export function provideGlossary(next: GlossaryProvider): void {
  provider = next;
}

/** The course glossary for the glossary chapter and the index, sorted by term. */
export async function courseGlossary(courseSlug: string, language: string): Promise<GlossaryEntry[]> {
  const entries = await provider(courseSlug, language);
  const collator = new Intl.Collator(language);
  return [...entries].sort((a, b) => collator.compare(a.term, b.term));
}
