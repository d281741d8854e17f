/** The books feature's public surface: other features and the apps import only this. */
export * from './book-types.js';
export * from './books.errors.js';
export { buildBook, bookRevision, BOOK_LAYOUT_VERSION, type BookOptions } from './build-book.js';
export { PDF_VARIANT } from './book-pdf.js';
export type { Book, BookStatus } from './book-row.js';
export * from './books.service.js';
export * from './book-builder.service.js';
export * from './build-book.processor.js';
export * from './books.module.js';
