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
import { KeptMap } from '../shared/kept-map.js';
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

/** Each language's full listing and the searches readers make most, per glossary. */
const LISTINGS_KEPT = 60;

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
  private readonly listings = new WeakMap<Glossary, KeptMap<string, GlossaryListing>>();

  constructor(private readonly db: DataSource) {}

  /** Kept until the glossary epoch moves: saving a module (the content epoch) does not reload it. */
  async glossary(): Promise<Glossary> {
    return this.glossaryAt(await readGlossaryEpoch(this.db));
  }

  /** The same, for a glossary epoch read in a query made anyway (GLOSSARY_EPOCH_SQL). */
  glossaryAt(epoch: string): Promise<Glossary> {
    return this.cache.through('glossary', epoch, () => loadGlossary(this.db.manager));
  }

  /**
   * The entries whose name in any language matches `query` (all for an empty one), in `language`'s
   * order. Kept with the glossary they were made from, so the same object comes back until the
   * glossary changes: the page made from it is kept by that identity too.
   */
  async list(language: GlossaryLanguage, query = ''): Promise<GlossaryListing> {
    const glossary = await this.glossary();
    let listings = this.listings.get(glossary);
    if (!listings) this.listings.set(glossary, (listings = new KeptMap(LISTINGS_KEPT)));
    const key = `${language}\n${query.trim()}`;
    let listing = listings.get(key);
    if (!listing) listings.set(key, (listing = makeListing(glossary, language, query)));
    return listing;
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

function makeListing(glossary: Glossary, language: GlossaryLanguage, query: string): GlossaryListing {
  const found = sortTerms(searchTerms(glossary.terms, query), language);
  return {
    language,
    query: query.trim(),
    letters: alphabetIndex(found, language),
    entries: found.map((t) => toEntry(t, glossary, language)),
    total: glossary.terms.length,
  };
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
