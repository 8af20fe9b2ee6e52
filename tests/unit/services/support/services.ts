/**
 * The session services wired as plugins/services.ts wires them, on in-memory storage, a
 * recording publisher and a clock the test moves. Random grouping deals in join order.
 */
import { afterEach } from 'vitest';
import type { Activity } from '../../../../shared/types.ts';
import { AgendaService } from '../../../../server/services/agenda-service.ts';
import { AnswerService } from '../../../../server/services/answer-service.ts';
import { JoinKeys } from '../../../../server/services/join-keys.ts';
import { BreakoutService } from '../../../../server/services/breakout-service.ts';
import { Presence } from '../../../../server/services/presence.ts';
import { SessionService } from '../../../../server/services/session-service.ts';
import { SessionStore } from '../../../../server/services/session-store.ts';
import { AuditService } from '../../../../server/services/audit-service.ts';
import { SupportService } from '../../../../server/services/support-service.ts';
import { SynthesisService } from '../../../../server/services/synthesis-service.ts';
import { TemplateCatalog } from '../../../../server/services/template-catalog.ts';
import { TurnService } from '../../../../server/services/turn-service.ts';
import { QaService } from '../../../../server/services/qa-service.ts';
import { MemoryStorage } from './memory-storage.ts';
import { RecordingPublisher } from './recording-publisher.ts';

/** The fake clock's start (any time well after the epoch). */
export const T0 = 1_700_000_000_000;

const opened: BreakoutService[] = [];
afterEach(async () => {
  for (const breakouts of opened.splice(0)) await breakouts.close();
});

export function makeServices() {
  const storage = new MemoryStorage();
  const store = new SessionStore(storage);
  const publisher = new RecordingPublisher();
  const presence = new Presence();
  const clock = { now: T0 };
  const now = () => clock.now;
  const breakouts = new BreakoutService({ storage, store, presence, publisher, now, random: () => 0 });
  opened.push(breakouts);
  const audit = new AuditService({ storage, now });
  const support = new SupportService({ storage, seriesTitles: async () => new Map(), audit, now });
  const syntheses = new SynthesisService({ storage, store, breakouts, register: support, publisher, now });
  const turns = new TurnService({ storage, store, breakouts, publisher, now });
  const qa = new QaService({ storage, store, publisher, now });
  const sessions = new SessionService({
    storage,
    store,
    breakouts,
    syntheses,
    turns,
    qa,
    templates: new TemplateCatalog(),
    publisher,
    publicUrl: () => 'https://plenario.test',
    joinKeys: new JoinKeys(Buffer.alloc(32, 7)),
    now,
  });
  const agenda = new AgendaService({ storage, store, breakouts, syntheses, qa, publisher, now });
  const answers = new AnswerService(storage.answers, store, publisher, now);

  /** A session with this agenda; its setup's writes and publications are forgotten. */
  async function session(activities: Activity[]) {
    const created = await sessions.create({ title: 'Sesión de prueba', agenda: activities });
    storage.transactions.length = 0;
    return created;
  }

  /** Joins `count` participants, each present (a socket open); returns their ids in join order. */
  async function join(code: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const joined = await sessions.join({ code, displayName: `P${i + 1}` });
      presence.connected(joined.sessionId, joined.participantId);
      ids.push(joined.participantId);
    }
    return ids;
  }

  /** Forgets the writes and publications made so far: what follows is the command under test. */
  function settle(): void {
    storage.transactions.length = 0;
    publisher.clear();
  }

  return {
    storage,
    store,
    publisher,
    presence,
    clock,
    breakouts,
    support,
    syntheses,
    turns,
    qa,
    sessions,
    agenda,
    answers,
    session,
    join,
    settle,
  };
}
