export * from './capabilities.js';
export * from './scope.js';
export * from './access-roles.js';
export * from './decide.js';
export * from './access.errors.js';
export * from './grants-store.js';
export * from './grants.service.js';
export * from './organisations.service.js';
