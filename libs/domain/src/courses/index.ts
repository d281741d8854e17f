/** The courses feature's public surface: other features and the apps import only this. */
export * from './courses.errors.js';
export * from './courses.service.js';
export * from './modules.service.js';
export * from './media.service.js';
export * from './certificate-approval.service.js';
export * from './course-sync.service.js';
export * from './course-archive.service.js';
export * from './quiz-transfer.service.js';
export * from './module-lifecycle.service.js';
export * from './course-settings.service.js';
export type { ContentProblem, CompiledModule } from './compile-module.js';
export * from './courses.module.js';
export * from './course-settings.js';
export * from './glossary-usage.service.js';
export type { GlossaryTreeReport } from './glossary-sync.js';
export { readCourseFiles } from './course-source.js';
export { loadAnswerKeys, type StoredKey } from './answer-keys.js';
export {
  loadCourseRef,
  loadModuleQuiz,
  loadNextModule,
  loadQuizTranslation,
  moduleTitleSql,
  loadRevisionPlaces,
  type ModuleQuiz,
  type RevisionPlace,
} from './module-reads.js';
