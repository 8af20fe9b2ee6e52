import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

/**
 * Serves the built client, and index.html for the app's own paths (/j/482913, /present/…),
 * so a reload on any screen works. API paths that match nothing get the JSON error shape.
 */
export default fp(
  async (app, opts: { clientDir: string }) => {
    const built = existsSync(join(opts.clientDir, 'index.html'));
    if (built) {
      await app.register(fastifyStatic, {
        root: opts.clientDir,
        cacheControl: false,
        // Hashed assets never change; index.html must always be revalidated.
        setHeaders: (res, path) => {
          res.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    }
    app.setNotFoundHandler((request, reply) => {
      const apiPath = request.url.startsWith('/api/') || request.url.startsWith('/socket.io');
      if (apiPath || request.method !== 'GET') {
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No existe esa ruta.' } });
      }
      if (!built) return reply.status(503).type('text/plain; charset=utf-8').send('El cliente no está construido: ejecuta npm run build.');
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    });
  },
  { name: 'client' },
);
