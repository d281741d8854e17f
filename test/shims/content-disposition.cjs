// Jest cannot require() an ES module on Node 20, and @fastify/static requires content-disposition 3
// (ESM-only) for reply.download(), which Karvan does not use. Tests get this CommonJS stand-in.
'use strict';
function create(filename) {
  return `attachment; filename="${String(filename).replace(/[^\x20-\x7e]|["\\]/g, '_')}"`;
}
module.exports = { create };
