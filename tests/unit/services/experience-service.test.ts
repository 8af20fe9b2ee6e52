import { describe, expect, it } from 'vitest';
import type { ExperienceCardInput } from '../../../shared/experience.ts';
import { ExperienceService, type ExperienceDeliveries } from '../../../server/services/experience-service.ts';
import { rejectionCode } from '../app-error.ts';
import { makeServices, T0 } from './support/services.ts';

const CARD: ExperienceCardInput = {
  agency: 'IPS',
  name: 'Conversa, Contiene y Cobija',
  axes: ['promocion'],
  approach: 'preventive',
  reach: null,
  since: null,
  lesson: null,
  contact: { optIn: false },
};

async function setUp() {
  const services = makeServices();
  const created = await services.session([{ id: 'exp', kind: 'experience', title: 'Experiencias' }]);
  const [p1, p2] = await services.join(created.code, 2);
  await services.sessions.goto(created.id, 'exp');
  const sent: ExperienceDeliveries[] = [];
  const experiences = new ExperienceService({
    ...services,
    notifier: { experiencesChanged: (_, deliveries) => sent.push(deliveries) },
    now: () => services.clock.now,
  });
  services.settle();
  const participant = (participantId: string) => ({ role: 'participant', participantId }) as const;
  return { ...services, experiences, sent, sessionId: created.id, p1: participant(p1!), p2: participant(p2!) };
}

describe('ExperienceService', () => {
  it('stores a card in one transaction and tells the consoles, the projector and its author', async () => {
    const { experiences, storage, sent, sessionId, p1 } = await setUp();
    const view = await experiences.save(sessionId, p1, { activityId: 'exp', cardId: 'card-1', card: CARD });
    expect(view.cards).toMatchObject([{ id: 'card-1', mine: true, createdAt: T0 }]);
    expect(storage.transactions).toEqual([['saveExperience']]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.participants).toMatchObject([{ participantIds: [p1.participantId] }]);
    expect(sent[0]!.consoles.cards).toHaveLength(1);
  });

  it('keeps when a card was first saved through an edit', async () => {
    const { experiences, clock, sessionId, p1 } = await setUp();
    await experiences.save(sessionId, p1, { activityId: 'exp', cardId: 'card-1', card: CARD });
    clock.now += 60_000;
    const view = await experiences.save(sessionId, p1, { activityId: 'exp', cardId: 'card-1', card: { ...CARD, name: 'Otro nombre' } });
    expect(view.cards).toMatchObject([{ name: 'Otro nombre', createdAt: T0, updatedAt: T0 + 60_000 }]);
  });

  it('writes nothing and tells no one when a save is refused', async () => {
    const { experiences, storage, sent, sessionId, p1, p2 } = await setUp();
    await experiences.save(sessionId, p1, { activityId: 'exp', cardId: 'card-1', card: CARD });
    storage.transactions.length = 0;
    sent.length = 0;
    expect(await rejectionCode(() => experiences.save(sessionId, p2, { activityId: 'exp', cardId: 'card-1', card: CARD }))).toBe(
      'FORBIDDEN',
    );
    expect(await rejectionCode(() => experiences.delete(sessionId, p2, { activityId: 'exp', cardId: 'card-1' }))).toBe('FORBIDDEN');
    expect(await rejectionCode(() => experiences.delete(sessionId, p1, { activityId: 'exp', cardId: 'nope' }))).toBe('NOT_FOUND');
    expect(
      await rejectionCode(() => experiences.save(sessionId, p1, { activityId: 'exp', cardId: 'x', card: { ...CARD, name: ' ' } })),
    ).toBe('VALIDATION_FAILED');
    expect(storage.transactions).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('refuses writing once the session is closed', async () => {
    const { experiences, sessions, sessionId, p1 } = await setUp();
    await sessions.close(sessionId);
    expect(await rejectionCode(() => experiences.save(sessionId, p1, { activityId: 'exp', cardId: 'card-1', card: CARD }))).toBe(
      'SESSION_CLOSED',
    );
  });
});
