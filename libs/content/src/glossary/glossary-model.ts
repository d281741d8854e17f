/** The languages every glossary term is written in. */
export const GLOSSARY_LANGUAGES = ['en', 'az', 'ru'] as const;
export type GlossaryLanguage = (typeof GLOSSARY_LANGUAGES)[number];

export function isGlossaryLanguage(value: unknown): value is GlossaryLanguage {
  return typeof value === 'string' && (GLOSSARY_LANGUAGES as readonly string[]).includes(value);
}

/** One entry of the glossary, as written in `content/glossary/*.yaml`. */
export interface GlossaryTerm {
  /** Kebab-case English, e.g. `temporary-residence-permit`; what module links name. */
  id: string;
  term: Record<GlossaryLanguage, string>;
  definition: Record<GlossaryLanguage, string>;
  /** A URL or a named primary source. */
  source: string;
  /** Related term ids ("see also"). */
  see: string[];
  /** Where the entry was written, for problems. */
  path: string;
  line: number;
  /** Line of its `see:` key (its own line when it has none). */
  seeLine: number;
}

/** Every term by id; built once and handed to the renderer and the pages. */
export interface Glossary {
  terms: GlossaryTerm[];
  byId: ReadonlyMap<string, GlossaryTerm>;
}

export function createGlossary(terms: GlossaryTerm[]): Glossary {
  const byId = new Map<string, GlossaryTerm>();
  // The first of two entries with one id wins; the checker reports the second.
  for (const term of terms) if (!byId.has(term.id)) byId.set(term.id, term);
  return { terms: [...byId.values()], byId };
}

export const EMPTY_GLOSSARY: Glossary = createGlossary([]);

/** The language a glossary link shows its definition in: the text's, or English when the glossary has none. */
export function glossaryLanguage(language: string | undefined): GlossaryLanguage {
  return isGlossaryLanguage(language) ? language : 'en';
}

/** The address of a term's entry on the glossary page, in one language. */
export function glossaryHref(id: string, language: GlossaryLanguage): string {
  return `/glossary?lang=${language}#term-${encodeURIComponent(id)}`;
}

/** The anchor id of a term's entry on the glossary page. */
export function glossaryAnchor(id: string): string {
  return `term-${id}`;
}

export const GLOSSARY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
