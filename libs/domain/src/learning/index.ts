/** The learning feature's public surface: other features and the apps import only this. */
export * from './enrolment.errors.js';
export * from './enrolments.service.js';
export * from './catalogue.service.js';
export * from './reader.service.js';
export * from './completion.js';
export * from './gradebook.service.js';
export * from './item-analysis.service.js';
export * from './regrade.service.js';
export { itemAnalysisCsv, type ItemStats, type ItemFlag } from './item-analysis.js';
export * from './my-learning.service.js';
export * from './learning.errors.js';
export * from './quiz-attempts.types.js';
export * from './quiz-attempts.service.js';
export * from './bulk-enrolment.service.js';
export * from './learning.module.js';
export * from './cohort-enrolment.js';
export { onCourseCompleted, type CourseCompletionListener } from './completion-listeners.js';
