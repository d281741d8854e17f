export { SITE_ROLES as ROLES, type SiteRole as Role } from '../access/index.js';
export { LOCALES, isLocale, type Locale } from '../shared/locale.js';
