import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteAnswerRepository } from '../../../server/db/answer-repository.ts';
import { DatabaseTooNewError, migrate, readMigrations, type Migration } from '../../../server/db/migrate.ts';
import { MIGRATIONS_DIR } from '../../../server/paths.ts';

let dir: string;
let db: Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plenario-migrate-'));
  db = new BetterSqlite3(join(dir, 'test.sqlite'));
  db.pragma('foreign_keys = ON');
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function tables(): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{
    name: string;
  }>;
  return rows.map((r) => r.name);
}

function recorded(): Array<{ version: number; name: string; applied_at: number }> {
  return db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as Array<{
    version: number;
    name: string;
    applied_at: number;
  }>;
}

const one: Migration = { version: 1, name: 'create_things', sql: 'CREATE TABLE things (id INTEGER PRIMARY KEY, label TEXT NOT NULL);' };
// Depends on the first: it fails unless the first ran before it.
const two: Migration = { version: 2, name: 'add_colour', sql: "ALTER TABLE things ADD COLUMN colour TEXT NOT NULL DEFAULT 'red';" };
const three: Migration = { version: 3, name: 'create_others', sql: 'CREATE TABLE others (id INTEGER PRIMARY KEY);' };
const broken: Migration = { version: 3, name: 'broken', sql: 'CREATE TABLE others (id INTEGER PRIMARY KEY); THIS IS NOT SQL;' };

describe('migrate', () => {
  it('applies pending migrations in order and returns their versions', () => {
    expect(migrate(db, [one, two, three])).toEqual([1, 2, 3]);
    expect(tables()).toEqual(['others', 'schema_migrations', 'things']);
    db.prepare('INSERT INTO things (label) VALUES (?)').run('x');
    expect(db.prepare('SELECT colour FROM things').get()).toEqual({ colour: 'red' });
  });

  it('records each applied migration in schema_migrations with its name and time', () => {
    const before = Date.now();
    migrate(db, [one, two]);
    const after = Date.now();
    const rows = recorded();
    expect(rows.map((r) => [r.version, r.name])).toEqual([
      [1, 'create_things'],
      [2, 'add_colour'],
    ]);
    for (const row of rows) {
      expect(row.applied_at).toBeGreaterThanOrEqual(before);
      expect(row.applied_at).toBeLessThanOrEqual(after);
    }
  });

  it('does nothing on a second run with the same migrations', () => {
    migrate(db, [one, two]);
    const first = recorded();
    // Running the SQL again would fail (table exists, column exists): a second run must skip it.
    expect(migrate(db, [one, two])).toEqual([]);
    expect(recorded()).toEqual(first);
  });

  it('applies only the migrations newer than the database', () => {
    migrate(db, [one]);
    expect(migrate(db, [one, two, three])).toEqual([2, 3]);
    expect(recorded().map((r) => r.version)).toEqual([1, 2, 3]);
  });

  it('survives closing and reopening the file', () => {
    migrate(db, [one, two]);
    db.close();
    db = new BetterSqlite3(join(dir, 'test.sqlite'));
    expect(migrate(db, [one, two, three])).toEqual([3]);
  });

  it('rolls back every migration of the run when one fails', () => {
    expect(() => migrate(db, [one, two, broken])).toThrow();
    expect(tables()).toEqual(['schema_migrations']);
    expect(recorded()).toEqual([]);
  });

  it('keeps earlier runs and rolls back only the failed run', () => {
    migrate(db, [one]);
    expect(() => migrate(db, [one, two, broken])).toThrow();
    expect(recorded().map((r) => r.version)).toEqual([1]);
    const columns = (db.pragma('table_info(things)') as Array<{ name: string }>).map((c) => c.name);
    expect(columns).toEqual(['id', 'label']);
    // Once fixed, the same database migrates normally.
    expect(migrate(db, [one, two, three])).toEqual([2, 3]);
  });

  it('refuses a database newer than the code with DatabaseTooNewError, changing nothing', () => {
    migrate(db, [one, two, three]);
    let error: unknown;
    try {
      migrate(db, [one, two]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    expect((error as Error).message).toContain('3');
    expect((error as Error).message).toContain('2');
    expect(recorded().map((r) => r.version)).toEqual([1, 2, 3]);
  });

  it('refuses a migrated database when the code knows no migrations', () => {
    migrate(db, [one]);
    expect(() => migrate(db, [])).toThrow(DatabaseTooNewError);
  });
});

describe('readMigrations', () => {
  it('reads NNNN_name.sql files in version order and ignores other files', () => {
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '0010_later.sql'), 'SELECT 10;');
    writeFileSync(join(migrations, '0002_second.sql'), 'SELECT 2;');
    writeFileSync(join(migrations, '0001_first.sql'), 'SELECT 1;');
    writeFileSync(join(migrations, 'README.md'), 'not a migration');
    writeFileSync(join(migrations, '3_bad_name.sql'), 'SELECT 3;');
    expect(readMigrations(migrations)).toEqual([
      { version: 1, name: 'first', sql: 'SELECT 1;' },
      { version: 2, name: 'second', sql: 'SELECT 2;' },
      { version: 10, name: 'later', sql: 'SELECT 10;' },
    ]);
  });
});

