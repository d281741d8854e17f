/** The certificates feature's public surface: other features and the apps import only this. */
export * from './canonical-json.js';
export * from './certificate-code.js';
export * from './certificate-pdf.js';
export * from './certificate-requests.js';
export * from './certificate-queue.service.js';
export * from './certificate-issuer.service.js';
export * from './certificates.errors.js';
export * from './certificates.service.js';
export * from './credential-status.service.js';
export * from './open-badges.service.js';
export * from './status-bitstring.js';
export * from './badge-image.js';
export * from './file-storage.js';
export * from './signing-keys.service.js';
export * from './issue-certificate.processor.js';
export * from './certificates.module.js';
export { bundledDocumentLoader } from './data-integrity.js';
export * from './course-certificate-lookup.js';
