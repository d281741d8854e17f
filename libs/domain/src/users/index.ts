/** The users feature's public surface: other features and the apps import only this. */
export * from './roles.js';
export * from './user.entity.js';
export * from './users.errors.js';
export * from './users.service.js';
export * from './passwords.js';
export * from './invitations.service.js';
export * from './registration.service.js';
export * from './users.module.js';
export * from './invited-accounts.js';
export * from './password-writes.js';
