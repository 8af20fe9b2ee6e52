import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AnswerWrite } from '../../server/db/answer-repository.ts';
import { CLIENT_IDS_KEPT_CHARS } from '../../server/db/answer-repository.ts';
import type { NewSessionRecord } from '../../server/db/session-repository.ts';
import { pgStorage } from '../../server/db/postgres/storage.ts';
import { CodeTakenError } from '../../server/db/errors.ts';
import type { Activity } from '../../shared/types.ts';
import { PostgresStorages, sqliteStorageUnderTest, type ContractStorage, type StorageUnderTest } from './support/storages.ts';

/**
 * One set of behaviour checks for every storage behind the port: SQLite (the embedded default)
 * and PostgreSQL (cluster mode). Each test starts from an empty, migrated store of its own.
 */

/**
 * Where the two databases legitimately differ, in one place. Everything else must match.
 * - allowListIgnoresCase: SQLite's sign_in_allowed.entry is COLLATE NOCASE; PostgreSQL's key
 *   compares as written (the service stores entries lower-cased, so both find what it stores).
 *   Account emails are compared without case in both (PostgreSQL: lower(email), its unique index).
 */
interface Dialect {
  allowListIgnoresCase: boolean;
}

describeStorage('SQLite', { allowListIgnoresCase: true }, sqliteStorageUnderTest);

