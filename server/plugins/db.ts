import type { Database } from 'better-sqlite3';
import fp from 'fastify-plugin';
import { openDatabase } from '../db/open.ts';
import { sqliteStorage, type Storage } from '../db/storage.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The SQLite database itself, for what stays SQLite's (backups, the eraser). */
    db: Database;
    /** The storage port every service and route goes through. */
    storage: Storage;
  }
}

/** Opens and migrates the SQLite database, and the storage port on it; closes it when the app closes. */
export default fp(
  async (app, opts: { dataDir: string }) => {
    const db = openDatabase(opts.dataDir);
    app.decorate('db', db);
    app.decorate('storage', sqliteStorage(db));
    app.addHook('onClose', async () => {
      db.close();
    });
  },
  { name: 'db' },
);
