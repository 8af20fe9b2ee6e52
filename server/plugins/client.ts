import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sendRevalidated } from '../http-cache.ts';
import { themedPage } from '../theme/page.ts';
import type { Theme } from '../theme/theme.ts';

/**
 * Serves the built client, and index.html for the app's own paths (/j/482913, /present/…),
 * so a reload on any screen works. The page carries the deployment's theme (name, logo,
 * stylesheet). API paths that match nothing get the JSON error shape.
 */
export default fp(
  async (app, opts: { clientDir: string; theme: Theme }) => {
    const indexFile = join(opts.clientDir, 'index.html');
    const built = existsSync(indexFile);
    // Read at each request, as a file would be: a rebuild while the server runs names new assets.
    const sendPage = async (request: FastifyRequest, reply: FastifyReply) =>
      sendRevalidated(request, reply, themedPage(await readFile(indexFile, 'utf8'), opts.theme), 'text/html; charset=utf-8');
    if (built) {
      await app.register(fastifyStatic, {
        root: opts.clientDir,
        cacheControl: false,
        // The .br and .gz copies written at build time, chosen by Accept-Encoding.
        preCompressed: true,
        // The page is the themed one below, never the file as built.
        index: false,
        allowedPath: (path) => path !== '/index.html',
        // Hashed assets never change; other files must always be revalidated.
        setHeaders: (res, path) => {
          res.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
          // Caches keep the brotli, gzip and plain copies apart.
          res.setHeader('Vary', 'Accept-Encoding');
        },
      });
      // The static wildcard would answer / with its directory; the page answers it.
      app.get('/', { schema: { hide: true } }, sendPage);
    }
    app.setNotFoundHandler(async (request, reply) => {
      const apiPath = request.url.startsWith('/api/') || request.url.startsWith('/socket.io');
      // HEAD is GET without the body (link checkers and monitors probe pages so).
      if (apiPath || (request.method !== 'GET' && request.method !== 'HEAD')) {
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No existe esa ruta.' } });
      }
      if (!built) return reply.status(503).type('text/plain; charset=utf-8').send('El cliente no está construido: ejecuta npm run build.');
      return sendPage(request, reply);
    });
  },
  { name: 'client' },
);
