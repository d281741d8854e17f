import { randomUUID } from 'node:crypto';
import { glossaryHref, type GlossaryLanguage } from '@karvan/content';
import {
  LOCALES,
  translate,
  type GlossaryEntry,
  type GlossaryListing,
  type LinkingModule,
  type Locale,
} from '@karvan/domain';

export interface GlossaryTermView extends GlossaryEntry {
  href: string;
  modules: LinkingModule[];
}

/** What the API returns: the listing, each entry with the modules that link it. */
export function glossaryResult(listing: GlossaryListing, modules: Map<string, LinkingModule[]>) {
  return {
    language: listing.language,
    query: listing.query,
    total: listing.total,
    letters: listing.letters,
    terms: listing.entries.map((e) => withModules(e, listing.language, modules)),
  };
}

type GlossaryPage = ReturnType<typeof glossaryPage> & { textKey: string };
interface KeptPage {
  modules: object;
  page: GlossaryPage;
}

/**
 * The page made from a listing and the modules that link its terms, in a page language: made again
 * only when either changes (both are kept objects, replaced when the glossary or the content does),
 * so the page's data is the same object between changes, which `KeptPages` can tell cheaply.
 */
export class GlossaryPages {
  private readonly pages = new WeakMap<GlossaryListing, Map<Locale, KeptPage>>();

  page(listing: GlossaryListing, modules: Map<string, LinkingModule[]>, locale: Locale): GlossaryPage {
    let byLocale = this.pages.get(listing);
    if (!byLocale) this.pages.set(listing, (byLocale = new Map<Locale, KeptPage>()));
    const kept = byLocale.get(locale);
    if (kept?.modules === modules) return kept.page;
    // Names the rendered text for `{{#cached}}`: each kept page shows nothing of who reads it.
    const page = { ...glossaryPage(listing, modules, locale), textKey: `glossary ${randomUUID()}` };
    byLocale.set(locale, { modules, page });
    return page;
  }
}

/** What the page shows: entries grouped under their index letters, and a link per language. */
export function glossaryPage(listing: GlossaryListing, modules: Map<string, LinkingModule[]>, locale: Locale) {
  const letters = listing.letters.map((l, i) => ({ ...l, anchor: `letter-${i + 1}` }));
  const groups = letters
    .filter((l) => l.used)
    .map((l) => ({
      ...l,
      entries: listing.entries
        .filter((e) => e.letter === l.letter)
        .map((e) => ({
          ...withModules(e, listing.language, modules),
          otherNames: e.otherNames.map((o) => ({ ...o, label: translate(locale, `lang.${o.language}`) })),
        })),
    }));
  const query = listing.query ? `&q=${encodeURIComponent(listing.query)}` : '';
  return {
    title: translate(locale, 'glossary.title'),
    language: listing.language,
    query: listing.query,
    total: listing.total,
    found: listing.entries.length,
    letters,
    groups,
    languages: LOCALES.map((code) => ({
      code,
      label: translate(locale, `lang.${code}`),
      current: code === listing.language,
      href: `/glossary?lang=${code}${query}`,
    })),
  };
}

function withModules(
  entry: GlossaryEntry,
  language: GlossaryLanguage,
  modules: Map<string, LinkingModule[]>,
): GlossaryTermView {
  return { ...entry, href: glossaryHref(entry.id, language), modules: modules.get(entry.id) ?? [] };
}
