/** The events feature's public surface: other features and the apps import only this. */
export * from './domain-event.js';
export * from './domain-events.service.js';
export * from './event-dispatcher.service.js';
export * from './queue-coverage.js';
export * from './record-event.js';
export * from './event-sweep.service.js';
export * from './events.module.js';
