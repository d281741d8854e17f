export * from './demo.service.js';
export * from './demo.module.js';
export { DEMO_COMPLETED_COURSE } from './demo-learning.js';
