export * from './demo.service.js';
export * from './demo.module.js';
