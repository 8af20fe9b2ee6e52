import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/open.ts';
import { SqliteParticipantRepository } from '../../../server/db/participant-repository.ts';

let dir: string;
let db: Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plenario-participants-'));
  db = openDatabase(dir);
  const insertSession = db.prepare("INSERT INTO sessions (id, code, title, facilitator_token_hash, created_at) VALUES (?, ?, 'T', 'h', 0)");
  insertSession.run('s1', 'AAAAAA');
  insertSession.run('s2', 'BBBBBB');
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const entry = (id: string, sessionId: string, agency: string | null = null) => ({
  id,
  sessionId,
  displayName: null,
  agency,
  joinedAt: 1,
  tokenHash: `hash-${id}`,
});

describe('ParticipantRepository.createBatch', () => {
  it('numbers participants in join order within each session, across batches', () => {
    const participants = new SqliteParticipantRepository(db);
    const first = participants.createBatch([entry('a', 's1'), entry('b', 's2'), entry('c', 's1')]);
    const second = participants.createBatch([entry('d', 's1')]);
    expect([...first, ...second].map((p) => p && [p.id, p.number])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 2],
      ['d', 3],
    ]);
    expect(participants.findByTokenHash('hash-d')).toMatchObject({ id: 'd', sessionId: 's1', number: 3 });
  });

  it('gives null for a participant whose session is gone and still stores the rest of the batch', () => {
    const participants = new SqliteParticipantRepository(db);
    const outcomes = participants.createBatch([entry('a', 's1'), entry('x', 'deleted'), entry('b', 's1')]);
    expect(outcomes.map((p) => p?.number ?? null)).toEqual([1, null, 2]);
    expect(participants.listForSession('s1').map((p) => p.id)).toEqual(['a', 'b']);
    expect(participants.findById('x')).toBeNull();
  });

  it('stores nothing of a batch that fails for another reason', () => {
    const participants = new SqliteParticipantRepository(db);
    participants.createBatch([entry('a', 's1')]);
    expect(() => participants.createBatch([entry('b', 's1'), entry('a', 's1')])).toThrow(/UNIQUE|PRIMARY/);
    expect(participants.listForSession('s1').map((p) => p.id)).toEqual(['a']);
  });
});

describe('ParticipantRepository agency', () => {
  it('stores the agency given at join and changes it later, for that participant only', () => {
    const participants = new SqliteParticipantRepository(db);
    participants.createBatch([entry('a', 's1', 'IPS'), entry('b', 's1')]);
    expect(participants.findById('a')?.agency).toBe('IPS');
    participants.setAgency('a', 'SII');
    participants.setAgency('b', null);
    expect(participants.listForSession('s1').map((p) => [p.id, p.agency])).toEqual([
      ['a', 'SII'],
      ['b', null],
    ]);
    participants.setAgency('a', null);
    expect(participants.findByTokenHash('hash-a')?.agency).toBeNull();
  });
});
