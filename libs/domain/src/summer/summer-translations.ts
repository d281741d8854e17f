import type { Locale } from '../shared/locale.js';

/** The languages a summer school's words may be given in besides its base text. */
export const TRANSLATED_LOCALES = ['az', 'ru'] as const satisfies readonly Locale[];

/** `{ az: { title, description }, ru: { … } }`: only what was given; the base text stands in for the rest. */
export type SummerTranslations = Partial<Record<Locale, Record<string, string>>>;

/**
 * Collects `<field>Az`/`<field>Ru` form values into translations: trimmed, cut to `max`, empty
 * ones left out so the base text shows instead.
 */
export function collectTranslations(
  input: Record<string, unknown>,
  fields: Record<string, number>,
): SummerTranslations {
  const result: SummerTranslations = {};
  for (const locale of TRANSLATED_LOCALES) {
    const suffix = locale === 'az' ? 'Az' : 'Ru';
    const words: Record<string, string> = {};
    for (const [field, max] of Object.entries(fields)) {
      const value = input[`${field}${suffix}`];
      const text = typeof value === 'string' ? value.trim().slice(0, max) : '';
      if (text) words[field] = text;
    }
    if (Object.keys(words).length) result[locale] = words;
  }
  return result;
}
