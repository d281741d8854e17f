export * from './config.js';
export * from './config.module.js';
export * from './project-root.js';
export * from './json-logger.js';
export * from './log-context.js';
