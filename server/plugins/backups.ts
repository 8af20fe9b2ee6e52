import { accessSync, constants, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import { backupDatabase, type BackupResult } from '../backup/snapshot.ts';
import { ConfigError, type BackupConfig } from '../config.ts';

declare module 'fastify' {
  interface FastifyInstance {
    backups: ScheduledBackups;
  }
}

export interface ScheduledBackups {
  /** When the newest scheduled backup was made (ms), null when none is on disk or they are off. */
  lastAt(): number | null;
  /** Makes one scheduled backup now and removes the ones beyond BACKUP_KEEP. */
  run(): Promise<BackupResult>;
}

const NAME = /^plenario-\d{8}T\d{9}Z\.(sqlite|plenbak)$/;

/** Scheduled backups (docs/operations.md#scheduled-backups): BACKUP_DIR, BACKUP_EVERY, BACKUP_KEEP. */
export default fp(
  async (app, opts: { backups: BackupConfig; key: Buffer | null; now: () => number }) => {
    const { dir, everyMs, keep } = opts.backups;
    if (dir === null) {
      app.decorate('backups', {
        lastAt: () => null,
        run: () => Promise.reject(new Error('Scheduled backups are off (BACKUP_DIR is not set).')),
      });
      return;
    }
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      accessSync(dir, constants.W_OK);
    } catch (error) {
      throw new ConfigError(`BACKUP_DIR (${dir}) must be a folder the server can write to: ${(error as Error).message}`);
    }
    const ours = () =>
      readdirSync(dir)
        .filter((f) => NAME.test(f))
        .sort();
    const newest = ours().at(-1);
    let lastAt: number | null = newest ? statSync(join(dir, newest)).mtimeMs : null;

    const run = async (): Promise<BackupResult> => {
      const stamp = new Date(opts.now()).toISOString().replace(/[-:.]/g, '');
      const result = await backupDatabase(app.db, join(dir, `plenario-${stamp}.${opts.key ? 'plenbak' : 'sqlite'}`), opts.key);
      lastAt = opts.now();
      // Rotation is what bounds how long data that retention removed lives on in backups.
      for (const old of ours().slice(0, -keep)) rmSync(join(dir, old), { force: true });
      return result;
    };
    const timer = setInterval(() => {
      run().then(
        (result) => app.log.info({ file: result.file, bytes: result.bytes }, 'scheduled backup made'),
        (error: unknown) => app.log.error({ err: error }, 'scheduled backup failed'),
      );
    }, everyMs);
    timer.unref();
    app.decorate('backups', { lastAt: () => lastAt, run });
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'backups', dependencies: ['db'] },
);
