/**
 * The domain's public surface: each feature's own index, the shared kernel and the i18n
 * catalogues. Apps import only from here; features import each other only through their index.
 */
export * from './shared/domain-error.js';
export * from './shared/control-characters.js';
export * from './shared/tokens.js';
export * from './shared/csv.js';
export * from './shared/spreadsheet.js';
export * from './shared/ids.js';
export * from './shared/locale.js';
export * from './shared/date-time.js';
export * from './shared/kept-map.js';
export * from './i18n/translate.js';
export * from './i18n/checker-messages.js';
export * from './access/index.js';
export * from './users/index.js';
export * from './auth/index.js';
export * from './events/index.js';
export * from './mail/index.js';
export * from './glossary/index.js';
export * from './courses/index.js';
export * from './learning/index.js';
export * from './certificates/index.js';
export * from './summer/index.js';
export * from './maintenance/index.js';
export * from './books/index.js';
export * from './domain.module.js';