describe('PostgreSQL', () => {
  const postgres = new PostgresStorages();
  beforeAll(() => postgres.start(), 180_000);
  afterAll(() => postgres.stop());
  describeStorage('storage', { allowListIgnoresCase: false }, () => postgres.storageUnderTest());

  it('runs the batch writes on the commit connection when one is given (the owner connection in cluster mode)', async () => {
    const pool = await postgres.freshPool();
    const owner = await pool.connect();
    try {
      const storage = pgStorage(pool, { commitConnection: owner });
      await storage.sessions.create(newSession('s1', '111111'), [activity('s1-q1')]);
      // The owner connection is inside a transaction: what it writes is seen by others at COMMIT only.
      await owner.query('BEGIN');
      // The joins' and the answers' batches, sent together, run one after the other on it.
      const warnings = deprecationWarnings();
      const [[joined], outcomes] = await Promise.all([
        storage.participants.createBatch([newParticipant('p1', 's1')]),
        storage.answers.writeBatch([write('p1', 's1-q1', 'c1')]),
      ]);
      expect(warnings.stop()).toEqual([]);
      expect(joined?.number).toBe(1);
      expect(outcomes).toEqual([{ stored: true }]);
      expect(await storage.participants.countInSession('s1')).toBe(0);
      expect(await storage.answers.forSession('s1')).toEqual([]);
      await owner.query('COMMIT');
      expect(await storage.participants.countInSession('s1')).toBe(1);
      expect(await storage.answers.forSession('s1')).toEqual([{ activityId: 's1-q1', participantId: 'p1', value: choice('a') }]);
    } finally {
      owner.release();
    }
  });

  it('leaves out a join whose session another node deletes while the batch waits, storing the rest', async () => {
    const pool = await postgres.freshPool();
    const storage = pgStorage(pool);
    await storage.sessions.create(newSession('s1', '111111'), []);
    await storage.sessions.create(newSession('s2', '222222'), []);
    const other = await pool.connect();
    try {
      await other.query('BEGIN');
      await other.query("DELETE FROM sessions WHERE id = 's1'");
      const joins = storage.participants.createBatch([newParticipant('a', 's1'), newParticipant('b', 's2')]);
      // The batch waits for the delete's row lock; once the delete commits, s1's join is left out.
      await expect.poll(async () => (await pool.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'")).rowCount).toBe(1);
      await other.query('COMMIT');
      expect(await joins).toEqual([null, expect.objectContaining({ id: 'b', number: 1 })]);
    } finally {
      other.release();
    }
  });

  it('opens connections as the node, with server keepalives, and reads epoch-millisecond times and counts as numbers', async () => {
    const pool = await postgres.freshPool();
    const { rows } = await pool.query<{ name: string; idle: string; interval: string; count: string }>(
      `SELECT current_setting('application_name') AS name, current_setting('tcp_keepalives_idle') AS idle,
         current_setting('tcp_keepalives_interval') AS interval, current_setting('tcp_keepalives_count') AS count`,
    );
    expect(rows[0]).toEqual({ name: 'plenario-contract', idle: '5', interval: '2', count: '3' });
    const storage = pgStorage(pool);
    const at = 1_765_000_123_456;
    await storage.sessions.create({ ...newSession('s1', '111111'), createdAt: at }, []);
    const session = await storage.sessions.findById('s1');
    expect(session?.createdAt).toBe(at);
    expect(typeof (await storage.sessions.list(null))[0]?.participants).toBe('number');
  });
});

// ---------------------------------------------------------------------------------------------

function activity(id: string, title = `Pregunta ${id}`): Activity {
  // The repositories store an activity as JSON and give it back whole: any shape does here.
  return { id, kind: 'choice', title, multiple: false, options: [{ id: 'a', label: 'A' }] } as unknown as Activity;
}

function newSession(id: string, code: string, extra: Partial<NewSessionRecord> = {}): NewSessionRecord {
  return { id, code, title: `Sesión ${id}`, templateId: null, facilitatorTokenHash: `hash-${id}`, createdAt: 1_000, ...extra };
}

function newParticipant(id: string, sessionId: string) {
  return { id, sessionId, tokenHash: `token-${id}`, displayName: null, agency: null, joinedAt: 2_000 };
}

const choice = (option: string) => ({ kind: 'choice' as const, optionIds: [option] });

function write(participantId: string, activityId: string, clientAnswerId: string, option = 'a', at = 3_000): AnswerWrite {
  return { participantId, activityId, clientAnswerId, value: choice(option), at };
}

function describeStorage(name: string, dialect: Dialect, make: () => Promise<StorageUnderTest>) {
  describe(name, () => {
    let under: StorageUnderTest;
    let storage: ContractStorage;
    beforeEach(async () => {
      under = await make();
      storage = under.storage;
    });
    afterEach(() => under.close());

    /** A session with a two-question agenda and `people` participants p1…pN. */
    async function sessionWithPeople(id = 's1', code = '111111', people = 2) {
      await storage.sessions.create(newSession(id, code), [activity(`${id}-q1`), activity(`${id}-q2`)]);
      await storage.participants.createBatch(Array.from({ length: people }, (_, i) => newParticipant(`${id}-p${i + 1}`, id)));
    }

    describe('sessions', () => {
      it('stores a session with its agenda and gives every field back', async () => {
        await storage.sessions.create(
          newSession('s1', '123456', { ownerAccountId: null, agencies: ['SENCE', 'IPS'], namesInReports: true, locale: 'en' }),
          [activity('a1'), activity('a2')],
        );
        expect(await storage.sessions.findById('s1')).toEqual({
          id: 's1',
          code: '123456',
          title: 'Sesión s1',
          templateId: null,
          facilitatorTokenHash: 'hash-s1',
          status: 'open',
          currentActivityId: null,
          resultsVisible: false,
          blank: false,
          presenterNotes: false,
          createdAt: 1_000,
          closedAt: null,
          ownerAccountId: null,
          seriesId: null,
          agencies: ['SENCE', 'IPS'],
          namesInReports: true,
          locale: 'en',
          participantDataRemovedAt: null,
        });
        expect(await storage.sessions.agenda('s1')).toEqual([
          { activity: activity('a1'), answering: 'idle', keepOpen: false },
          { activity: activity('a2'), answering: 'idle', keepOpen: false },
        ]);
        expect(await storage.sessions.findById('nope')).toBeNull();
      });

      it('keeps codes unique among open sessions only, and finds the newest session that had a code', async () => {
        await storage.sessions.create(newSession('s1', '123456'), [activity('a1')]);
        const taken = await storage.sessions.create(newSession('s2', '123456', { createdAt: 2_000 }), [activity('b1')]).catch((e) => e);
        expect(taken).toBeInstanceOf(CodeTakenError);
        // Nothing of the refused session was stored, its agenda neither.
        expect(await storage.sessions.findById('s2')).toBeNull();
        expect(await storage.sessions.agenda('s2')).toEqual([]);

        await storage.sessions.close('s1', 5_000);
        expect(await storage.sessions.findOpenByCode('123456')).toBeNull();
        await storage.sessions.create(newSession('s2', '123456', { createdAt: 6_000 }), [activity('b1')]);
        expect((await storage.sessions.findOpenByCode('123456'))?.id).toBe('s2');
        expect((await storage.sessions.findLatestByCode('123456'))?.id).toBe('s2');
        expect(await storage.sessions.findById('s1')).toMatchObject({ status: 'closed', closedAt: 5_000 });
        expect(await storage.sessions.findLatestByCode('999999')).toBeNull();
      });

      it('a code collision inside a transaction leaves it usable for another try', async () => {
        await storage.sessions.create(newSession('s1', '123456'), []);
        const id = await storage.transaction(async (tx) => {
          const refused = await tx.sessions.create(newSession('s2', '123456'), [activity('b1')]).catch((e) => e);
          expect(refused).toBeInstanceOf(CodeTakenError);
          await tx.sessions.create(newSession('s2', '654321'), [activity('b1')]);
          return 's2';
        });
        expect((await storage.sessions.findById(id))?.code).toBe('654321');
        expect((await storage.sessions.agenda(id)).map((a) => a.activity.id)).toEqual(['b1']);
      });

      it('saves an edited agenda: new order, deletions kept for undo (with their answers), restores', async () => {
        await sessionWithPeople('s1', '111111', 1);
        await storage.answers.writeBatch([write('s1-p1', 's1-q2', 'c1')]);
        await storage.sessions.saveAgenda('s1', [activity('s1-q3'), activity('s1-q1', 'Renamed')], 7_000);
        expect((await storage.sessions.agenda('s1')).map((a) => [a.activity.id, a.activity.title])).toEqual([
          ['s1-q3', 'Pregunta s1-q3'],
          ['s1-q1', 'Renamed'],
        ]);
        expect(await storage.sessions.findDeleted('s1', 's1-q2')).toEqual(activity('s1-q2'));
        expect(await storage.sessions.findDeleted('s1', 's1-q1')).toBeNull();
        // The deleted question's answer is kept, for an undo.
        expect(await storage.answers.forSession('s1')).toHaveLength(1);

        // Saved again and again: parked positions never collide.
        await storage.sessions.saveAgenda('s1', [activity('s1-q1'), activity('s1-q2'), activity('s1-q3')], 8_000);
        await storage.sessions.saveAgenda('s1', [activity('s1-q2')], 9_000);
        await storage.sessions.saveAgenda('s1', [activity('s1-q3'), activity('s1-q2'), activity('s1-q1')], 10_000);
        expect((await storage.sessions.agenda('s1')).map((a) => a.activity.id)).toEqual(['s1-q3', 's1-q2', 's1-q1']);
        expect(await storage.sessions.findDeleted('s1', 's1-q2')).toBeNull();
      });

      it('does not take over another session’s activity through an agenda edit', async () => {
        await storage.sessions.create(newSession('s1', '111111'), [activity('a1')]);
        await storage.sessions.create(newSession('s2', '222222'), [activity('b1')]);
        await storage.sessions.saveAgenda('s2', [activity('b1'), activity('a1', 'Stolen')], 5_000);
        expect((await storage.sessions.agenda('s1')).map((a) => a.activity.title)).toEqual(['Pregunta a1']);
        expect((await storage.sessions.agenda('s2')).map((a) => a.activity.id)).toEqual(['b1']);
      });

      it('saves the live fields, answering, keep-open and details', async () => {
        await storage.sessions.create(newSession('s1', '111111'), [activity('a1'), activity('a2')]);
        await storage.sessions.saveLive('s1', { currentActivityId: 'a2', resultsVisible: true, blank: true, presenterNotes: true });
        await storage.sessions.saveAnswering('s1', 'a2', 'open');
        await storage.sessions.saveKeepOpen('s1', 'a2', true);
        await storage.sessions.saveAnswering('s2', 'a1', 'open'); // another session's id: nothing
        await storage.sessions.updateDetails('s1', {
          title: 'Nuevo',
          seriesId: null,
          agencies: ['DIPRES'],
          namesInReports: true,
          locale: 'en',
        });
        expect(await storage.sessions.findById('s1')).toMatchObject({
          currentActivityId: 'a2',
          resultsVisible: true,
          blank: true,
          presenterNotes: true,
          title: 'Nuevo',
          agencies: ['DIPRES'],
          namesInReports: true,
          locale: 'en',
        });
        expect((await storage.sessions.agenda('s1')).map((a) => [a.answering, a.keepOpen])).toEqual([
          ['idle', false],
          ['open', true],
        ]);
      });

      it('lists sessions newest first with their participant counts, by owner and by series', async () => {
        await storage.accounts.insert(account('acc1', 'ana@example.cl'), 'x');
        await storage.series.create({ id: 'r1', title: 'Serie', ownerAccountId: 'acc1', createdAt: 500 });
        await storage.sessions.create(newSession('s1', '111111', { createdAt: 1_000, ownerAccountId: 'acc1', seriesId: 'r1' }), []);
        await storage.sessions.create(newSession('s2', '222222', { createdAt: 2_000 }), []);
        await storage.sessions.create(newSession('s3', '333333', { createdAt: 3_000, seriesId: 'r1' }), []);
        await storage.participants.createBatch([newParticipant('p1', 's1'), newParticipant('p2', 's1')]);
        expect((await storage.sessions.list(null)).map((s) => [s.id, s.participants])).toEqual([
          ['s3', 0],
          ['s2', 0],
          ['s1', 2],
        ]);
        expect((await storage.sessions.list({ ownerAccountId: 'acc1' })).map((s) => s.id)).toEqual(['s1']);
        expect((await storage.sessions.listInSeries('r1')).map((s) => s.id)).toEqual(['s1', 's3']);
        expect((await storage.series.findById('r1'))?.sessions).toBe(2);
      });

      it('deletes a session with everything in it', async () => {
        await sessionWithPeople('s1', '111111', 2);
        await sessionWithPeople('s2', '222222', 1);
        await storage.answers.writeBatch([write('s1-p1', 's1-q1', 'c1'), write('s2-p1', 's2-q1', 'c2')]);
        await storage.moderation.setHidden('s1-q1', 'x', true);
        await storage.comments.save('s1', 's1-q1', 'Bien', 1);
        await storage.sessions.recordEvent('s1', null, 'opened', 1);
        expect(await storage.sessions.delete('s1')).toBe(true);
        expect(await storage.sessions.delete('s1')).toBe(false);
        expect(await storage.sessions.findById('s1')).toBeNull();
        expect(await storage.sessions.agenda('s1')).toEqual([]);
        expect(await storage.participants.findById('s1-p1')).toBeNull();
        expect(await storage.answers.forSession('s1')).toEqual([]);
        expect(await storage.answers.findSubmission('s1-p1', 'c1')).toBeNull();
        expect(await storage.moderation.hiddenForSession('s1')).toEqual([]);
        expect(await storage.comments.forSession('s1')).toEqual([]);
        expect(await storage.sessions.events('s1')).toEqual([]);
        // The other session is untouched.
        expect(await storage.answers.forSession('s2')).toHaveLength(1);
        expect(await storage.participants.countInSession('s2')).toBe(1);
      });

      it('logs events in the order they happened, those of one millisecond in the order written', async () => {
        await storage.sessions.create(newSession('s1', '111111'), [activity('a1')]);
        await storage.sessions.recordEvent('s1', 'a1', 'answering-opened', 20);
        await storage.sessions.recordEvent('s1', null, 'started', 10);
        await storage.sessions.recordEvent('s1', 'a1', 'shown', 20);
        await storage.sessions.recordEvent('s1', 'a1', 'answering-closed', 20);
        expect(await storage.sessions.events('s1')).toEqual([
          { at: 10, activityId: null, event: 'started' },
          { at: 20, activityId: 'a1', event: 'answering-opened' },
          { at: 20, activityId: 'a1', event: 'shown' },
          { at: 20, activityId: 'a1', event: 'answering-closed' },
        ]);
      });

      it('removes participant data after retention, keeping the archive, the agenda and anonymous cards', async () => {
        await sessionWithPeople('s1', '111111', 2);
        await storage.sessions.create(newSession('s2', '222222', { createdAt: 50_000 }), []);
        await storage.answers.writeBatch([write('s1-p1', 's1-q1', 'c1')]);
        await storage.moderation.setHidden('s1-q1', 'x', true);
        await storage.experiences.save(experience('s1', 's1-q2', 'e1', 's1-p1', true));
        expect(await storage.sessions.createdBefore(10_000)).toEqual(['s1']);

        await storage.sessions.removeParticipantData('s1', '{"kept":true}', 9_000);
        expect(await storage.sessions.createdBefore(10_000)).toEqual([]);
        expect(await storage.sessions.archive('s1')).toBe('{"kept":true}');
        expect(await storage.sessions.archive('s2')).toBeNull();
        expect((await storage.sessions.findById('s1'))?.participantDataRemovedAt).toBe(9_000);
        expect(await storage.participants.countInSession('s1')).toBe(0);
        expect(await storage.answers.forSession('s1')).toEqual([]);
        expect(await storage.moderation.hiddenForSession('s1')).toEqual([]);
        expect(await storage.sessions.agenda('s1')).toHaveLength(2);
        const [card] = await storage.experiences.forSession('s1');
        expect(card).toMatchObject({ authorId: null, card: { contact: { optIn: false } } });
      });

      it('keeps facilitator links per session', async () => {
        await storage.accounts.insert(account('acc1', 'ana@example.cl'), 'x');
        await storage.sessions.create(newSession('s1', '111111'), []);
        await storage.sessions.create(newSession('s2', '222222'), []);
        await storage.sessions.addFacilitatorLink('s1', 'link-hash', 'acc1', 1);
        expect(await storage.sessions.hasFacilitatorLink('s1', 'link-hash')).toBe(true);
        expect(await storage.sessions.hasFacilitatorLink('s2', 'link-hash')).toBe(false);
        expect(await storage.sessions.hasFacilitatorLink('s1', 'other')).toBe(false);
      });
    });

    describe('participants', () => {
      it('numbers participants in join order per session, across batches, and finds them', async () => {
        await storage.sessions.create(newSession('s1', '111111'), []);
        await storage.sessions.create(newSession('s2', '222222'), []);
        const first = await storage.participants.createBatch([
          newParticipant('a', 's1'),
          newParticipant('b', 's2'),
          newParticipant('c', 's1'),
        ]);
        expect(first.map((p) => p?.number)).toEqual([1, 1, 2]);
        expect(first[0]).toEqual({ id: 'a', sessionId: 's1', number: 1, displayName: null, agency: null, joinedAt: 2_000 });
        const second = await storage.participants.createBatch([newParticipant('d', 's1')]);
        expect(second.map((p) => p?.number)).toEqual([3]);
        expect((await storage.participants.listForSession('s1')).map((p) => [p.id, p.number])).toEqual([
          ['a', 1],
          ['c', 2],
          ['d', 3],
        ]);
        expect(await storage.participants.countInSession('s1')).toBe(3);
        expect((await storage.participants.findByTokenHash('token-c'))?.id).toBe('c');
        expect(await storage.participants.findByTokenHash('token-x')).toBeNull();
        expect(await storage.participants.createBatch([])).toEqual([]);
      });

      it('leaves out a join whose session is gone, storing the rest of the batch', async () => {
        await storage.sessions.create(newSession('s1', '111111'), []);
        const joined = await storage.participants.createBatch([newParticipant('a', 'gone'), newParticipant('b', 's1')]);
        expect(joined).toEqual([null, expect.objectContaining({ id: 'b', number: 1 })]);
        expect(await storage.participants.findById('a')).toBeNull();
        expect(await storage.participants.countInSession('s1')).toBe(1);
      });

      it('refuses a batch whose token is taken, storing none of it', async () => {
        await storage.sessions.create(newSession('s1', '111111'), []);
        await storage.participants.createBatch([newParticipant('a', 's1')]);
        await expect(
          storage.participants.createBatch([newParticipant('b', 's1'), { ...newParticipant('c', 's1'), tokenHash: 'token-a' }]),
        ).rejects.toThrow();
        expect(await storage.participants.countInSession('s1')).toBe(1);
      });

      it('renames and sets the agency', async () => {
        await sessionWithPeople('s1', '111111', 1);
        await storage.participants.rename('s1-p1', 'Ana');
        await storage.participants.setAgency('s1-p1', 'IPS');
        expect(await storage.participants.findById('s1-p1')).toMatchObject({ displayName: 'Ana', agency: 'IPS' });
        await storage.participants.rename('s1-p1', null);
        expect((await storage.participants.findById('s1-p1'))?.displayName).toBeNull();
      });
    });

    describe('answers', () => {
      beforeEach(() => sessionWithPeople('s1', '111111', 2));

      it('stores new answers, tells retries (in the same batch or a later one) and keeps the latest change', async () => {
        expect(
          await storage.answers.writeBatch([
            write('s1-p1', 's1-q1', 'c1'),
            write('s1-p1', 's1-q1', 'c1'),
            write('s1-p2', 's1-q1', 'c1', 'b'),
          ]),
        ).toEqual([{ stored: true }, { stored: false, earlierActivityId: 's1-q1' }, { stored: true }]);
        // A change of answer: a new id, the value replaced.
        expect(await storage.answers.writeBatch([write('s1-p1', 's1-q1', 'c2', 'b')])).toEqual([{ stored: true }]);
        // The retry of the first changes nothing.
        expect(await storage.answers.writeBatch([write('s1-p1', 's1-q1', 'c1', 'a')])).toEqual([
          { stored: false, earlierActivityId: 's1-q1' },
        ]);
        expect(await sorted(storage.answers.forSession('s1'))).toEqual([
          { activityId: 's1-q1', participantId: 's1-p1', value: choice('b') },
          { activityId: 's1-q1', participantId: 's1-p2', value: choice('b') },
        ]);
        expect(await storage.answers.findSubmission('s1-p1', 'c1')).toEqual({ activityId: 's1-q1' });
        expect(await storage.answers.findSubmission('s1-p1', 'c2')).toEqual({ activityId: 's1-q1' });
        expect(await storage.answers.findSubmission('s1-p1', 'c3')).toBeNull();
      });

      it('names the question an id was first used for', async () => {
        await storage.answers.writeBatch([write('s1-p1', 's1-q1', 'c1')]);
        expect(
          await storage.answers.writeBatch([write('s1-p1', 's1-q2', 'c1'), write('s1-p2', 's1-q2', 'c9'), write('s1-p2', 's1-q1', 'c9')]),
        ).toEqual([{ stored: false, earlierActivityId: 's1-q1' }, { stored: true }, { stored: false, earlierActivityId: 's1-q2' }]);
        expect(await sorted(storage.answers.forSession('s1'))).toEqual([
          { activityId: 's1-q1', participantId: 's1-p1', value: choice('a') },
          { activityId: 's1-q2', participantId: 's1-p2', value: choice('a') },
        ]);
      });

      it('stores two changes of one answer in one batch: the last one counts, both ids are kept', async () => {
        expect(await storage.answers.writeBatch([write('s1-p1', 's1-q1', 'c1', 'a'), write('s1-p1', 's1-q1', 'c2', 'b')])).toEqual([
          { stored: true },
          { stored: true },
        ]);
        expect(await storage.answers.forSession('s1')).toEqual([{ activityId: 's1-q1', participantId: 's1-p1', value: choice('b') }]);
        expect(await storage.answers.writeBatch([write('s1-p1', 's1-q1', 'c1'), write('s1-p1', 's1-q1', 'c2')])).toEqual([
          { stored: false, earlierActivityId: 's1-q1' },
          { stored: false, earlierActivityId: 's1-q1' },
        ]);
      });

      it('keeps only the newest ids of an answer changed many times', async () => {
        const id = (n: number) => `client-answer-${String(n).padStart(4, '0')}`; // 18 characters
        const changes = Math.ceil(CLIENT_IDS_KEPT_CHARS / id(0).length) + 20;
        for (let n = 0; n < changes; n += 10) {
          const batch = Array.from({ length: 10 }, (_, i) => write('s1-p1', 's1-q1', id(n + i), String(n + i)));
          expect(await storage.answers.writeBatch(batch)).toEqual(batch.map(() => ({ stored: true })));
        }
        const last = Math.ceil(changes / 10) * 10 - 1;
        expect(await storage.answers.findSubmission('s1-p1', id(last))).toEqual({ activityId: 's1-q1' });
        expect(await storage.answers.findSubmission('s1-p1', id(last - 40))).toEqual({ activityId: 's1-q1' });
        expect(await storage.answers.findSubmission('s1-p1', id(0))).toBeNull();
        // An id trimmed away is stored again as a new answer, as SQLite does.
        expect(await storage.answers.writeBatch([write('s1-p1', 's1-q1', id(0), 'again')])).toEqual([{ stored: true }]);
        expect(await storage.answers.forSession('s1')).toEqual([{ activityId: 's1-q1', participantId: 's1-p1', value: choice('again') }]);
      });

      it('rebuilds what was written for the session only', async () => {
        await sessionWithPeople('s2', '222222', 1);
        const value = { kind: 'open' as const, texts: ['Más pausas activas', 'Contención'] };
        await storage.answers.writeBatch([
          { ...write('s1-p1', 's1-q1', 'c1'), value: value as never },
          write('s1-p1', 's1-q2', 'c2', 'x'),
          write('s1-p2', 's1-q2', 'c3', 'y'),
          write('s2-p1', 's2-q1', 'c4'),
        ]);
        expect(await sorted(storage.answers.forSession('s1'))).toEqual([
          { activityId: 's1-q1', participantId: 's1-p1', value },
          { activityId: 's1-q2', participantId: 's1-p1', value: choice('x') },
          { activityId: 's1-q2', participantId: 's1-p2', value: choice('y') },
        ]);
      });

      it('writes a batch atomically: one bad write stores none of it', async () => {
        await expect(storage.answers.writeBatch([write('s1-p1', 's1-q1', 'c1'), write('nobody', 's1-q1', 'c2')])).rejects.toThrow();
        expect(await storage.answers.forSession('s1')).toEqual([]);
        expect(await storage.answers.writeBatch([])).toEqual([]);
      });
    });

    describe('transactions', () => {
      it('runs calls made together inside a transaction', async () => {
        await storage.sessions.create(newSession('s1', '111111'), [activity('a1'), activity('a2')]);
        const warnings = deprecationWarnings();
        await storage.transaction((tx) =>
          Promise.all([
            tx.sessions.saveAnswering('s1', 'a1', 'open'),
            tx.sessions.saveKeepOpen('s1', 'a2', true),
            tx.comments.save('s1', 'a1', 'Nota', 1),
            tx.settings.set('k', 'v'),
          ]),
        );
        expect(warnings.stop()).toEqual([]);
        expect((await storage.sessions.agenda('s1')).map((a) => [a.answering, a.keepOpen])).toEqual([
          ['open', false],
          ['idle', true],
        ]);
        expect(await storage.comments.forSession('s1')).toHaveLength(1);
      });

      // A command's writes; the group-commit batches (answers, joins) are transactions of their
      // own, never run inside one (SQLite refuses it: tests/unit/db/sqlite-storage.test.ts).
      it('commits every write of the work and returns its result', async () => {
        const result = await storage.transaction(async (tx) => {
          await tx.sessions.create(newSession('s1', '111111'), [activity('a1')]);
          await tx.sessions.saveAnswering('s1', 'a1', 'open');
          await tx.settings.set('retention', '30');
          return 'done';
        });
        expect(result).toBe('done');
        expect((await storage.sessions.agenda('s1')).map((a) => a.answering)).toEqual(['open']);
        expect(await storage.settings.get('retention')).toBe('30');
      });

      it('rolls back every write when the work throws', async () => {
        await storage.sessions.create(newSession('s1', '111111'), [activity('a1')]);
        const failure = new Error('boom');
        await expect(
          storage.transaction(async (tx) => {
            await tx.sessions.close('s1', 5);
            await tx.sessions.create(newSession('s2', '222222'), [activity('b1')]);
            await tx.sessions.saveAnswering('s1', 'a1', 'open');
            await tx.settings.set('retention', '30');
            await tx.audit.insert({ action: 'session.deleted', actor: { kind: 'system' }, target: null, detail: {} }, 1);
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect((await storage.sessions.findById('s1'))?.status).toBe('open');
        expect(await storage.sessions.findById('s2')).toBeNull();
        expect((await storage.sessions.agenda('s1')).map((a) => a.answering)).toEqual(['idle']);
        expect(await storage.settings.get('retention')).toBeNull();
        expect(await storage.audit.count({})).toBe(0);
      });

      it('rolls back a multi-statement write that fails half-way', async () => {
        await storage.sessions.create(newSession('s1', '111111'), [activity('a1')]);
        // The second activity's id is taken by the first: the session must not be stored.
        await expect(storage.sessions.create(newSession('s2', '222222'), [activity('b1'), activity('a1')])).rejects.toThrow();
        expect(await storage.sessions.findById('s2')).toBeNull();
        expect(await storage.sessions.agenda('s2')).toEqual([]);
      });
    });

    describe('breakouts', () => {
      const record = (phase: 'intro' | 'discussion' | 'closed', extra = {}) => ({
        activityId: 's1-q1',
        sessionId: 's1',
        phase,
        deadline: null as number | null,
        pausedRemainingMs: null as number | null,
        message: null as string | null,
        messageAt: null as number | null,
        ended: null,
        ...extra,
      });
      const sala = (id: string, position: number) => ({ id, activityId: 's1-q1', position, name: `Sala ${position + 1}`, videoUrl: null });

      it('forms a breakout with its salas and members, moves members, renames salas and keeps roles', async () => {
        await sessionWithPeople('s1', '111111', 3);
        await storage.breakouts.form(
          record('intro'),
          [sala('x', 1), sala('w', 0)],
          [
            { participantId: 's1-p1', salaId: 'w' },
            { participantId: 's1-p2', salaId: 'x' },
          ],
        );
        await storage.breakouts.setMember('s1-q1', 's1-p3', 'x');
        await storage.breakouts.setMember('s1-q1', 's1-p1', 'x');
        await storage.breakouts.updateSala('w', 'Sala Norte', 'https://meet.example/abc');
        await storage.breakouts.saveRoles('x', { moderator: 's1-p2', secretary: 's1-p3' });
        await storage.breakouts.saveRoles('x', { moderator: 's1-p1', secretary: 's1-p3' });
        await storage.breakouts.saveRoles('w', { moderator: null, secretary: null });
        const [stored, ...others] = await storage.breakouts.forSession('s1');
        expect(others).toEqual([]);
        expect(stored!.record).toEqual(record('intro'));
        expect(stored!.salas).toEqual([{ ...sala('w', 0), name: 'Sala Norte', videoUrl: 'https://meet.example/abc' }, sala('x', 1)]);
        expect(stored!.members.sort((a, b) => a.participantId.localeCompare(b.participantId))).toEqual([
          { participantId: 's1-p1', salaId: 'x' },
          { participantId: 's1-p2', salaId: 'x' },
          { participantId: 's1-p3', salaId: 'x' },
        ]);
        expect(stored!.roles.sort((a, b) => a.role.localeCompare(b.role))).toEqual([
          { salaId: 'x', role: 'moderator', participantId: 's1-p1' },
          { salaId: 'x', role: 'secretary', participantId: 's1-p3' },
        ]);
      });

      it('refuses one person in two roles of a sala, keeping the roles before', async () => {
        await sessionWithPeople('s1', '111111', 2);
        await storage.breakouts.form(record('intro'), [sala('x', 0)], []);
        await storage.breakouts.saveRoles('x', { moderator: 's1-p1', secretary: null });
        await expect(storage.breakouts.saveRoles('x', { moderator: 's1-p2', secretary: 's1-p2' })).rejects.toThrow();
        expect((await storage.breakouts.forSession('s1'))[0]!.roles).toEqual([{ salaId: 'x', role: 'moderator', participantId: 's1-p1' }]);
      });

      it('saves phases with an ended phase to undo, and lists running clocks of open sessions only', async () => {
        await sessionWithPeople('s1', '111111', 0);
        await sessionWithPeople('s2', '222222', 0);
        const ended = { phase: 'discussion' as const, remainingMs: 60_000, paused: true, until: 99_000 };
        await storage.breakouts.form(record('discussion', { deadline: 50_000, message: 'Vuelvan', messageAt: 40_000, ended }), [], []);
        await storage.breakouts.form({ ...record('discussion', { deadline: 70_000 }), activityId: 's2-q1', sessionId: 's2' }, [], []);
        await storage.breakouts.form({ ...record('intro'), activityId: 's1-q2' }, [], []);
        expect((await storage.breakouts.running()).map((b) => b.activityId).sort()).toEqual(['s1-q1', 's2-q1']);
        expect((await storage.breakouts.forSession('s1')).find((b) => b.record.activityId === 's1-q1')!.record).toEqual(
          record('discussion', { deadline: 50_000, message: 'Vuelvan', messageAt: 40_000, ended }),
        );
        await storage.breakouts.save(record('closed', { pausedRemainingMs: 5 }));
        await storage.sessions.close('s2', 1);
        expect(await storage.breakouts.running()).toEqual([]);
        expect((await storage.breakouts.forSession('s1')).find((b) => b.record.activityId === 's1-q1')!.record).toEqual(
          record('closed', { pausedRemainingMs: 5 }),
        );
      });
    });

    describe('syntheses and turns', () => {
      beforeEach(async () => {
        await sessionWithPeople('s1', '111111', 3);
        await storage.breakouts.form(
          {
            activityId: 's1-q1',
            sessionId: 's1',
            phase: 'discussion',
            deadline: null,
            pausedRemainingMs: null,
            message: null,
            messageAt: null,
            ended: null,
          },
          [
            { id: 'x', activityId: 's1-q1', position: 0, name: 'Sala 1', videoUrl: null },
            { id: 'y', activityId: 's1-q1', position: 1, name: 'Sala 2', videoUrl: null },
          ],
          [],
        );
      });
      const state = {
        activityId: 's1-q2',
        sessionId: 's1',
        phase: 'writing' as const,
        deadline: 10_000,
        pausedRemainingMs: null,
        focusFieldKey: 'q1',
        spotlightSalaId: 'x',
        ended: null,
      };
      const content = (text: string) => ({ fields: { q1: text }, support: [] });
      const save = (version: number, clientSaveId: string, at: number, text = `v${version}`) => ({
        activityId: 's1-q2',
        salaId: 'x',
        version,
        content: content(text),
        clientSaveId,
        authorId: 's1-p1',
        at,
      });

      it('stores versions of a sala’s synthesis, the latest current, and tells a retried save by its id', async () => {
        await storage.syntheses.saveState(state);
        await storage.syntheses.saveState({
          ...state,
          phase: 'closed',
          ended: { phase: 'writing', remainingMs: 3_000, paused: false, until: 20_000 },
        });
        expect(await storage.syntheses.statesForSession('s1')).toEqual([
          { ...state, phase: 'closed', ended: { phase: 'writing', remainingMs: 3_000, paused: false, until: 20_000 } },
        ]);
        await storage.syntheses.save(save(1, 'save-1', 1_000));
        await storage.syntheses.save(save(2, 'save-2', 2_000));
        expect(await storage.syntheses.versionOfSave('s1-q2', 'x', 'save-1')).toBe(1);
        expect(await storage.syntheses.versionOfSave('s1-q2', 'x', 'save-2')).toBe(2);
        expect(await storage.syntheses.versionOfSave('s1-q2', 'x', 'save-3')).toBeNull();
        // A version already stored cannot be written twice (STALE_VERSION's guard), and nothing changes.
        await expect(storage.syntheses.save(save(2, 'save-other', 3_000, 'late'))).rejects.toThrow();
        await storage.syntheses.setSubmitted('s1-q2', 'x', 4_000);
        await storage.syntheses.setHidden('s1-q2', 'x', true);
        expect(await storage.syntheses.synthesesFor('s1-q2')).toEqual([
          { salaId: 'x', version: 2, content: content('v2'), submittedAt: 4_000, hidden: true, updatedAt: 2_000, firstSavedAt: 1_000 },
        ]);
        await storage.syntheses.setSubmitted('s1-q2', 'x', null);
        expect((await storage.syntheses.synthesesFor('s1-q2'))[0]?.submittedAt).toBeNull();
      });

      it('stores a sala’s turns whole: floor, timer, call and the hands in order', async () => {
        const turns = {
          salaId: 'x',
          activityId: 's1-q1',
          queue: ['s1-p3', 's1-p1'],
          floor: { participantId: 's1-p2', since: 500 },
          timer: { deadline: 620, seconds: 120 },
          turns: 4,
          call: { at: 450, role: 'moderator' as const },
        };
        await storage.turns.save(turns);
        await storage.turns.save({ ...turns, salaId: 'y', queue: [], floor: null, timer: null, turns: 0, call: null });
        expect((await storage.turns.forSession('s1')).sort((a, b) => a.salaId.localeCompare(b.salaId))).toEqual([
          turns,
          { ...turns, salaId: 'y', queue: [], floor: null, timer: null, turns: 0, call: null },
        ]);
        await storage.turns.save({ ...turns, queue: ['s1-p1'] });
        expect((await storage.turns.forSession('s1')).find((t) => t.salaId === 'x')?.queue).toEqual(['s1-p1']);
      });
    });

    describe('questions from the room, moderation and comments', () => {
      beforeEach(() => sessionWithPeople('s1', '111111', 2));
      const question = (id: string, askedAt: number, participantId = 's1-p1') => ({
        id,
        activityId: 's1-q1',
        participantId,
        clientId: `client-${id}`,
        text: `¿Pregunta ${id}?`,
        authorName: null,
        status: 'shown' as const,
        answered: false,
        askedAt,
      });

      it('rebuilds questions in the order asked, votes and the highlight', async () => {
        await storage.qa.record({ kind: 'ask', question: question('a', 20) });
        await storage.qa.record({ kind: 'ask', question: question('b', 10, 's1-p2') });
        await storage.qa.record({ kind: 'ask', question: question('c', 20, 's1-p2') });
        await storage.qa.record({ kind: 'vote', questionId: 'a', participantId: 's1-p2', voted: true });
        await storage.qa.record({ kind: 'vote', questionId: 'a', participantId: 's1-p2', voted: true });
        await storage.qa.record({ kind: 'vote', questionId: 'a', participantId: 's1-p1', voted: true });
        await storage.qa.record({ kind: 'vote', questionId: 'a', participantId: 's1-p1', voted: false });
        await storage.qa.record({ kind: 'answered', questionId: 'b', answered: true });
        await storage.qa.record({ kind: 'highlight', activityId: 's1-q1', questionId: 'a' });
        let qa = (await storage.qa.forSession('s1')).get('s1-q1')!;
        expect([...qa.questions.keys()]).toEqual(['b', 'a', 'c']);
        expect(qa.questions.get('b')).toEqual({ ...question('b', 10, 's1-p2'), answered: true });
        expect(qa.votes).toEqual(new Map([['a', new Set(['s1-p2'])]]));
        expect(qa.highlightedId).toBe('a');

        // Hiding the highlighted question takes the highlight away.
        await storage.qa.record({ kind: 'status', questionId: 'a', status: 'hidden' });
        qa = (await storage.qa.forSession('s1')).get('s1-q1')!;
        expect(qa.questions.get('a')?.status).toBe('hidden');
        expect(qa.highlightedId).toBeNull();
        await storage.qa.record({ kind: 'highlight', activityId: 's1-q1', questionId: 'c' });
        await storage.qa.record({ kind: 'highlight', activityId: 's1-q1', questionId: null });
        expect((await storage.qa.forSession('s1')).get('s1-q1')?.highlightedId).toBeNull();
        expect((await storage.qa.forSession('s2')).size).toBe(0);
      });

      it('refuses a question asked twice with one client id', async () => {
        await storage.qa.record({ kind: 'ask', question: question('a', 20) });
        await expect(storage.qa.record({ kind: 'ask', question: { ...question('z', 30), clientId: 'client-a' } })).rejects.toThrow();
        expect([...(await storage.qa.forSession('s1')).get('s1-q1')!.questions.keys()]).toEqual(['a']);
      });

      it('hides and shows answers, and keeps one comment per activity', async () => {
        await storage.moderation.setHidden('s1-q1', 'ans-1', true);
        await storage.moderation.setHidden('s1-q1', 'ans-1', true);
        await storage.moderation.setHidden('s1-q2', 'ans-2', true);
        await storage.moderation.setHidden('s1-q2', 'ans-2', false);
        expect(await storage.moderation.hiddenForSession('s1')).toEqual([{ activityId: 's1-q1', answerId: 'ans-1' }]);

        await storage.comments.save('s1', 's1-q1', 'Primera', 1);
        await storage.comments.save('s1', 's1-q1', 'Segunda', 2);
        await storage.comments.save('s1', 's1-q2', 'Otra', 3);
        await storage.comments.save('s1', 's1-q2', null, 4);
        expect(await storage.comments.forSession('s1')).toEqual([{ activityId: 's1-q1', text: 'Segunda', updatedAt: 2 }]);
      });
    });

    describe('commitments', () => {
      it('stores commitments, finds them in the series by key or code, and counts follow-up answers', async () => {
        await storage.series.create({ id: 'r1', title: 'Serie', ownerAccountId: null, createdAt: 1 });
        await storage.sessions.create(newSession('s1', '111111', { seriesId: 'r1', createdAt: 1_000 }), [activity('s1-q1')]);
        await storage.sessions.create(newSession('s2', '222222', { seriesId: 'r1', createdAt: 5_000 }), [activity('s2-q1')]);
        await storage.participants.createBatch([newParticipant('p1', 's1'), newParticipant('p2', 's2')]);
        const commitment = {
          id: 'k1',
          sessionId: 's1',
          activityId: 's1-q1',
          participantId: 'p1',
          text: 'Pausas activas',
          createdAt: 1_100,
          updatedAt: 1_100,
          keyHash: 'key-1',
          codeHash: 'code-1',
        };
        await storage.commitments.insert(commitment);
        await expect(storage.commitments.insert({ ...commitment, id: 'k2' })).rejects.toThrow();
        await storage.commitments.updateText('k1', 'Pausas activas diarias', 1_200);
        const { keyHash: _k, codeHash: _c, ...stored } = commitment;
        expect(await storage.commitments.own('s1-q1', 'p1')).toEqual({ ...stored, text: 'Pausas activas diarias', updatedAt: 1_200 });
        expect(await storage.commitments.own('s1-q1', 'p2')).toBeNull();
        expect(await storage.commitments.countWritten('s1-q1')).toBe(1);

        const found = { ...stored, text: 'Pausas activas diarias', updatedAt: 1_200, sessionTitle: 'Sesión s1' };
        expect(await storage.commitments.findInSeries('r1', 's2', 5_000, { keyHash: 'key-1' })).toEqual(found);
        expect(await storage.commitments.findInSeries('r1', 's2', 5_000, { codeHash: 'code-1' })).toEqual(found);
        expect(await storage.commitments.findInSeries('r1', 's2', 5_000, { codeHash: 'key-1' })).toBeNull();
        expect(await storage.commitments.findInSeries('r1', 's1', 5_000, { keyHash: 'key-1' })).toBeNull();
        expect(await storage.commitments.findInSeries('r1', 's2', 1_000, { keyHash: 'key-1' })).toBeNull();
        expect(await storage.commitments.findInSeries('r2', 's2', 5_000, { keyHash: 'key-1' })).toBeNull();

        expect(await storage.commitments.reviewOf('s2-q1', 'k1')).toBeNull();
        await storage.commitments.saveReview('s2-q1', 'p2', 'k1', 'started', 6_000);
        await storage.commitments.saveReview('s2-q1', 'p2', 'k1', 'done', 6_100);
        expect(await storage.commitments.reviewOf('s2-q1', 'k1')).toBe('done');
        expect(await storage.commitments.reviewCounts('s2-q1')).toEqual({ done: 1, started: 0, notYet: 0 });
      });
    });

    describe('support register', () => {
      const entry = (id: string, sessionId: string, createdAt: number, kindId: string | null = null) => ({
        id,
        sessionId,
        activityId: `${sessionId}-q1`,
        salaId: 'x',
        salaName: 'Sala 1',
        kindId,
        kindLabel: kindId === null ? null : `Tipo ${kindId}`,
        text: `Pedido ${id}`,
        agencies: ['IPS'],
        status: 'recibido' as const,
        note: '',
        createdAt,
        updatedAt: createdAt,
      });

      it('lists entries by sala, session and filters, in the order recorded; updates and removes them', async () => {
        await storage.accounts.insert(account('acc1', 'ana@example.cl'), 'x');
        await storage.series.create({ id: 'r1', title: 'Serie', ownerAccountId: 'acc1', createdAt: 1 });
        await storage.sessions.create(newSession('s1', '111111', { createdAt: 1_000, ownerAccountId: 'acc1', seriesId: 'r1' }), [
          activity('s1-q1'),
        ]);
        await storage.sessions.create(newSession('s2', '222222', { createdAt: 2_000 }), [activity('s2-q1')]);
        await storage.support.insert(entry('e3', 's2', 100));
        await storage.support.insert(entry('e2', 's1', 200, 'k2'));
        await storage.support.insert(entry('e1', 's1', 200, 'k1'));
        await storage.support.insert({ ...entry('e0', 's1', 100), salaId: 'y' });
        expect((await storage.support.forSala('s1-q1', 'x')).map((e) => e.id)).toEqual(['e2', 'e1']);
        expect((await storage.support.forSession('s1')).map((e) => e.id)).toEqual(['e0', 'e2', 'e1']);
        expect((await storage.support.list({ ownerAccountId: null })).map((e) => e.id)).toEqual(['e0', 'e2', 'e1', 'e3']);
        expect((await storage.support.list({ ownerAccountId: 'acc1' })).map((e) => e.id)).toEqual(['e0', 'e2', 'e1']);
        expect((await storage.support.list({ ownerAccountId: null, seriesId: 'r1' })).map((e) => e.id)).toEqual(['e0', 'e2', 'e1']);

        await storage.support.updateRequest('e1', { text: 'Nuevo texto', kindLabel: 'Otro', agencies: ['IPS', 'SENCE'] }, 300);
        await storage.support.setStatus('e2', 'en-curso', 'Se agenda taller', 400);
        expect((await storage.support.list({ ownerAccountId: null, status: 'en-curso' })).map((e) => e.id)).toEqual(['e2']);
        expect(await storage.support.find('e1')).toEqual({
          ...entry('e1', 's1', 200, 'k1'),
          text: 'Nuevo texto',
          kindLabel: 'Otro',
          agencies: ['IPS', 'SENCE'],
          updatedAt: 300,
          sessionTitle: 'Sesión s1',
          ownerAccountId: 'acc1',
          seriesId: 'r1',
        });
        await storage.support.remove('e1');
        expect(await storage.support.find('e1')).toBeNull();
        await storage.sessions.delete('s2');
        expect(await storage.support.find('e3')).toBeNull();
      });
    });

    describe('experiences', () => {
      it('saves, replaces (keeping when it was created) and deletes cards; catalogues them without removed activities', async () => {
        await storage.accounts.insert(account('acc1', 'ana@example.cl'), 'x');
        await storage.series.create({ id: 'r1', title: 'Serie', ownerAccountId: 'acc1', createdAt: 1 });
        await storage.sessions.create(newSession('s1', '111111', { createdAt: 1_000, ownerAccountId: 'acc1', seriesId: 'r1' }), [
          activity('s1-q1'),
          activity('s1-q2'),
        ]);
        await storage.sessions.create(newSession('s2', '222222', { createdAt: 2_000 }), [activity('s2-q1')]);
        await storage.participants.createBatch([newParticipant('p1', 's1')]);
        const card = experience('s1', 's1-q1', 'e1', 'p1', true);
        await storage.experiences.save(card);
        await storage.experiences.save({
          ...card,
          card: { ...card.card, reach: null, since: { year: 2020, month: null }, lesson: null },
          createdAt: 999,
          updatedAt: 150,
        });
        await storage.experiences.save(experience('s1', 's1-q2', 'e2', null, false));
        await storage.experiences.save(experience('s2', 's2-q1', 'e3', null, false));
        const replaced = { ...card, card: { ...card.card, reach: null, since: { year: 2020, month: null }, lesson: null }, updatedAt: 150 };
        expect(await storage.experiences.forSession('s1')).toEqual([replaced, experience('s1', 's1-q2', 'e2', null, false)]);

        expect((await storage.experiences.catalogue(null)).map((c) => [c.id, c.sessionTitle, c.series?.title ?? null])).toEqual([
          ['e3', 'Sesión s2', null],
          ['e1', 'Sesión s1', 'Serie'],
          ['e2', 'Sesión s1', 'Serie'],
        ]);
        await storage.sessions.saveAgenda('s1', [activity('s1-q1')], 3_000);
        expect((await storage.experiences.catalogue('acc1')).map((c) => [c.id, c.sessionCreatedAt])).toEqual([['e1', 1_000]]);
        await storage.experiences.delete('s1-q1', 'e1');
        expect(await storage.experiences.catalogue('acc1')).toEqual([]);
      });
    });

    describe('accounts', () => {
      it('keeps emails unique without regard to case, and finds credentials by email in any case', async () => {
        expect(await storage.accounts.insert(account('a1', 'ana@ips.cl', 100), 'hash-1')).toBe(true);
        expect(await storage.accounts.insert(account('a2', 'ANA@ips.cl', 200), 'hash-2')).toBe(false);
        expect(await storage.accounts.insert(account('a3', 'bea@ips.cl', 100), 'hash-3')).toBe(true);
        expect(await storage.accounts.count()).toBe(2);
        expect(await storage.accounts.findCredentials('Ana@IPS.cl')).toEqual({
          account: account('a1', 'ana@ips.cl', 100),
          passwordHash: 'hash-1',
        });
        expect(await storage.accounts.findByEmail('nadie@ips.cl')).toBeNull();
        expect(await storage.accounts.findById('a3')).toEqual(account('a3', 'bea@ips.cl', 100));
        expect((await storage.accounts.list()).map((a) => a.id)).toEqual(['a1', 'a3']);
      });

      it('signs browsers in until their session expires, and forgets them with the account', async () => {
        await storage.accounts.insert(account('a1', 'ana@ips.cl'), 'h');
        await storage.accounts.createAuthSession({ tokenHash: 't1', accountId: 'a1', createdAt: 0, expiresAt: 1_000 });
        await storage.accounts.createAuthSession({ tokenHash: 't2', accountId: 'a1', createdAt: 0, expiresAt: 5_000 });
        expect((await storage.accounts.accountByTokenHash('t1', 999))?.id).toBe('a1');
        expect(await storage.accounts.accountByTokenHash('t1', 1_000)).toBeNull();
        expect(await storage.accounts.deleteExpiredAuthSessions(1_000)).toBe(1);
        await storage.accounts.deleteAuthSession('t2');
        expect(await storage.accounts.accountByTokenHash('t2', 0)).toBeNull();

        await storage.accounts.createAuthSession({ tokenHash: 't3', accountId: 'a1', createdAt: 0, expiresAt: 5_000 });
        expect(await storage.accounts.delete('a1')).toBe(true);
        expect(await storage.accounts.delete('a1')).toBe(false);
        expect(await storage.accounts.accountByTokenHash('t3', 0)).toBeNull();
      });

      it('links provider identities, creating the account and identity together or not at all', async () => {
        const identity = { issuer: 'https://login.example', subject: 'sub-1' };
        expect(await storage.accounts.insertWithIdentity(account('a1', 'ana@ips.cl'), 'h', identity)).toBe(true);
        expect((await storage.accounts.findByIdentity(identity))?.id).toBe('a1');
        // The email is taken: neither the account nor its identity is stored.
        const other = { issuer: 'https://login.example', subject: 'sub-2' };
        expect(await storage.accounts.insertWithIdentity(account('a2', 'ANA@ips.cl'), 'h', other)).toBe(false);
        expect(await storage.accounts.findByIdentity(other)).toBeNull();
        await storage.accounts.linkIdentity('a1', other, 5);
        expect((await storage.accounts.findByIdentity(other))?.id).toBe('a1');
        // Inside a command's transaction a taken email leaves the transaction usable.
        await storage.transaction(async (tx) => {
          expect(await tx.accounts.insertWithIdentity(account('a3', 'ana@IPS.cl'), 'h', { issuer: 'i', subject: 's' })).toBe(false);
          expect(await tx.accounts.insert(account('a4', 'bea@ips.cl'), 'h')).toBe(true);
        });
        expect((await storage.accounts.list()).map((a) => a.id)).toEqual(['a1', 'a4']);
      });
    });

    describe('series, settings, templates and audit', () => {
      it('creates series and lists them newest first, by owner', async () => {
        await storage.accounts.insert(account('acc1', 'ana@ips.cl'), 'h');
        expect(await storage.series.create({ id: 'r1', title: 'Uno', ownerAccountId: 'acc1', createdAt: 1 })).toEqual({
          id: 'r1',
          title: 'Uno',
          ownerAccountId: 'acc1',
          createdAt: 1,
          sessions: 0,
        });
        await storage.series.create({ id: 'r2', title: 'Dos', ownerAccountId: null, createdAt: 2 });
        expect((await storage.series.list(null)).map((r) => r.id)).toEqual(['r2', 'r1']);
        expect((await storage.series.list({ ownerAccountId: 'acc1' })).map((r) => r.id)).toEqual(['r1']);
        expect(await storage.series.findById('r3')).toBeNull();
        // The owner's account removed: the series stays, with no owner.
        await storage.accounts.delete('acc1');
        expect((await storage.series.findById('r1'))?.ownerAccountId).toBeNull();
      });

      it('sets, replaces and deletes settings', async () => {
        expect(await storage.settings.get('retention')).toBeNull();
        await storage.settings.set('retention', '90');
        await storage.settings.set('retention', '30');
        expect(await storage.settings.get('retention')).toBe('30');
        await storage.settings.delete('retention');
        expect(await storage.settings.get('retention')).toBeNull();
      });

      it('keeps the first value of a setting set only if absent', async () => {
        const [first, second] = await Promise.all([
          storage.settings.setIfAbsent('secret', 'one'),
          storage.settings.setIfAbsent('secret', 'two'),
        ]);
        expect(second).toBe(first);
        expect(await storage.settings.get('secret')).toBe(first);
        expect(await storage.settings.setIfAbsent('secret', 'three')).toBe(first);
      });

      it('saves templates from sessions and lists them oldest first', async () => {
        await storage.sessions.create(newSession('s1', '111111'), []);
        await storage.templates.save({ id: 't2', title: 'Dos', activities: [activity('a2')] } as never, 's1', 20);
        await storage.templates.save({ id: 't1', title: 'Uno', activities: [activity('a1')] } as never, 's1', 10);
        expect(await storage.templates.list()).toEqual([
          { id: 't1', title: 'Uno' },
          { id: 't2', title: 'Dos' },
        ]);
        expect(await storage.templates.get('t2')).toEqual({ id: 't2', title: 'Dos', activities: [activity('a2')] });
        expect(await storage.templates.get('t3')).toBeNull();
        // The source session deleted: the template stays.
        await storage.sessions.delete('s1');
        expect(await storage.templates.get('t1')).not.toBeNull();
      });

      it('appends audit entries, lists them newest first with filters and pages, and forgets by age', async () => {
        const by = (accountId: string) => ({ kind: 'account' as const, accountId, email: `${accountId}@ips.cl` });
        const target = { kind: 'session' as const, id: 's1', label: 'Taller', ownerAccountId: 'acc1' };
        await storage.audit.insert({ action: 'report.downloaded', actor: by('acc1'), target, detail: { format: 'pdf' } }, 10);
        await storage.audit.insert({ action: 'session.deleted', actor: by('acc2'), target, detail: {} }, 20);
        await storage.audit.insert({ action: 'report.downloaded', actor: by('acc2'), target: null, detail: { days: 30, x: null } }, 20);
        await storage.audit.insert({ action: 'retention.changed', actor: { kind: 'system' }, target: null, detail: {} }, 30);
        const all = await storage.audit.list({}, 0, 10);
        expect(all.map((e) => [e.at, e.action])).toEqual([
          [30, 'retention.changed'],
          [20, 'report.downloaded'],
          [20, 'session.deleted'],
          [10, 'report.downloaded'],
        ]);
        expect(all[3]).toEqual({
          id: all[3]!.id,
          at: 10,
          action: 'report.downloaded',
          actor: by('acc1'),
          target,
          detail: { format: 'pdf' },
        });
        expect(all[0]?.actor).toEqual({ kind: 'system' });
        expect(await storage.audit.count({})).toBe(4);
        expect(await storage.audit.count({ action: 'report.downloaded' })).toBe(2);
        expect((await storage.audit.list({ accountId: 'acc2' }, 0, 10)).map((e) => e.action)).toEqual([
          'report.downloaded',
          'session.deleted',
        ]);
        expect((await storage.audit.list({ action: 'report.downloaded', accountId: 'acc2' }, 0, 10)).map((e) => e.at)).toEqual([20]);
        expect((await storage.audit.list({}, 1, 2)).map((e) => e.action)).toEqual(['report.downloaded', 'session.deleted']);

        await storage.audit.forgetSessionLabel('s1');
        expect((await storage.audit.list({ action: 'session.deleted' }, 0, 1))[0]?.target?.label).toBe('');
        expect(await storage.audit.deleteBefore(20)).toBe(1);
        expect(await storage.audit.count({})).toBe(3);
      });
    });

    /**
     * Rows written in one millisecond are listed in the order written, on both stores and whatever
     * happened to them since: SQLite keeps insertion order in its rowid; PostgreSQL would not in
     * where a row lies (an update writes a new version elsewhere, VACUUM lets new rows take freed
     * space, VACUUM FULL rewrites the tables), so its tables carry the order in a column (0020).
     */
    describe('rows written in the same millisecond', () => {
      const AT = 5_000;

      it('rebuilds questions in the order asked after some are answered and moderated, and after a rewrite', async () => {
        await sessionWithPeople('s1', '111111', 1);
        for (const id of ['qc', 'qa', 'qb'])
          await storage.qa.record({
            kind: 'ask',
            question: {
              id,
              activityId: 's1-q1',
              participantId: 's1-p1',
              clientId: `client-${id}`,
              text: id,
              authorName: null,
              status: 'pending',
              answered: false,
              askedAt: AT,
            },
          });
        await storage.qa.record({ kind: 'answered', questionId: 'qc', answered: true });
        await storage.qa.record({ kind: 'status', questionId: 'qa', status: 'shown' });
        const order = async () => [...(await storage.qa.forSession('s1')).get('s1-q1')!.questions.keys()];
        expect(await order()).toEqual(['qc', 'qa', 'qb']);
        await under.reclaim('rewrite');
        expect(await order()).toEqual(['qc', 'qa', 'qb']);
      });

      it('lists support entries in the order recorded after some are updated, and after a rewrite', async () => {
        await storage.sessions.create(newSession('s1', '111111'), [activity('s1-q1')]);
        for (const id of ['ec', 'ea', 'eb'])
          await storage.support.insert({
            id,
            sessionId: 's1',
            activityId: 's1-q1',
            salaId: 'x',
            salaName: 'Sala 1',
            kindId: id,
            kindLabel: id,
            text: id,
            agencies: [],
            status: 'recibido',
            note: '',
            createdAt: AT,
            updatedAt: AT,
          });
        await storage.support.updateRequest('ec', { text: 'Otro texto', kindLabel: 'ec', agencies: ['IPS'] }, AT + 1);
        await storage.support.setStatus('ea', 'en-curso', 'Nota', AT + 2);
        const orders = async () => [
          (await storage.support.forSala('s1-q1', 'x')).map((e) => e.id),
          (await storage.support.forSession('s1')).map((e) => e.id),
          (await storage.support.list({ ownerAccountId: null })).map((e) => e.id),
        ];
        const written = ['ec', 'ea', 'eb'];
        expect(await orders()).toEqual([written, written, written]);
        await under.reclaim('rewrite');
        expect(await orders()).toEqual([written, written, written]);
      });

      it('logs events in the order written when new ones take the space of removed ones, and after a rewrite', async () => {
        await storage.sessions.create(newSession('s2', '222222'), []);
        await storage.sessions.create(newSession('s1', '111111'), []);
        await storage.sessions.recordEvent('s2', null, 'started', AT);
        await storage.sessions.recordEvent('s1', null, 'first', AT);
        await storage.sessions.delete('s2');
        await under.reclaim('reuse');
        await storage.sessions.recordEvent('s1', null, 'second', AT);
        const order = async () => (await storage.sessions.events('s1')).map((e) => e.event);
        expect(await order()).toEqual(['first', 'second']);
        await under.reclaim('rewrite');
        expect(await order()).toEqual(['first', 'second']);
      });

      it('rebuilds answers in the order last changed, those of one millisecond by participant, and after a rewrite', async () => {
        await sessionWithPeople('s1', '111111', 4);
        await storage.answers.writeBatch([write('s1-p3', 's1-q1', 'c1', 'a', 10), write('s1-p4', 's1-q1', 'c2', 'a', 20)]);
        await storage.answers.writeBatch([write('s1-p2', 's1-q1', 'c3', 'a', 20), write('s1-p1', 's1-q1', 'c4', 'a', 25)]);
        await storage.answers.writeBatch([write('s1-p3', 's1-q1', 'c5', 'b', 30)]);
        const order = async () => (await storage.answers.forSession('s1')).map((a) => a.participantId);
        expect(await order()).toEqual(['s1-p2', 's1-p4', 's1-p1', 's1-p3']);
        await under.reclaim('rewrite');
        expect(await order()).toEqual(['s1-p2', 's1-p4', 's1-p1', 's1-p3']);
      });

      it('lists sessions in the order created after some are changed, and after a rewrite', async () => {
        await storage.series.create({ id: 'r1', title: 'Serie', ownerAccountId: null, createdAt: 1 });
        for (const id of ['sc', 'sa', 'sb'])
          await storage.sessions.create(newSession(id, `${id}0000`, { createdAt: AT, seriesId: 'r1' }), []);
        await storage.sessions.saveLive('sc', { currentActivityId: null, resultsVisible: true, blank: false, presenterNotes: false });
        // A code used again in the same millisecond: the newest session is the one created last.
        await storage.sessions.close('sa', AT);
        await storage.sessions.create(newSession('sd', 'sa0000', { createdAt: AT }), []);
        const orders = async () => ({
          newestFirst: (await storage.sessions.list(null)).map((s) => s.id),
          inSeries: (await storage.sessions.listInSeries('r1')).map((s) => s.id),
          retained: await storage.sessions.createdBefore(AT + 1),
          latestByCode: (await storage.sessions.findLatestByCode('sa0000'))?.id,
        });
        const expected = {
          newestFirst: ['sd', 'sb', 'sa', 'sc'],
          inSeries: ['sc', 'sa', 'sb'],
          retained: ['sc', 'sa', 'sb', 'sd'],
          latestByCode: 'sd',
        };
        expect(await orders()).toEqual(expected);
        await under.reclaim('rewrite');
        expect(await orders()).toEqual(expected);
      });

      it('lists series newest first and templates oldest first in the order written, and after a rewrite', async () => {
        for (const id of ['rb', 'rc', 'ra']) await storage.series.create({ id, title: id, ownerAccountId: null, createdAt: AT });
        await storage.sessions.create(newSession('s1', '111111'), []);
        for (const id of ['tb', 'tc', 'ta']) await storage.templates.save({ id, title: id, activities: [] } as never, 's1', AT);
        const orders = async () => [(await storage.series.list(null)).map((r) => r.id), (await storage.templates.list()).map((t) => t.id)];
        const expected = [
          ['ra', 'rc', 'rb'],
          ['tb', 'tc', 'ta'],
        ];
        expect(await orders()).toEqual(expected);
        await under.reclaim('rewrite');
        expect(await orders()).toEqual(expected);
      });

      it('finds the commitment written last in the series after an earlier one is edited, and after a rewrite', async () => {
        await storage.series.create({ id: 'r1', title: 'Serie', ownerAccountId: null, createdAt: 1 });
        for (const id of ['sb', 'sa', 'sc']) {
          await storage.sessions.create(newSession(id, `${id}0000`, { seriesId: 'r1', createdAt: 1_000 }), [activity(`${id}-q1`)]);
          await storage.participants.createBatch([newParticipant(`${id}-p1`, id)]);
        }
        for (const id of ['sb', 'sa'])
          await storage.commitments.insert({
            id: `k-${id}`,
            sessionId: id,
            activityId: `${id}-q1`,
            participantId: `${id}-p1`,
            text: id,
            createdAt: AT,
            updatedAt: AT,
            keyHash: 'key-1',
            codeHash: `code-${id}`,
          });
        await storage.commitments.updateText('k-sb', 'Editado', AT + 1);
        const found = async () => (await storage.commitments.findInSeries('r1', 'sc', AT + 10, { keyHash: 'key-1' }))?.id;
        expect(await found()).toBe('k-sa');
        await under.reclaim('rewrite');
        expect(await found()).toBe('k-sa');
      });
    });

    describe('allow-list', () => {
      it('adds, finds, lists in order and removes entries', async () => {
        expect(await storage.signInAllowList.add('minsal.cl', 1)).toBe(true);
        expect(await storage.signInAllowList.add('ana@ips.cl', 2)).toBe(true);
        expect(await storage.signInAllowList.add('minsal.cl', 3)).toBe(false);
        expect(await storage.signInAllowList.list()).toEqual([
          { entry: 'ana@ips.cl', createdAt: 2 },
          { entry: 'minsal.cl', createdAt: 1 },
        ]);
        expect(await storage.signInAllowList.find('minsal.cl')).toEqual({ entry: 'minsal.cl', createdAt: 1 });
        expect((await storage.signInAllowList.find('MINSAL.cl')) !== null).toBe(dialect.allowListIgnoresCase);
        expect(await storage.signInAllowList.remove('minsal.cl')).toBe(true);
        expect(await storage.signInAllowList.remove('minsal.cl')).toBe(false);
        expect(await storage.signInAllowList.find('minsal.cl')).toBeNull();
      });
    });
  });
}

/** Collects the process's deprecation warnings (pg's "query while another runs" among them) until stopped. */
function deprecationWarnings() {
  const seen: string[] = [];
  const listener = (warning: Error) => {
    if (warning.name === 'DeprecationWarning') seen.push(warning.message);
  };
  process.on('warning', listener);
  return {
    stop: () => {
      process.off('warning', listener);
      return seen;
    },
  };
}

function account(id: string, email: string, createdAt = 100) {
  return { id, email, name: `Nombre ${id}`, role: 'facilitator' as const, createdAt };
}

function experience(sessionId: string, activityId: string, id: string, authorId: string | null, contact: boolean) {
  return {
    activityId,
    id,
    sessionId,
    salaId: null,
    authorId,
    card: {
      agency: 'IPS',
      name: 'Plan Conversa',
      axes: ['liderazgo' as const],
      approach: 'preventive' as const,
      reach: { count: 1332, unit: 'personas' },
      since: { year: 2023, month: 4 },
      lesson: 'Escuchar primero',
      contact: contact ? { optIn: true as const, unit: 'Unidad de Bienestar', email: 'bienestar@ips.cl' } : { optIn: false as const },
    },
    createdAt: 100,
    updatedAt: 100,
  };
}

async function sorted<T extends { activityId: string; participantId: string }>(rows: Promise<T[]>): Promise<T[]> {
  return (await rows).sort((a, b) => (a.activityId + a.participantId).localeCompare(b.activityId + b.participantId));
}
