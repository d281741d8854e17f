export * from './data-source.js';
export * from './prepared.js';
export * from './migrate.js';
export * from './embedded.js';
export { runningEmbeddedUrl } from './embedded-address.js';
export * from './database.module.js';
export { MIGRATIONS } from './migrations/index.js';
export * from './batched.js';
