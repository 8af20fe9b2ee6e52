import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SqliteAnswerRepository,
  CLIENT_IDS_KEPT_CHARS,
  type AnswerRepository,
  type AnswerWrite,
} from '../../../server/db/answer-repository.ts';
import { openDatabase } from '../../../server/db/open.ts';

let dir: string;
let db: Database;
let answers: AnswerRepository;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plenario-answers-'));
  db = openDatabase(dir);
  db.exec(`
    INSERT INTO sessions (id, code, title, facilitator_token_hash, created_at) VALUES ('s', '123456', 't', 'h', 0);
    INSERT INTO activities (id, session_id, position, kind, spec) VALUES ('q1', 's', 0, 'choice', '{}'), ('q2', 's', 1, 'choice', '{}');
    INSERT INTO participants (id, session_id, token_hash, joined_at, number) VALUES ('p', 's', 'a', 0, 1), ('r', 's', 'b', 0, 2);
  `);
  answers = new SqliteAnswerRepository(db);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const write = (participantId: string, activityId: string, clientAnswerId: string, option = 'a'): AnswerWrite => ({
  participantId,
  activityId,
  clientAnswerId,
  value: { kind: 'choice', optionIds: [option] },
  at: 1,
});
const current = (participantId: string, activityId: string) =>
  answers.forSession('s').find((a) => a.participantId === participantId && a.activityId === activityId)?.value;

describe('AnswerRepository.writeBatch', () => {
  it('stores a new answer and a change of answer, and tells a retry in the same batch or a later one', () => {
    expect(answers.writeBatch([write('p', 'q1', 'id-one-aa'), write('p', 'q1', 'id-one-aa')])).toEqual([
      { stored: true },
      { stored: false, earlierActivityId: 'q1' },
    ]);
    expect(answers.writeBatch([write('p', 'q1', 'id-two-bb', 'b')])).toEqual([{ stored: true }]);
    expect(answers.writeBatch([write('p', 'q1', 'id-one-aa')])).toEqual([{ stored: false, earlierActivityId: 'q1' }]);
    // The retry of the first answer changed nothing: the second is still the current one.
    expect(current('p', 'q1')).toEqual({ kind: 'choice', optionIds: ['b'] });
  });

  it('scopes ids to their participant, and names the question an id was first used for', () => {
    expect(answers.writeBatch([write('p', 'q1', 'shared-id'), write('r', 'q1', 'shared-id')])).toEqual([
      { stored: true },
      { stored: true },
    ]);
    expect(answers.writeBatch([write('p', 'q2', 'shared-id')])).toEqual([{ stored: false, earlierActivityId: 'q1' }]);
    expect(current('p', 'q2')).toBeUndefined();
  });

  it('keeps the newest ids within its bound; an id cut by the bound never matches', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `x${String(i).padStart(2, '0')}`.padEnd(64, 'z'));
    for (const id of ids) answers.writeBatch([write('p', 'q1', id)]);
    const kept = (db.prepare("SELECT client_answer_ids FROM answers WHERE participant_id = 'p'").get() as { client_answer_ids: string })
      .client_answer_ids;
    expect(kept.length).toBeLessThanOrEqual(CLIENT_IDS_KEPT_CHARS);
    // At least the last 15 of the longest ids are recognised; the oldest are forgotten.
    for (const id of ids.slice(-15)) expect(answers.findSubmission('p', id)).toEqual({ activityId: 'q1' });
    expect(answers.findSubmission('p', ids[0]!)).toBeNull();
    // Whatever is left of an id cut at the front is not an id of its own.
    const fragment = kept.slice(0, kept.indexOf(' '));
    if (fragment) expect(answers.findSubmission('p', fragment)).toBeNull();
  });
});
