/** The maintenance feature's public surface: other features and the apps import only this. */
export * from './maintenance.service.js';
export * from './queue-dashboard.service.js';
export * from './purge-expired.processor.js';
export * from './maintenance.module.js';
