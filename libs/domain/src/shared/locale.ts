/** The languages Karvan speaks; every feature uses them, so they live in the shared kernel. */
export const LOCALES = ['en', 'az', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Words given in other languages besides a base text: `{ az: { title: '…' }, ru: { … } }`. */
export type TextTranslations = Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;

/**
 * The `field` in `locale` when it was given (a non-empty string), else the base text: what the
 * views' `{{localised}}` helper shows, and what e-mails, feeds and PDFs print.
 */
export function translatedText<T>(
  base: T,
  translations: TextTranslations | null | undefined,
  locale: string | undefined,
  field = 'title',
): T | string {
  const text = locale ? translations?.[locale]?.[field] : undefined;
  return typeof text === 'string' && text ? text : base;
}
