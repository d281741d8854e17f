import type { Locale } from '../shared/locale.js';
import { az } from './az.js';
import { en } from './en.js';
import { ru } from './ru.js';

/** A message, or its plural forms by CLDR category (English: one/other; Russian: one/few/many/other). */
export type Message = string | Partial<Record<Intl.LDMLPluralRule, string>>;
export type Catalogue = Record<string, Message>;

const CATALOGUES: Record<Locale, Catalogue> = { en, az, ru };
const PLURALS: Record<Locale, Intl.PluralRules> = {
  en: new Intl.PluralRules('en'),
  az: new Intl.PluralRules('az'),
  ru: new Intl.PluralRules('ru'),
};

export type MessageVars = Record<string, string | number>;

/** Looks a key up in the locale's catalogue, falling back to English, then to the key itself. */
export function translate(locale: Locale, key: string, vars: MessageVars = {}): string {
  const message = CATALOGUES[locale][key] ?? en[key];
  if (message === undefined) return key;
  const text = typeof message === 'string' ? message : pluralForm(locale, message, vars.count);
  // Most messages have no placeholder, and a page looks up dozens of them.
  if (!text.includes('{')) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function hasMessage(key: string): boolean {
  return key in en;
}

function pluralForm(locale: Locale, forms: Exclude<Message, string>, count: string | number | undefined): string {
  const category = PLURALS[locale].select(Number(count ?? 0));
  return forms[category] ?? forms.other ?? '';
}

export function catalogueKeys(locale: Locale): string[] {
  return Object.keys(CATALOGUES[locale]);
}

/** Picks the best supported language from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  const found = ranked.find((entry) => entry.lang in CATALOGUES);
  return found?.lang as Locale | undefined;
}
