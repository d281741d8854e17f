export * from './glossary-model.js';
export * from './glossary-parser.js';
export * from './glossary-reader.js';
export * from './glossary-alphabet.js';
export * from './glossary-links.js';
