import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Eraser, type ErasureReport } from '../../../server/db/eraser.ts';
import { openDatabase } from '../../../server/db/open.ts';
import { foundIn, missingFrom } from '../../support/raw-bytes.ts';

let dir: string;
let db: Database;
let other: Database | null;
let reports: ErasureReport[];
let eraser: Eraser;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plenario-eraser-'));
  db = openDatabase(dir);
  other = null;
  reports = [];
  eraser = new Eraser(db, (report) => reports.push(report));
  const insertSession = db.prepare("INSERT INTO sessions (id, code, title, facilitator_token_hash, created_at) VALUES (?, ?, 'T', 'h', 0)");
  const insertActivity = db.prepare("INSERT INTO activities (id, session_id, position, kind, spec) VALUES (?, ?, 0, 'open', '{}')");
  for (const id of ['gone', 'kept']) {
    insertSession.run(id, id === 'gone' ? '111111' : '222222');
    insertActivity.run(`q-${id}`, id);
  }
});

afterEach(() => {
  vi.useRealTimers();
  eraser.close();
  other?.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A fixed id per number: the same rows in the same B-tree places on every run. */
const idOf = (n: number) => createHash('sha256').update(String(n)).digest('base64url').slice(0, 21);

/** In every name and answer of the session to remove, and nowhere else. */
const REMOVED = '«quitar»';

/**
 * Two sessions' participants joining and answering in turns, over many commits, each answer
 * changed once: enough page splits for B-tree rebalancing to leave stale copies of rows in the
 * unused space of pages, which secure_delete does not reach.
 */
function twoSessionsAnswering(): void {
  const join = db.prepare('INSERT INTO participants (id, session_id, token_hash, display_name, joined_at) VALUES (?, ?, ?, ?, 0)');
  const answer = db.prepare(
    `INSERT INTO answers (activity_id, participant_id, value, updated_at) VALUES (?, ?, ?, 0)
     ON CONFLICT (activity_id, participant_id) DO UPDATE SET value = excluded.value`,
  );
  let n = 0;
  for (let round = 0; round < 20; round++) {
    db.transaction(() => {
      for (let k = 0; k < 30; k++) {
        for (const session of ['gone', 'kept']) {
          const id = idOf(n++);
          const mark = session === 'gone' ? REMOVED : session;
          const text = `Respuesta ${mark} ${n} ${'sobre la carga de trabajo '.repeat(n % 9)}`;
          join.run(id, session, `token-${id}`, `Nombre ${mark} ${n}`);
          answer.run(`q-${session}`, id, text);
          answer.run(`q-${session}`, id, `${text} (cambiada)`);
        }
      }
    })();
  }
}

const walBytes = () => statSync(join(dir, 'plenario.sqlite-wal')).size;

describe('Eraser', () => {
  it('leaves no copy of removed rows in any file of the folder, keeping every other row', () => {
    twoSessionsAnswering();
    const kept = (
      db.prepare("SELECT display_name FROM participants WHERE session_id = 'kept'").all() as Array<{ display_name: string }>
    ).map((r) => r.display_name);
    db.prepare("DELETE FROM participants WHERE session_id = 'gone'").run();
    expect(foundIn(dir, [REMOVED]).length).toBeGreaterThan(0);

    expect(eraser.erase()).toBe(true);
    expect(foundIn(dir, [REMOVED])).toEqual([]);
    expect(missingFrom(dir, kept)).toEqual([]);
    expect(walBytes()).toBe(0);
    expect((db.prepare('SELECT COUNT(*) AS n FROM answers').get() as { n: number }).n).toBe(kept.length);
    expect(reports).toEqual([]);
  });

  it('does not wait for a reader holding an older snapshot: it says so, and erases once the reader is done', () => {
    vi.useFakeTimers();
    twoSessionsAnswering();
    other = new BetterSqlite3(join(dir, 'plenario.sqlite'));
    other.exec('BEGIN');
    other.prepare('SELECT COUNT(*) FROM participants').get();
    db.prepare("DELETE FROM participants WHERE session_id = 'gone'").run();

    expect(eraser.erase()).toBe(false);
    expect(reports).toEqual([{ erased: false, attempts: 1, retryInMs: 1_000, reason: 'another connection reads an older snapshot' }]);
    expect(foundIn(dir, [REMOVED])).toContain(`${REMOVED} in plenario.sqlite-wal`);
    // The connection waits for others again as before (open.ts's busy timeout).
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5_000);

    // Still reading a second later: the next try is two seconds on.
    vi.advanceTimersByTime(1_000);
    expect(reports.at(-1)).toMatchObject({ erased: false, attempts: 2, retryInMs: 2_000 });
    other.exec('COMMIT');
    vi.advanceTimersByTime(2_000);
    expect(reports.at(-1)).toEqual({ erased: true, attempts: 3 });
    expect(walBytes()).toBe(0);
    expect(foundIn(dir, [REMOVED])).toEqual([]);
  });

  it('tries again when another writer holds the database, vacuuming then', () => {
    vi.useFakeTimers();
    twoSessionsAnswering();
    db.prepare("DELETE FROM participants WHERE session_id = 'gone'").run();
    other = new BetterSqlite3(join(dir, 'plenario.sqlite'));
    other.exec('BEGIN IMMEDIATE');

    expect(eraser.erase()).toBe(false);
    expect(reports).toEqual([{ erased: false, attempts: 1, retryInMs: 1_000, reason: expect.stringMatching(/^SQLITE_BUSY/) }]);
    other.exec('COMMIT');
    vi.advanceTimersByTime(1_000);
    expect(reports.at(-1)).toEqual({ erased: true, attempts: 2 });
    expect(foundIn(dir, [REMOVED])).toEqual([]);
  });

  it('stops trying when closed', () => {
    vi.useFakeTimers();
    other = new BetterSqlite3(join(dir, 'plenario.sqlite'));
    other.exec('BEGIN');
    other.prepare('SELECT COUNT(*) FROM sessions').get();
    db.prepare("DELETE FROM sessions WHERE id = 'gone'").run();
    expect(eraser.erase()).toBe(false);
    eraser.close();
    vi.advanceTimersByTime(10 * 60_000);
    expect(reports).toHaveLength(1);
  });
});
