import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedSession, RatingActivity } from '../../shared/types.ts';
import { ManualClock } from './support/clock.ts';
import { runCli, startServerProcess, type ServerProcess } from './support/process.ts';
import {
  connect,
  connectFacilitator,
  createSession,
  getSession,
  ok,
  request,
  startServer,
  tempDataDir,
  type ClientSocket,
} from './support/server.ts';

const dirs: string[] = [];
const processes: ServerProcess[] = [];
let sockets: ClientSocket[] = [];

afterEach(() => {
  for (const s of sockets) s.close();
  sockets = [];
  for (const p of processes.splice(0)) p.child.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function newDataDir(): string {
  const dir = tempDataDir();
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string): Promise<ServerProcess> {
  const server = await startServerProcess(dataDir);
  processes.push(server);
  return server;
}

const KEY = 'a'.repeat(64);
/** 170 participants answering every 340 ms: the 500 answers/s of the issue, within each one's rate limit. */
const PEOPLE = 170;
const PACE_MS = 340;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cli = (script: string, args: string[], env: Record<string, string>) =>
  runCli(`server/cli/${script}.ts`, args, { env: { ...process.env, BACKUP_KEY: '', ...env }, timeoutMs: 90_000 });

/** A rating answer that spells `seq` in base 5 over the items, so every submission has its own value. */
function ratingOf(activity: RatingActivity, seq: number) {
  const ratings: Record<string, number> = {};
  activity.items.forEach((item, i) => (ratings[item.id] = (Math.floor(seq / 5 ** i) % 5) + 1));
  return { kind: 'rating' as const, ratings };
}

function seqOf(activity: RatingActivity, ratings: Record<string, number>): number {
  return activity.items.reduce((sum, item, i) => sum + ((ratings[item.id] ?? 1) - 1) * 5 ** i, 0);
}

async function liveRating(url: string): Promise<{ session: CreatedSession; rating: RatingActivity }> {
  const session = await createSession(url);
  const facilitator = await connectFacilitator(url, session);
  sockets.push(facilitator);
  const { session: view } = await facilitator.snapshot;
  const rating = view.agenda.find((a): a is RatingActivity => a.kind === 'rating')!;
  ok(await request(facilitator, 'agenda:goto', { activityId: rating.id }));
  return { session, rating };
}

describe('backup and restore', () => {
  it('a backup taken while answers stream in holds every answer acknowledged before it, and restores to a server serving the same results', async () => {
    const sourceDir = newDataDir();
    const source = await start(sourceDir);
    const { session, rating } = await liveRating(source.url);
    const people = await Promise.all(
      Array.from({ length: PEOPLE }, async () => {
        const socket = await connect(source.url);
        sockets.push(socket);
        const { participantToken } = ok(await request(socket, 'session:join', { code: session.code }));
        return { socket, token: participantToken, sent: -1, acked: -1, ackedBeforeBackup: -1 };
      }),
    );

    // Every person changes their answer about 3 times a second (their rate limit): about 500 answers/s in all.
    let streaming = true;
    let acks = 0;
    const streams = people.map(async (person) => {
      for (let seq = 0; streaming && seq < 5 ** rating.items.length; seq++) {
        const paced = sleep(PACE_MS);
        person.sent = seq;
        const value = ratingOf(rating, seq);
        ok(
          await request(person.socket, 'answer:submit', {
            activityId: rating.id,
            clientAnswerId: `b-${person.token.slice(0, 8)}-${seq}`,
            value,
          }),
        );
        person.acked = seq;
        acks++;
        await paced;
      }
    });
    while (acks < 2 * PEOPLE) await sleep(20);

    for (const person of people) person.ackedBeforeBackup = person.acked;
    const out = join(newDataDir(), 'streaming.plenbak');
    const backup = await cli('backup', ['--out', out], { DATA_DIR: sourceDir, BACKUP_KEY: KEY });
    streaming = false;
    await Promise.all(streams);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Copia cifrada comprobada/);
    // How many answers land during the copy depends on the machine's timing (a fast copy can fall
    // between two rounds of answers), so it is not asserted: what was acknowledged before is.
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('PLENBAK1');
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);

    const restoredDir = newDataDir();
    const restore = await cli('restore', [out], { DATA_DIR: restoredDir, BACKUP_KEY: KEY });
    expect(restore.code, restore.stderr).toBe(0);
    const restored = await start(restoredDir);
    for (const person of people) {
      const socket = await connect(restored.url);
      sockets.push(socket);
      const { snapshot } = ok(await request(socket, 'session:join', { code: session.code, participantToken: person.token }));
      const answer = snapshot.myAnswers[rating.id];
      expect(answer?.kind).toBe('rating');
      const seq = seqOf(rating, answer?.kind === 'rating' ? answer.ratings : {});
      // What was acknowledged before the backup began is there, or a later answer of the same person.
      expect(seq).toBeGreaterThanOrEqual(person.ackedBeforeBackup);
      expect(seq).toBeLessThanOrEqual(person.sent);
    }

    // Once quiet, a plain backup restores to the same results the source serves.
    const quiet = join(newDataDir(), 'quiet.sqlite');
    expect((await cli('backup', ['--out', quiet], { DATA_DIR: sourceDir })).code).toBe(0);
    expect(readFileSync(quiet).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    const quietDir = newDataDir();
    expect((await cli('restore', [quiet], { DATA_DIR: quietDir })).code).toBe(0);
    const again = await start(quietDir);
    expect((await getSession(again.url, session)).results).toEqual((await getSession(source.url, session)).results);
  });

  it('refuses to restore under a running server, with a wrong key, or from a damaged file, leaving the database as it was', async () => {
    const dataDir = newDataDir();
    const server = await start(dataDir);
    const { session } = await liveRating(server.url);
    const out = join(newDataDir(), 'copy.plenbak');
    expect((await cli('backup', ['--out', out], { DATA_DIR: dataDir, BACKUP_KEY: KEY })).code).toBe(0);
    const second = await cli('backup', ['--out', out], { DATA_DIR: dataDir, BACKUP_KEY: KEY });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/ya existe/);

    const running = await cli('restore', [out], { DATA_DIR: dataDir, BACKUP_KEY: KEY });
    expect(running.code).toBe(1);
    expect(running.stderr).toMatch(/open: stop it, then restore/);
    const withoutKey = await cli('restore', [out], { DATA_DIR: dataDir });
    expect(withoutKey.code).toBe(1);
    expect(withoutKey.stderr).toMatch(/encrypted: set BACKUP_KEY/);
    const wrongKey = await cli('restore', [out], { DATA_DIR: dataDir, BACKUP_KEY: 'b'.repeat(64) });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/not the key it was made with/);
    const damaged = join(newDataDir(), 'damaged.sqlite');
    writeFileSync(damaged, readFileSync(join(dataDir, 'plenario.sqlite')).subarray(0, 8192));
    const broken = await cli('restore', [damaged], { DATA_DIR: dataDir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/integrity check|not a readable SQLite database/);
    expect(readdirSync(dataDir).filter((f) => f.includes('restor'))).toEqual([]);
    // The server went on serving its session all along.
    expect((await getSession(server.url, session)).session.id).toBe(session.id);

    // Stopped, the copy goes back and the old database is kept aside.
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    const restored = await cli('restore', [out], { DATA_DIR: dataDir, BACKUP_KEY: KEY });
    expect(restored.code, restored.stderr).toBe(0);
    const aside = readdirSync(dataDir).filter((f) => f.startsWith('plenario.sqlite.before-restore-'));
    expect(aside).toHaveLength(1);
    expect(existsSync(join(dataDir, 'plenario.sqlite'))).toBe(true);
    const back = await start(dataDir);
    expect((await getSession(back.url, session)).session.id).toBe(session.id);
  });

  it('scheduled backups rotate: BACKUP_KEEP newest stay, each one restorable; a folder it cannot write is refused at start-up', async () => {
    const backupDir = join(newDataDir(), 'copias');
    const clock = new ManualClock(Date.UTC(2026, 11, 6, 12));
    const server = await startServer({
      env: { BACKUP_DIR: backupDir, BACKUP_KEEP: '2', BACKUP_EVERY: '6h', BACKUP_KEY: KEY },
      now: clock.now,
    });
    try {
      const { session } = await liveRating(server.url);
      expect(server.app.backups.lastAt()).toBeNull();
      for (let i = 0; i < 3; i++) {
        await server.app.backups.run();
        clock.advance(6 * 3600_000);
      }
      expect(readdirSync(backupDir)).toEqual(['plenario-20261206T180000000Z.plenbak', 'plenario-20261207T000000000Z.plenbak']);
      expect(server.app.backups.lastAt()).toBe(Date.UTC(2026, 11, 7, 0));
      const restoredDir = newDataDir();
      const restore = await cli('restore', [join(backupDir, 'plenario-20261207T000000000Z.plenbak')], {
        DATA_DIR: restoredDir,
        BACKUP_KEY: KEY,
      });
      expect(restore.code, restore.stderr).toBe(0);
      const restored = await start(restoredDir);
      expect((await getSession(restored.url, session)).session.id).toBe(session.id);
    } finally {
      await server.close();
    }
    const file = join(newDataDir(), 'a-file');
    writeFileSync(file, '');
    await expect(startServer({ env: { BACKUP_DIR: file } })).rejects.toThrow(/BACKUP_DIR .* must be a folder the server can write to/);
  });
});
