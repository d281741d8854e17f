export { SITE_ROLES as ROLES, type SiteRole as Role } from '../access/access-roles.js';

export const LOCALES = ['en', 'az', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
