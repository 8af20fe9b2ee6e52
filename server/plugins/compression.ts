import fastifyCompress from '@fastify/compress';
import fp from 'fastify-plugin';

/**
 * Text the server makes per request (JSON of the API and reports, CSV, the logo as SVG) goes
 * compressed to browsers that accept brotli or gzip. Never what is compressed already (XLSX,
 * PDF and PNG are not in the list) nor the built client, which @fastify/static sends from the
 * copies precompressed at build time (server/cli/precompress.ts).
 */
const COMPRESSIBLE = /^(?:text\/(?!event-stream)|application\/json|image\/svg\+xml)(?:;|$)/;

export default fp(
  async (app) => {
    await app.register(fastifyCompress, {
      encodings: ['br', 'gzip'],
      customTypes: COMPRESSIBLE,
      // Request bodies are small JSON: a compressed one could slip a large body past bodyLimit.
      globalDecompression: false,
    });
  },
  { name: 'compression' },
);