describe('the real migrations', () => {
  const real = readMigrations(MIGRATIONS_DIR);

  it('are numbered 1, 2, 3… without gaps or duplicates', () => {
    expect(real.length).toBeGreaterThan(0);
    expect(real.map((m) => m.version)).toEqual(real.map((_, i) => i + 1));
  });

  it('apply cleanly to an empty database, and a second run applies nothing', () => {
    expect(migrate(db, real)).toEqual(real.map((m) => m.version));
    expect(tables()).toEqual(expect.arrayContaining(['sessions', 'activities', 'participants', 'answers']));
    expect(tables()).not.toContain('answer_submissions');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(migrate(db, real)).toEqual([]);
  });

  it('move the client ids of earlier submissions into their answer rows, oldest first, so retries stay recognised', () => {
    const upTo = (version: number) => real.filter((m) => m.version <= version);
    migrate(db, upTo(7));
    db.exec(`
      INSERT INTO sessions (id, code, title, facilitator_token_hash, created_at) VALUES ('s', '123456', 't', 'h', 0);
      INSERT INTO activities (id, session_id, position, kind, spec) VALUES ('q1', 's', 0, 'choice', '{}'), ('q2', 's', 1, 'choice', '{}');
      INSERT INTO participants (id, session_id, token_hash, joined_at, number) VALUES ('p', 's', 'th', 0, 1), ('r', 's', 'th2', 0, 2);
      INSERT INTO answers (activity_id, participant_id, value, updated_at) VALUES ('q1', 'p', '{}', 3), ('q2', 'p', '{}', 4), ('q1', 'r', '{}', 5);
      INSERT INTO answer_submissions (participant_id, client_answer_id, activity_id, received_at) VALUES
        ('p', 'second-id', 'q1', 2), ('p', 'first-id', 'q1', 1), ('p', 'other-q', 'q2', 4), ('r', 'second-id', 'q1', 5);
    `);
    migrate(db, real);
    const ids = db.prepare('SELECT activity_id, participant_id, client_answer_ids FROM answers ORDER BY activity_id, participant_id').all();
    expect(ids).toEqual([
      { activity_id: 'q1', participant_id: 'p', client_answer_ids: ' first-id second-id ' },
      { activity_id: 'q1', participant_id: 'r', client_answer_ids: ' second-id ' },
      { activity_id: 'q2', participant_id: 'p', client_answer_ids: ' other-q ' },
    ]);
    const answers = new SqliteAnswerRepository(db);
    expect(answers.findSubmission('p', 'first-id')).toEqual({ activityId: 'q1' });
    expect(answers.findSubmission('p', 'other-q')).toEqual({ activityId: 'q2' });
    expect(answers.findSubmission('r', 'first-id')).toBeNull();
    expect(answers.findSubmission('p', 'first')).toBeNull();
  });

  it('let a closed session free its join code for a new open session', () => {
    migrate(db, real);
    const insert = db.prepare(
      "INSERT INTO sessions (id, code, title, facilitator_token_hash, status, created_at) VALUES (?, '482913', 't', 'h', ?, 0)",
    );
    insert.run('s1', 'open');
    expect(() => insert.run('s2', 'open')).toThrow(/UNIQUE/);
    db.prepare("UPDATE sessions SET status = 'closed' WHERE id = 's1'").run();
    expect(() => insert.run('s2', 'open')).not.toThrow();
  });
});
