import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { projectRoot } from '@karvan/config';
import {
  DEFAULT_TIME_ZONE,
  formatClock,
  formatDate,
  formatDateTime,
  formatNumber,
  formatTime,
  formatTimeRange,
  isLocale,
  isTimeZone,
  printedSerial,
  toDate,
  translate,
  translatedText,
  zoneLabel,
  type Locale,
  type MessageVars,
  type TextTranslations,
} from '@karvan/domain';

import { errorSummary, type FieldErrors } from './forms.js';
import { registerFragmentHelper, RenderedFragments } from './fragments.js';
import { registerReadingHelpers } from './reading-helpers.js';
import { StaticAssets } from './static-assets.js';

export const VIEWS_DIR = join(projectRoot(), 'apps/api/views');
export const PUBLIC_DIR = join(projectRoot(), 'apps/api/public');

interface Root {
  locale?: unknown;
  timeZone?: unknown;
  head?: { title?: string };
}

type Options = Handlebars.HelperOptions;

function rootOf(options: Options): Root {
  return (options.data as { root?: Root } | undefined)?.root ?? {};
}

function localeOf(options: Options): Locale {
  const locale = rootOf(options).locale;
  return isLocale(locale) ? locale : 'en';
}

/** The page's zone (the cohort's, the user's or the site's), unless the call names one with `zone=`. */
function zoneOf(options: Options, siteZone: string): string {
  const named = (options.hash as { zone?: unknown }).zone;
  if (isTimeZone(named)) return named;
  const zone = rootOf(options).timeZone;
  return isTimeZone(zone) ? zone : siteZone;
}

/** A date helper that never prints nothing: an empty date says so in words. */
function dateHelper(siteZone: string, show: (value: Date, locale: Locale, zone: string) => string) {
  return (value: unknown, options: Options) => {
    const locale = localeOf(options);
    const date = toDate(value);
    return date ? show(date, locale, zoneOf(options, siteZone)) : translate(locale, 'ux.noDate');
  };
}

/**
 * A Handlebars instance with Karvan's helpers and every partial under views/partials. Every date,
 * time and number on a page goes through the helpers here, so all pages agree.
 */
export function createHandlebars(
  siteZone: string = DEFAULT_TIME_ZONE,
  assets: StaticAssets = new StaticAssets(PUBLIC_DIR),
  fragments: RenderedFragments = new RenderedFragments(),
): typeof Handlebars {
  const hbs = Handlebars.create();
  // `{{asset "css/karvan.css"}}`: the file's address with its content hash, cached for a year.
  hbs.registerHelper('asset', (name: string) => assets.url(name));
  hbs.registerHelper('t', function (this: unknown, key: string, options: Options) {
    return translate(localeOf(options), key, options.hash as MessageVars);
  });
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).find(Boolean));
  hbs.registerHelper('includes', (list: unknown, item: unknown) => Array.isArray(list) && list.includes(item));
  hbs.registerHelper('array', (...args: unknown[]) => args.slice(0, -1));
  hbs.registerHelper('date', dateHelper(siteZone, formatDate));
  // A calendar day with no time (`2026-07-01`) is the same day in every zone.
  hbs.registerHelper(
    'calendarDay',
    dateHelper(siteZone, (value, locale) => formatDate(value, locale, 'UTC')),
  );
  hbs.registerHelper('datetime', dateHelper(siteZone, formatDateTime));
  hbs.registerHelper('printedSerial', (serial: unknown) => (typeof serial === 'number' ? printedSerial(serial) : ''));
  // A countdown counts from the server's reckoning, not the reader's clock, which may be wrong.
  hbs.registerHelper('secondsUntil', (value: unknown) => {
    const at = new Date(value as string).getTime();
    return Number.isNaN(at) ? 0 : Math.max(0, Math.round((at - Date.now()) / 1000));
  });
  hbs.registerHelper('time', dateHelper(siteZone, formatTime));
  hbs.registerHelper('clock', dateHelper(siteZone, formatClock));
  hbs.registerHelper('timeRange', (start: unknown, end: unknown, options: Options) =>
    formatTimeRange(start, end, localeOf(options), zoneOf(options, siteZone)),
  );
  hbs.registerHelper('zone', (options: Options) => zoneLabel(zoneOf(options, siteZone), localeOf(options)));
  // `{{localised title translations "title"}}`: the words in the reader's language, else the base text.
  hbs.registerHelper('localised', (base: unknown, translations: unknown, field: string, options: Options) =>
    translatedText(base, translations as TextTranslations | null, localeOf(options), field),
  );
  hbs.registerHelper('decimal', (value: unknown, options: Options) => formatNumber(value, localeOf(options)));
  // `(errorLinks errors "register" name="register.name" …)`: a form's errors, each linking to `#register-name`.
  hbs.registerHelper('errorLinks', (errors: unknown, prefix: string, options: Options) => {
    const labels = options.hash as Record<string, string>;
    const fields = Object.fromEntries(
      Object.entries(labels).map(([name, label]) => [name, { label, id: `${prefix}-${name}` }]),
    );
    return errorSummary(errors as FieldErrors | undefined, fields);
  });
  registerTitleHelper(hbs);
  registerReadingHelpers(hbs);
  registerFragmentHelper(hbs, fragments);
  registerPartials(hbs, join(VIEWS_DIR, 'partials'));
  return hbs;
}

/**
 * `{{pageTitle "Module" "Course"}}` in a page names it in the layout's `<title>` ("Module — Course — Karvan").
 * The page is rendered before the layout, and both get the same `head` object, so the page can
 * name itself next to its own heading.
 */
function registerTitleHelper(hbs: typeof Handlebars): void {
  hbs.registerHelper('pageTitle', (...args: unknown[]) => {
    const options = args.pop() as Options;
    const parts = args.map((part) => (typeof part === 'string' ? part.trim() : '')).filter(Boolean);
    const head = rootOf(options).head;
    if (head && parts.length) head.title = parts.join(' — ');
    return '';
  });
}

function registerPartials(hbs: typeof Handlebars, dir: string): void {
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.hbs')) continue;
    const name = relative(dir, join(dir, entry)).replace(/\.hbs$/, '');
    hbs.registerPartial(name, readFileSync(join(dir, entry), 'utf8'));
  }
}
