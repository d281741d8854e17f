import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { projectRoot } from '@karvan/config';
import { bakuLocal, isLocale, translate, type MessageVars } from '@karvan/domain';

export const VIEWS_DIR = join(projectRoot(), 'apps/api/views');
export const PUBLIC_DIR = join(projectRoot(), 'apps/api/public');

/** A Handlebars instance with Karvan's helpers and every partial under views/partials. */
export function createHandlebars(): typeof Handlebars {
  const hbs = Handlebars.create();
  hbs.registerHelper('t', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
    const data = options.data as { root?: { locale?: unknown } } | undefined;
    const root = data?.root;
    const locale = isLocale(root?.locale) ? root.locale : 'en';
    return translate(locale, key, options.hash as MessageVars);
  });
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('includes', (list: unknown, item: unknown) => Array.isArray(list) && list.includes(item));
  // JSON-shaped read models carry ISO strings where rows carry Dates: both print the same.
  hbs.registerHelper('date', (value: unknown) => {
    const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
    return date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 16).replace('T', ' ') : '';
  });
  hbs.registerHelper('array', (...args: unknown[]) => args.slice(0, -1));
  // Times of summer-school sessions, as lived in Baku (UTC+4) where the schools take place.
  hbs.registerHelper('time', (value: unknown) => (value instanceof Date ? bakuLocal(value).slice(11, 16) : ''));
  registerPartials(hbs, join(VIEWS_DIR, 'partials'));
  return hbs;
}

function registerPartials(hbs: typeof Handlebars, dir: string): void {
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.hbs')) continue;
    const name = relative(dir, join(dir, entry)).replace(/\.hbs$/, '');
    hbs.registerPartial(name, readFileSync(join(dir, entry), 'utf8'));
  }
}
