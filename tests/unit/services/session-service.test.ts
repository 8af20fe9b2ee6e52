import { describe, expect, it } from 'vitest';
import { rejectionCode } from '../app-error.ts';
import { SessionStore } from '../../../server/services/session-store.ts';
import { choice, content, openQuestion, rating } from '../fixtures.ts';
import { makeServices, T0 } from './support/services.ts';

const agenda = () => [content('intro'), choice('poll', ['a', 'b']), rating('axes', ['x', 'y']), openQuestion('ideas')];

describe('SessionService', () => {
  describe('create', () => {
    it('stores a session with its agenda and hands out links carrying the secret in the fragment', async () => {
      const { sessions, storage } = makeServices();
      const created = await sessions.create({ title: '  Bienestar  ', agenda: agenda() });
      expect(created.code).toMatch(/^\d{6}$/);
      expect(created.joinUrl).toMatch(new RegExp(`^https://plenario\\.test/j/${created.code}#k=[A-Za-z0-9_-]{16}$`));
      expect(created.facilitatorUrl).toBe(`https://plenario.test/facilitate/${created.id}#token=${created.facilitatorToken}`);
      expect(await storage.sessions.findById(created.id)).toMatchObject({ title: 'Bienestar', status: 'open', createdAt: T0 });
      expect((await storage.sessions.agenda(created.id)).map((a) => a.activity.id)).toEqual(['intro', 'poll', 'axes', 'ideas']);
      expect(await sessions.isFacilitator(created.id, created.facilitatorToken)).toBe(true);
      expect(await sessions.isFacilitator(created.id, 'x'.repeat(43))).toBe(false);
    });

    it('starts from a built-in template', async () => {
      const { sessions, storage } = makeServices();
      const created = await sessions.create({ title: 'Sesión 2', template: 'bienestar-sesion-2' });
      expect((await storage.sessions.agenda(created.id)).length).toBeGreaterThan(3);
    });

    it('refuses an unknown template and stores nothing', async () => {
      const { sessions, storage } = makeServices();
      expect(await rejectionCode(() => sessions.create({ title: 'x', template: 'no-such-template' }))).toBe('TEMPLATE_NOT_FOUND');
      expect(storage.sessionRows.size).toBe(0);
    });
  });

  describe('join', () => {
    it('stores a new anonymous participant, counts them and says the live state changed', async () => {
      const { sessions, session, store, storage, publisher } = makeServices();
      const created = await session(agenda());
      const joined = await sessions.join({ code: created.code, displayName: ' Ana ' });
      expect(joined.sessionId).toBe(created.id);
      expect(joined.snapshot.displayName).toBe('Ana');
      expect(joined.snapshot.session.live.participantCount).toBe(1);
      expect((await store.open(created.id)).participantCount).toBe(1);
      expect(storage.transactions).toEqual([['createBatch']]);
      expect(publisher.calls).toEqual([`liveChanged ${created.id}`]);
    });

    it('brings a known participant back with their answers, renaming them if asked, without counting them again', async () => {
      const { sessions, session, answers, store, storage, settle } = makeServices();
      const created = await session(agenda());
      await sessions.goto(created.id, 'poll');
      const first = await sessions.join({ code: created.code });
      await answers.submit(created.id, first.participantId, {
        activityId: 'poll',
        clientAnswerId: 'c1-aaaa',
        value: { kind: 'choice', optionIds: ['b'] },
      });
      settle();
      const back = await sessions.join({ code: created.code, participantToken: first.participantToken, displayName: 'Luis' });
      expect(back.participantId).toBe(first.participantId);
      expect(back.snapshot.myAnswers).toEqual({ poll: { kind: 'choice', optionIds: ['b'] } });
      expect(back.snapshot.displayName).toBe('Luis');
      expect((await store.open(created.id)).participantCount).toBe(1);
      expect(storage.transactions).toEqual([['rename']]);
    });

    it('tells an unknown code from the code of a session that has ended', async () => {
      const { sessions, session } = makeServices();
      const created = await session(agenda());
      await expect(sessions.join({ code: '000000' })).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
      await sessions.close(created.id);
      await expect(sessions.join({ code: created.code })).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
    });

    it('lets a participant of a closed session back in read-only, storing and counting nothing', async () => {
      const { sessions, session, storage, publisher } = makeServices();
      const created = await session(agenda());
      const first = await sessions.join({ code: created.code, displayName: 'Ana' });
      await sessions.close(created.id);
      const transactions = storage.transactions.length;
      const calls = publisher.calls.length;
      const back = await sessions.join({ code: created.code, participantToken: first.participantToken, displayName: 'Otra' });
      expect(back).toMatchObject({ readOnly: true, participantId: first.participantId, participantToken: first.participantToken });
      expect(back.snapshot.session.live.status).toBe('closed');
      expect(back.snapshot.displayName).toBe('Ana');
      expect(storage.transactions.length).toBe(transactions);
      expect(publisher.calls.length).toBe(calls);
    });

    it("refuses a closed session to a stranger and to another session's participant", async () => {
      const { sessions, session } = makeServices();
      const ended = await session(agenda());
      const other = await session(agenda());
      const elsewhere = await sessions.join({ code: other.code });
      await sessions.close(ended.id);
      await expect(sessions.join({ code: ended.code, participantToken: 'x'.repeat(43) })).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
      await expect(sessions.join({ code: ended.code, participantToken: elsewhere.participantToken })).rejects.toMatchObject({
        code: 'SESSION_CLOSED',
      });
    });

    it("tells the join screen the session's language: es-CL unless set", async () => {
      const { sessions } = makeServices();
      const spanish = await sessions.create({ title: 'a', agenda: agenda() });
      const english = await sessions.create({ title: 'b', agenda: agenda(), locale: 'en' });
      expect((await sessions.findByCode(spanish.code)).locale).toBe('es-CL');
      expect((await sessions.findByCode(english.code)).locale).toBe('en');
    });
  });

  describe('joinProof', () => {
    it('vouches for the key of the session’s link and the token of one of its participants, and for nothing else', async () => {
      const { sessions, session } = makeServices();
      const [created, other] = [await session(agenda()), await session(agenda())];
      const key = (s: { joinUrl: string }) => new URL(s.joinUrl).hash.slice('#k='.length);
      const inOther = await sessions.join({ code: other.code });
      expect(await sessions.joinProof(created.id, { joinKey: key(created) })).toBe('vouched');
      expect(await sessions.joinProof(created.id, { joinKey: key(other) })).toBe('wrong-key');
      expect(await sessions.joinProof(created.id, { joinKey: 'A'.repeat(16) })).toBe('wrong-key');
      expect(await sessions.joinProof(created.id, {})).toBe('typed');
      expect(await sessions.joinProof(other.id, { participantToken: inOther.participantToken })).toBe('vouched');
      expect(await sessions.joinProof(created.id, { participantToken: inOther.participantToken })).toBe('typed');
      expect(await sessions.joinProof(created.id, { participantToken: inOther.participantToken, joinKey: key(created) })).toBe('vouched');
    });

    it('gives the key to the facilitator’s screens only: a participant’s snapshot links the bare code', async () => {
      const { sessions, session } = makeServices();
      const created = await session(agenda());
      const joined = await sessions.join({ code: created.code });
      expect(joined.snapshot.session.joinUrl).toBe(`https://plenario.test/j/${created.code}`);
      expect(sessions.facilitatorSnapshot(created.id).session.joinUrl).toBe(created.joinUrl);
    });
  });

  describe('goto', () => {
    it('opens a question on first arrival, hides the results and notes both, in one transaction', async () => {
      const { sessions, session, store, storage, publisher } = makeServices();
      const created = await session(agenda());
      await sessions.setDisplay(created.id, { resultsVisible: true });
      storage.transactions.length = 0;
      publisher.clear();

      const live = await sessions.goto(created.id, 'axes');
      expect(live).toMatchObject({ currentActivityId: 'axes', resultsVisible: false });
      expect(live.answering.axes).toBe('open');
      expect(storage.transactions).toEqual([['saveAnswering', 'recordEvent', 'recordEvent', 'saveLive']]);
      expect(await storage.sessions.events(created.id)).toEqual([
        { at: T0, activityId: 'axes', event: 'answering:open' },
        { at: T0, activityId: 'axes', event: 'shown' },
      ]);
      expect(await storage.sessions.findById(created.id)).toMatchObject({ currentActivityId: 'axes', resultsVisible: false });
      expect((await storage.sessions.agenda(created.id)).find((a) => a.activity.id === 'axes')?.answering).toBe('open');
      expect(publisher.calls).toEqual([`liveChanged ${created.id}`, `resultsChanged ${created.id} axes`]);
      // What memory holds is what a restart would load.
      expect((await new SessionStore(storage).open(created.id)).live()).toEqual((await store.open(created.id)).live());
    });

    it('keeps results shown when staying on the activity, and a closed question closed', async () => {
      const { sessions, session, storage } = makeServices();
      const created = await session(agenda());
      await sessions.goto(created.id, 'poll');
      await sessions.setAnswering(created.id, 'poll', false);
      await sessions.setDisplay(created.id, { resultsVisible: true });
      storage.transactions.length = 0;
      const live = await sessions.goto(created.id, 'poll');
      expect(live).toMatchObject({ currentActivityId: 'poll', resultsVisible: true });
      expect(live.answering.poll).toBe('closed');
      expect(storage.transactions).toEqual([['saveLive']]);
    });

    it('closes the question left in the same transaction, unless it is kept open, and a restart loads both', async () => {
      const { sessions, session, store, storage } = makeServices();
      const created = await session(agenda());
      await sessions.goto(created.id, 'poll');
      await sessions.setKeepOpen(created.id, 'poll', true);
      await sessions.goto(created.id, 'axes');
      storage.transactions.length = 0;
      const live = await sessions.goto(created.id, 'ideas');
      expect(live.answering).toMatchObject({ poll: 'open', axes: 'closed', ideas: 'open' });
      expect(live.keepOpen).toEqual(['poll']);
      expect(storage.transactions).toEqual([['saveAnswering', 'saveAnswering', 'recordEvent', 'recordEvent', 'recordEvent', 'saveLive']]);
      expect((await storage.sessions.events(created.id)).slice(-3)).toEqual([
        { at: T0, activityId: 'axes', event: 'answering:closed' },
        { at: T0, activityId: 'ideas', event: 'answering:open' },
        { at: T0, activityId: 'ideas', event: 'shown' },
      ]);
      expect((await new SessionStore(storage).open(created.id)).live()).toEqual((await store.open(created.id)).live());
    });

    it('refuses an activity not in the agenda, storing and changing nothing', async () => {
      const { sessions, session, store, storage, publisher } = makeServices();
      const created = await session(agenda());
      const before = (await store.open(created.id)).live();
      expect(await rejectionCode(() => sessions.goto(created.id, 'nowhere'))).toBe('ACTIVITY_NOT_FOUND');
      expect(storage.transactions).toEqual([]);
      expect(publisher.calls).toEqual([]);
      expect((await store.open(created.id)).live()).toEqual(before);
    });

    it('leaves memory as it was when the commit fails', async () => {
      const { sessions, session, store, storage, publisher } = makeServices();
      const created = await session(agenda());
      const before = (await store.open(created.id)).live();
      storage.failNextCommit();
      await expect(async () => sessions.goto(created.id, 'poll')).rejects.toThrow('disk I/O error');
      expect((await store.open(created.id)).live()).toEqual(before);
      expect((await storage.sessions.findById(created.id))?.currentActivityId).toBeNull();
      expect(publisher.calls).toEqual([]);
    });
  });

  it('steps through the agenda from the join screen and back to it', async () => {
    const { sessions, session } = makeServices();
    const created = await session(agenda());
    expect((await sessions.step(created.id, 'next')).currentActivityId).toBe('intro');
    expect((await sessions.step(created.id, 'next')).currentActivityId).toBe('poll');
    expect((await sessions.step(created.id, 'previous')).currentActivityId).toBe('intro');
    expect((await sessions.step(created.id, 'previous')).currentActivityId).toBeNull();
  });

  describe('setAnswering', () => {
    it('opens and closes a question, noting each change', async () => {
      const { sessions, session, storage } = makeServices();
      const created = await session(agenda());
      expect((await sessions.setAnswering(created.id, 'axes', true)).answering.axes).toBe('open');
      expect((await sessions.setAnswering(created.id, 'axes', false)).answering.axes).toBe('closed');
      expect(storage.transactions).toEqual([
        ['saveAnswering', 'recordEvent'],
        ['saveAnswering', 'recordEvent'],
      ]);
      expect((await storage.sessions.events(created.id)).map((e) => e.event)).toEqual(['answering:open', 'answering:closed']);
    });

    it('refuses a content slide, storing nothing', async () => {
      const { sessions, session, storage } = makeServices();
      const created = await session(agenda());
      expect(await rejectionCode(() => sessions.setAnswering(created.id, 'intro', true))).toBe('NOT_ANSWERABLE');
      expect(storage.transactions).toEqual([]);
    });
  });

  it('shows results (telling phones the current results) and blanks the screen', async () => {
    const { sessions, session, storage, publisher, settle } = makeServices();
    const created = await session(agenda());
    await sessions.goto(created.id, 'poll');
    settle();
    expect(await sessions.setDisplay(created.id, { resultsVisible: true })).toMatchObject({ resultsVisible: true, blank: false });
    expect(publisher.calls).toEqual([`liveChanged ${created.id}`, `resultsChanged ${created.id} poll`]);
    expect(await sessions.setDisplay(created.id, { blank: true })).toMatchObject({ resultsVisible: true, blank: true });
    expect(storage.transactions).toEqual([['saveLive'], ['saveLive']]);
    expect(await storage.sessions.findById(created.id)).toMatchObject({ resultsVisible: true, blank: true });
  });

  describe('close', () => {
    it('closes the questions still open with the session, in one transaction', async () => {
      const { sessions, session, storage } = makeServices();
      const created = await session(agenda());
      await sessions.setAnswering(created.id, 'poll', true);
      await sessions.setAnswering(created.id, 'ideas', true);
      storage.transactions.length = 0;
      const live = await sessions.close(created.id);
      expect(live.status).toBe('closed');
      expect(live.answering).toEqual({ intro: 'idle', poll: 'closed', axes: 'idle', ideas: 'closed' });
      expect(storage.transactions).toEqual([['saveAnswering', 'saveAnswering', 'recordEvent', 'recordEvent', 'close']]);
      expect(await storage.sessions.findById(created.id)).toMatchObject({ status: 'closed', closedAt: T0 });
    });

    it('makes the session read-only: every control is refused and nothing is stored', async () => {
      const { sessions, session, storage } = makeServices();
      const created = await session(agenda());
      await sessions.close(created.id);
      storage.transactions.length = 0;
      expect(await rejectionCode(() => sessions.goto(created.id, 'poll'))).toBe('SESSION_CLOSED');
      expect(await rejectionCode(() => sessions.step(created.id, 'next'))).toBe('SESSION_CLOSED');
      expect(await rejectionCode(() => sessions.setAnswering(created.id, 'poll', true))).toBe('SESSION_CLOSED');
      expect(await rejectionCode(() => sessions.setDisplay(created.id, { blank: true }))).toBe('SESSION_CLOSED');
      expect(await rejectionCode(() => sessions.close(created.id))).toBe('SESSION_CLOSED');
      expect(storage.transactions).toEqual([]);
    });
  });

  describe('hideAnswer', () => {
    it('hides an open answer from the results and stores the hiding', async () => {
      const { sessions, session, answers, storage, settle } = makeServices();
      const created = await session(agenda());
      await sessions.goto(created.id, 'ideas');
      const { participantId } = await sessions.join({ code: created.code });
      await answers.submit(created.id, participantId, {
        activityId: 'ideas',
        clientAnswerId: 'o1-aaaa',
        value: { kind: 'open', texts: ['Pausas activas'] },
      });
      settle();
      const [answer] = (sessions.facilitatorSnapshot(created.id).results.ideas as { answers: Array<{ id: string }> }).answers;
      const results = await sessions.hideAnswer(created.id, 'ideas', answer!.id, true);
      expect(results).toMatchObject({ kind: 'open', answers: [{ id: answer!.id, hidden: true }] });
      expect(storage.transactions).toEqual([['setHidden']]);
      expect(await storage.moderation.hiddenForSession(created.id)).toEqual([{ activityId: 'ideas', answerId: answer!.id }]);
    });

    it('refuses an unknown answer and a question that is not open, storing nothing', async () => {
      const { sessions, session, storage } = makeServices();
      const created = await session(agenda());
      expect(await rejectionCode(() => sessions.hideAnswer(created.id, 'ideas', 'no-such-answer', true))).toBe('NOT_FOUND');
      expect(await rejectionCode(() => sessions.hideAnswer(created.id, 'poll', 'a', true))).toBe('NOT_ANSWERABLE');
      expect(storage.transactions).toEqual([]);
    });
  });

  it('makes another console link for an account; the first secret keeps working', async () => {
    const { sessions, session, storage, store } = makeServices();
    const created = await session(agenda());
    await store.open(created.id);
    const link = await sessions.newFacilitatorLink(created.id, 'account-1');
    expect(link.facilitatorToken).not.toBe(created.facilitatorToken);
    expect(await sessions.isFacilitator(created.id, link.facilitatorToken)).toBe(true);
    expect(await sessions.isFacilitator(created.id, created.facilitatorToken)).toBe(true);
    expect(storage.transactions).toEqual([['addFacilitatorLink']]);
  });
});
