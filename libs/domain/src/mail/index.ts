/** The mail feature's public surface: other features and the apps import only this. */
export * from './mail.service.js';
export * from './mail-delivery.service.js';
export * from './send-mail.processor.js';
export * from './secret-links.js';
export * from './mail.module.js';
