import type { Database } from 'better-sqlite3';
import fp from 'fastify-plugin';
import { openDatabase } from '../db/open.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

/** Opens and migrates the SQLite database; closes it when the app closes. */
export default fp(
  async (app, opts: { dataDir: string }) => {
    const db = openDatabase(opts.dataDir);
    app.decorate('db', db);
    app.addHook('onClose', async () => {
      db.close();
    });
  },
  { name: 'db' },
);
