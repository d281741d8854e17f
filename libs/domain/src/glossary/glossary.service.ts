import { Injectable } from '@nestjs/common';
import {
  alphabetIndex,
  glossaryAnchor,
  glossaryHref,
  searchTerms,
  sortTerms,
  type Glossary,
  type GlossaryLanguage,
  type GlossaryTerm,
  type IndexLetter,
  indexLetter,
} from '@karvan/content';
import { DataSource } from 'typeorm';
import { EpochCache, readGlossaryEpoch } from '../shared/content-epoch.js';
import { loadGlossary } from './glossary-store.js';

/** One entry as the glossary page and the API show it, in one language. */
export interface GlossaryEntry {
  id: string;
  /** Anchor id on the glossary page. */
  anchor: string;
  term: string;
  definition: string;
  /** The term in the two other languages. */
  otherNames: Array<{ language: GlossaryLanguage; term: string }>;
  source: string;
  /** Index letter the entry is filed under. */
  letter: string;
  see: Array<{ id: string; term: string; href: string }>;
}

export interface GlossaryListing {
  language: GlossaryLanguage;
  query: string;
  /** Every letter of the language's alphabet; `used` when a listed entry is filed under it. */
  letters: IndexLetter[];
  entries: GlossaryEntry[];
  /** Terms in the whole glossary, whatever the query. */
  total: number;
}

/**
 * The glossary: public text, the same for everyone, so no capability is checked. Read from
 * glossary_terms (filled by content sync) and kept in memory until the glossary epoch moves.
 */
@Injectable()
export class GlossaryService {
  private readonly cache = new EpochCache<Glossary>(1);

  constructor(private readonly db: DataSource) {}

  /** Kept until the glossary epoch moves: saving a module (the content epoch) does not reload it. */
  async glossary(): Promise<Glossary> {
    const epoch = await readGlossaryEpoch(this.db);
    return this.cache.through('glossary', epoch, () => loadGlossary(this.db.manager));
  }

  /** The entries whose name in any language matches `query` (all for an empty one), in `language`'s order. */
  async list(language: GlossaryLanguage, query = ''): Promise<GlossaryListing> {
    const glossary = await this.glossary();
    const found = sortTerms(searchTerms(glossary.terms, query), language);
    return {
      language,
      query: query.trim(),
      letters: alphabetIndex(found, language),
      entries: found.map((t) => toEntry(t, glossary, language)),
      total: glossary.terms.length,
    };
  }

  /** Some terms by id, in `language`, in the order given; unknown ids are left out. */
  async entries(ids: string[], language: GlossaryLanguage): Promise<GlossaryEntry[]> {
    const glossary = await this.glossary();
    return ids.flatMap((id) => {
      const term = glossary.byId.get(id);
      return term ? [toEntry(term, glossary, language)] : [];
    });
  }
}

function toEntry(t: GlossaryTerm, glossary: Glossary, language: GlossaryLanguage): GlossaryEntry {
  const others = (['en', 'az', 'ru'] as const).filter((l) => l !== language);
  return {
    id: t.id,
    anchor: glossaryAnchor(t.id),
    term: t.term[language],
    definition: t.definition[language],
    otherNames: others.map((l) => ({ language: l, term: t.term[l] })),
    source: t.source,
    letter: indexLetter(t.term[language], language),
    see: t.see.flatMap((id) => {
      const other = glossary.byId.get(id);
      return other ? [{ id, term: other.term[language], href: glossaryHref(id, language) }] : [];
    }),
  };
}
