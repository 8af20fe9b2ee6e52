import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/open.ts';
import { SqliteSupportRepository } from '../../../server/db/support-repository.ts';
import type { StoredSupportEntry } from '../../../server/domain/support-register.ts';

let dir: string;
let db: Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plenario-support-'));
  db = openDatabase(dir);
  db.prepare(
    "INSERT INTO accounts (id, email, name, password_hash, role, created_at) VALUES ('ana', 'ana@x.cl', 'Ana', 'h', 'facilitator', 0)",
  ).run();
  db.prepare("INSERT INTO series (id, title, owner_account_id, created_at) VALUES ('r1', 'Serie', 'ana', 0)").run();
  const insertSession = db.prepare(
    'INSERT INTO sessions (id, code, title, facilitator_token_hash, created_at, owner_account_id, series_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  insertSession.run('s1', 'AAAAAA', 'Sesión 1', 'h1', 1, 'ana', 'r1');
  insertSession.run('s2', 'BBBBBB', 'Sesión sin serie', 'h2', 2, null, null);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const entry = (id: string, sessionId: string, over: Partial<StoredSupportEntry> = {}): StoredSupportEntry => ({
  id,
  sessionId,
  activityId: 'syn',
  salaId: 'sala',
  salaName: 'Sala 1',
  kindId: 'formacion',
  kindLabel: 'Formación',
  text: 'Talleres',
  agencies: ['IPS', 'SII'],
  status: 'recibido',
  note: '',
  createdAt: 10,
  updatedAt: 10,
  ...over,
});

describe('SupportRepository on SQLite', () => {
  it('keeps entries as given and lists them by owner, series and status, with their session', () => {
    const support = new SqliteSupportRepository(db);
    support.insert(entry('a', 's1'));
    support.insert(entry('b', 's1', { kindId: null, kindLabel: null, salaId: 'other' }));
    support.insert(entry('c', 's2', { activityId: 'syn2' }));
    expect(support.forSala('syn', 'sala').map((e) => e.id)).toEqual(['a']);
    expect(support.forSession('s1')).toEqual([entry('a', 's1'), entry('b', 's1', { kindId: null, kindLabel: null, salaId: 'other' })]);
    expect(support.find('a')).toEqual({ ...entry('a', 's1'), sessionTitle: 'Sesión 1', ownerAccountId: 'ana', seriesId: 'r1' });
    expect(support.list({ ownerAccountId: null }).map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(support.list({ ownerAccountId: 'ana' }).map((e) => e.id)).toEqual(['a', 'b']);
    expect(support.list({ ownerAccountId: null, seriesId: 'r1' }).map((e) => e.id)).toEqual(['a', 'b']);
    support.setStatus('b', 'en-curso', 'Curso', 20);
    expect(support.list({ ownerAccountId: null, status: 'en-curso' }).map((e) => [e.id, e.note, e.updatedAt])).toEqual([
      ['b', 'Curso', 20],
    ]);
  });

  it('updates a resubmission’s words, removes an entry, and loses them all with the session', () => {
    const support = new SqliteSupportRepository(db);
    support.insert(entry('a', 's1'));
    support.insert(entry('b', 's1', { kindId: 'redes' }));
    support.updateRequest('a', { text: 'Talleres y redes', kindLabel: 'Formación', agencies: ['IPS'] }, 30);
    expect(support.find('a')).toMatchObject({ text: 'Talleres y redes', agencies: ['IPS'], updatedAt: 30 });
    support.remove('b');
    expect(support.find('b')).toBeNull();
    db.prepare("DELETE FROM sessions WHERE id = 's1'").run();
    expect(support.forSession('s1')).toEqual([]);
  });

  it('refuses a status the register does not have', () => {
    const support = new SqliteSupportRepository(db);
    expect(() => support.insert(entry('a', 's1', { status: 'hecho' as 'recibido' }))).toThrow(/CHECK/);
  });
});
