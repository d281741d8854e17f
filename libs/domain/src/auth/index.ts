/** The auth feature's public surface: other features and the apps import only this. */
export * from './principal.js';
export * from './principals.service.js';
export * from './auth.errors.js';
export * from './auth.service.js';
export * from './sessions.service.js';
export * from './api-tokens.service.js';
export * from './login-throttle.service.js';
export * from './auth.module.js';
export * from './password-resets.service.js';
export * from './accounts.service.js';
export * from './email-changes.service.js';
