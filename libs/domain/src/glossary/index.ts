/** The glossary feature's public surface: other features and the apps import only this. */
export * from './glossary.service.js';
export { GLOSSARY_STATE_SQL, storeGlossary, loadGlossary, type GlossarySyncReport } from './glossary-store.js';
export * from './glossary.module.js';
