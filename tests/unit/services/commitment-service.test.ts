import { describe, expect, it } from 'vitest';
import { CommitmentService } from '../../../server/services/commitment-service.ts';
import type { CommitmentActivity } from '../../../shared/types.ts';
import { rejectionCode } from '../app-error.ts';
import { content } from '../fixtures.ts';
import { makeServices } from './support/services.ts';

const write: CommitmentActivity = { id: 'w', kind: 'commitment', mode: 'write', title: '¿Qué harás?' };
const KEY = 'clave-del-navegador-de-prueba';

async function setUp() {
  const services = makeServices();
  const created = await services.session([content('c'), write]);
  const [ana, ben] = await services.join(created.code, 2);
  services.settle();
  const published: string[] = [];
  const commitments = new CommitmentService({
    storage: services.storage,
    store: services.store,
    publish: (sessionId, activityId) => published.push(`${sessionId} ${activityId}`),
    now: () => services.clock.now,
    random: () => new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]),
  });
  await services.sessions.goto(created.id, 'w');
  services.storage.transactions.length = 0;
  return { ...services, commitments, published, sessionId: created.id, ana: ana!, ben: ben! };
}

describe('CommitmentService', () => {
  it('stores a new commitment in one transaction, gives its code once, and publishes the count', async () => {
    const { commitments, storage, published, sessionId, ana } = await setUp();
    const first = await commitments.write(sessionId, ana, { activityId: 'w', text: ' Hablar con mi equipo ', key: KEY });
    expect(first).toMatchObject({ text: 'Hablar con mi equipo', code: 'ABCDEFGH' });
    const again = await commitments.write(sessionId, ana, { activityId: 'w', text: 'Hablar con mi jefatura', key: KEY });
    expect(again.code).toBeNull();
    expect(storage.transactions).toEqual([['insertCommitment'], ['updateCommitment']]);
    // A rewrite changes no count: published once.
    expect(published).toEqual([`${sessionId} w`]);
    expect(await commitments.tally(sessionId, 'w')).toEqual({ activityId: 'w', mode: 'write', written: 1 });
    // Neither hash is the key or the code.
    const [row] = [...storage.commitmentRows.values()];
    expect(JSON.stringify(row)).not.toContain(KEY);
    expect(JSON.stringify(row)).not.toContain('ABCDEFGH');
  });

  it('refuses a commitment off screen, and a failed commit stores and publishes nothing', async () => {
    const { commitments, storage, published, sessionId, ana, sessions } = await setUp();
    await sessions.goto(sessionId, 'c');
    storage.transactions.length = 0;
    expect(await rejectionCode(() => commitments.write(sessionId, ana, { activityId: 'w', text: 'Tarde', key: KEY }))).toBe(
      'ANSWERING_CLOSED',
    );
    await sessions.goto(sessionId, 'w');
    storage.transactions.length = 0;
    storage.failNextCommit();
    await expect(async () => commitments.write(sessionId, ana, { activityId: 'w', text: 'Algo', key: KEY })).rejects.toThrow(
      'disk I/O error',
    );
    expect(storage.commitmentRows.size).toBe(0);
    expect(published).toEqual([]);
  });

  it('finds nothing from a session outside a series, however the commitment is proved', async () => {
    const services = await setUp();
    const { commitments, sessionId, ana } = services;
    const { code } = await commitments.write(sessionId, ana, { activityId: 'w', text: 'Hablar con mi equipo', key: KEY });
    const next = await services.session([{ id: 'r', kind: 'commitment', mode: 'review', title: 'Tu compromiso' }]);
    const [returning] = await services.join(next.code, 1);
    await services.sessions.goto(next.id, 'r');
    for (const proof of [{ key: KEY }, { code: code! }]) {
      expect(await rejectionCode(() => commitments.review(next.id, returning!, { activityId: 'r', proof, outcome: 'done' }))).toBe(
        'COMMITMENT_NOT_FOUND',
      );
    }
    expect(services.storage.reviewRows.size).toBe(0);
  });
});
