import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CodeTakenError } from '../../../server/db/errors.ts';
import { openDatabase } from '../../../server/db/open.ts';
import { sqliteStorage, type Storage } from '../../../server/db/storage.ts';

let dir: string;
let db: Database;
let storage: Storage;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plenario-storage-'));
  db = openDatabase(dir);
  storage = sqliteStorage(db);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const session = (id: string, code: string) => ({ id, code, title: id, templateId: null, facilitatorTokenHash: 'h', createdAt: 0 });
const joiner = (id: string) => ({ id, sessionId: 's1', displayName: null, agency: null, joinedAt: 0, tokenHash: `t-${id}` });

describe('sqliteStorage', () => {
  it('commits every write of a transaction together, and none when its work throws', async () => {
    await storage.transaction(async (tx) => {
      await tx.sessions.create(session('s1', '111111'), []);
      await tx.settings.set('a', '1');
    });
    await expect(
      storage.transaction(async (tx) => {
        await tx.settings.set('b', '2');
        await tx.sessions.create(session('s2', '222222'), []);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await storage.settings.get('a')).toBe('1');
    expect(await storage.settings.get('b')).toBeNull();
    expect(await storage.sessions.findById('s2')).toBeNull();
    expect(db.inTransaction).toBe(false);
  });

  it('runs transactions one at a time, in the order asked', async () => {
    const order: string[] = [];
    const run = (name: string) =>
      storage.transaction(async (tx) => {
        order.push(`${name} begins`);
        await tx.settings.set(name, name);
        await tx.settings.get(name);
        order.push(`${name} ends`);
      });
    await Promise.all([run('a'), run('b'), run('c')]);
    expect(order).toEqual(['a begins', 'a ends', 'b begins', 'b ends', 'c begins', 'c ends']);
  });

  it('makes a call through the outer storage wait for the open transaction, rather than join it', async () => {
    let outside: Promise<string | null> = Promise.resolve(null);
    await expect(
      storage.transaction(async (tx) => {
        await tx.settings.set('k', 'uncommitted');
        // Another command's read while this transaction is open: it must not see (or join) it.
        outside = storage.settings.get('k');
        await tx.settings.get('k');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await outside).toBeNull();
  });

  it('reports a join code taken by an open session as CodeTakenError', async () => {
    await storage.sessions.create(session('s1', '123456'), []);
    await expect(storage.sessions.create(session('s2', '123456'), [])).rejects.toBeInstanceOf(CodeTakenError);
  });

  it('refuses a group-commit batch inside an open transaction, so that its acks never wait on (or die with) it', async () => {
    await storage.sessions.create(session('s1', '123456'), []);
    await expect(storage.transaction((tx) => tx.participants.createBatch([joiner('p1')]))).rejects.toThrow(/inside an open transaction/);
    await expect(
      storage.transaction((tx) =>
        tx.answers.writeBatch([
          { participantId: 'p1', activityId: 'a', clientAnswerId: 'c', value: { kind: 'choice', optionIds: ['x'] }, at: 0 },
        ]),
      ),
    ).rejects.toThrow(/inside an open transaction/);
    expect(await storage.participants.countInSession('s1')).toBe(0);
    // Outside a transaction, as GroupCommit runs it, the batch is its own transaction.
    expect((await storage.participants.createBatch([joiner('p1')]))[0]).toMatchObject({ id: 'p1', number: 1 });
  });
});
