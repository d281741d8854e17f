export * from './queues.js';
export * from './backend.js';
export * from './jobs.module.js';
