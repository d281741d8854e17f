import type { GlossaryLanguage, GlossaryTerm } from './glossary-model.js';

/** Each language's letters in dictionary order, lowercase. Azerbaijani: ı (dotless) before i. */
export const ALPHABETS: Record<GlossaryLanguage, string[]> = {
  en: [...'abcdefghijklmnopqrstuvwxyz'],
  az: [...'abcçdeəfgğhxıijkqlmnoöprsştuüvyz'],
  ru: [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюя'],
};

const LOCALE_TAG: Record<GlossaryLanguage, string> = { en: 'en', az: 'az', ru: 'ru' };

/** Lowercase as the language does it: Azerbaijani I is ı and İ is i. */
export function lowerIn(text: string, language: GlossaryLanguage): string {
  if (language === 'az') return text.replace(/I/g, 'ı').replace(/İ/g, 'i').toLowerCase();
  return text.toLocaleLowerCase(LOCALE_TAG[language]);
}

/** Uppercase as the language does it: Azerbaijani i is İ and ı is I. */
export function upperIn(text: string, language: GlossaryLanguage): string {
  if (language === 'az') return text.replace(/i/g, 'İ').replace(/ı/g, 'I').toUpperCase();
  return text.toLocaleUpperCase(LOCALE_TAG[language]);
}

/**
 * Text folded for searching: lowercase, without accents, ə as e and ı/İ as i, ё as е, so a reader
 * without an Azerbaijani keyboard finds "icazə" by typing "icaze".
 */
export function foldForSearch(text: string): string {
  return text
    .replace(/[əƏ]/g, 'e')
    .replace(/[ıIİ]/g, 'i')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The index letter a term is filed under, uppercase in its language ("İ" for "icazə"). */
export function indexLetter(text: string, language: GlossaryLanguage): string {
  const first = [...lowerIn(filed(text), language)][0] ?? '';
  return upperIn(first, language);
}

/** A term as it is filed: by its first letter or digit, past any opening quotes («bir pəncərə» under B). */
function filed(text: string): string {
  return text.trim().replace(/^[^\p{L}\p{N}]+/u, '');
}

/** Compares two terms in the language's dictionary order (letters outside the alphabet sort after it). */
export function compareIn(a: string, b: string, language: GlossaryLanguage): number {
  return compareKeyed(a, sortKey(a, language), b, sortKey(b, language));
}

function compareKeyed(a: string, ka: number[], b: string, kb: number[]): number {
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
  return ka.length - kb.length || (a < b ? -1 : a > b ? 1 : 0);
}

function sortKey(text: string, language: GlossaryLanguage): number[] {
  const alphabet = ALPHABETS[language];
  return [...lowerIn(filed(text), language)].map((ch) => {
    const rank = alphabet.indexOf(ch);
    if (rank >= 0) return rank + 1;
    // Spaces and hyphens sort before letters, so "work permit" comes before "workers".
    if (/[\s\-–—]/.test(ch)) return 0;
    return 1000 + (ch.codePointAt(0) ?? 0);
  });
}

export interface IndexLetter {
  letter: string;
  /** Whether any term is filed under it. */
  used: boolean;
}

/** The language's alphabet as index letters, then any other first letters the terms start with. */
export function alphabetIndex(terms: GlossaryTerm[], language: GlossaryLanguage): IndexLetter[] {
  const used = new Set(terms.map((t) => indexLetter(t.term[language], language)));
  const letters = ALPHABETS[language].map((l) => upperIn(l, language));
  const others = [...used].filter((l) => !letters.includes(l)).sort((a, b) => compareIn(a, b, language));
  return [...letters, ...others].map((letter) => ({ letter, used: used.has(letter) }));
}

/** Terms sorted in the language's order. */
export function sortTerms(terms: GlossaryTerm[], language: GlossaryLanguage): GlossaryTerm[] {
  // Each term's key once, not once per comparison: the glossary page sorts every term.
  const keyed = terms.map((term) => ({ term, text: term.term[language], key: sortKey(term.term[language], language) }));
  keyed.sort((a, b) => compareKeyed(a.text, a.key, b.text, b.key));
  return keyed.map((k) => k.term);
}

/** Terms whose name in any language (or whose id) contains the query, folded; all terms for an empty query. */
export function searchTerms(terms: GlossaryTerm[], query: string): GlossaryTerm[] {
  const q = foldForSearch(query);
  if (!q) return terms;
  return terms.filter((t) =>
    [t.id.replace(/-/g, ' '), t.term.en, t.term.az, t.term.ru].some((s) => foldForSearch(s).includes(q)),
  );
}
