import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/open.ts';
import { SqliteSettingsRepository } from '../../../server/db/settings-repository.ts';

let dir: string;
let db: Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plenario-settings-'));
  db = openDatabase(dir);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteSettingsRepository', () => {
  it('gives null for a setting never set', () => {
    expect(new SqliteSettingsRepository(db).get('retentionDays')).toBeNull();
  });

  it('keeps the last value set, across instances', () => {
    const settings = new SqliteSettingsRepository(db);
    settings.set('retentionDays', '365');
    settings.set('retentionDays', '90');
    expect(new SqliteSettingsRepository(db).get('retentionDays')).toBe('90');
  });

  it('keeps keys apart and forgets a deleted one', () => {
    const settings = new SqliteSettingsRepository(db);
    settings.set('a', '1');
    settings.set('b', '2');
    settings.delete('a');
    expect([settings.get('a'), settings.get('b')]).toEqual([null, '2']);
  });
});
