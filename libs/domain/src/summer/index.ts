/** The summer feature's public surface: other features and the apps import only this. */
export * from './summer.errors.js';
export * from './form-definition.js';
export * from './cohort-input.js';
export * from './cohort-access.js';
export * from './cohort-completion.js';
export * from './cohorts.service.js';
export * from './applications.service.js';
export * from './selection.service.js';
export * from './timetable.service.js';
export * from './attendance.service.js';
export * from './cohort-dashboard.service.js';
export * from './cohort-definitions.service.js';
export * from './ical.js';
export * from './baku-time.js';
export * from './summer.module.js';
export * from './summer-translations.js';
