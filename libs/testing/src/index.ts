export * from './web-client.js';
export * from './factories.js';
export * from './browser.js';
export * from './scratch-database.js';
export * from './corpus.js';
export * from './wait-for.js';
export * from './fixtures.js';
export * from './smtp.js';
