import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedSession, JoinCheck, ParticipantSnapshot } from '../../shared/types.ts';
import {
  connect,
  connectFacilitator,
  createSession,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from './support/server.ts';

let server: TestServer;
let sockets: ClientSocket[] = [];

const track = <T extends ClientSocket>(socket: T): T => {
  sockets.push(socket);
  return socket;
};

const AGENCIES = ['Instituto de Previsión Social', 'Servicio de Impuestos Internos'];

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await server.close();
});

const withAgencies = () => createSession(server.url, { title: 'Taller', template: 'bienestar-sesion-2', agencies: AGENCIES });

async function participantCount(session: CreatedSession): Promise<number> {
  const facilitator = track(await connectFacilitator(server.url, session));
  return (await facilitator.snapshot).session.live.participantCount;
}

describe('agency at join', () => {
  it('lists the session’s agencies in the join check, before joining', async () => {
    const session = await withAgencies();
    const response = await fetch(`${server.url}/api/join/${session.code}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as JoinCheck).agencies).toEqual(AGENCIES);
  });

  it('stores the agency picked at join and gives it back, with the list, in the snapshot', async () => {
    const session = await withAgencies();
    const joined = ok(await request(track(await connect(server.url)), 'session:join', { code: session.code, agency: AGENCIES[1]! }));
    expect(joined.snapshot.agency).toBe(AGENCIES[1]);
    expect(joined.snapshot.agencies).toEqual(AGENCIES);
    // Back from another connection with the token alone: the agency is still theirs.
    const again = ok(
      await request(track(await connect(server.url)), 'session:join', { code: session.code, participantToken: joined.participantToken }),
    );
    expect(again.snapshot.agency).toBe(AGENCIES[1]);
  });

  it('joins without an agency, or with "prefer not to say" (null), as not said', async () => {
    const session = await withAgencies();
    const none = ok(await request(track(await connect(server.url)), 'session:join', { code: session.code }));
    const declined = ok(await request(track(await connect(server.url)), 'session:join', { code: session.code, agency: null }));
    expect([none.snapshot.agency, declined.snapshot.agency]).toEqual([null, null]);
    expect(await participantCount(session)).toBe(2);
  });

  it('refuses an agency that is not on the session’s list, storing no participant', async () => {
    const session = await withAgencies();
    const phone = track(await connect(server.url));
    const refused = await request(phone, 'session:join', { code: session.code, agency: 'Otra institución' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(!refused.ok && refused.error.message).toMatch(/institución/);
    const tooLong = await request(phone, 'session:join', { code: session.code, agency: 'x'.repeat(500) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await participantCount(session)).toBe(0);
  });

  it('refuses any agency when the session lists none', async () => {
    const session = await createSession(server.url);
    const refused = await request(track(await connect(server.url)), 'session:join', { code: session.code, agency: AGENCIES[0]! });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await participantCount(session)).toBe(0);
  });

  it('keeps the stored agency when a rejoin names one not on the list', async () => {
    const session = await withAgencies();
    const joined = ok(await request(track(await connect(server.url)), 'session:join', { code: session.code, agency: AGENCIES[0]! }));
    const phone = track(await connect(server.url));
    const refused = await request(phone, 'session:join', { code: session.code, participantToken: joined.participantToken, agency: 'Otra' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const again = ok(await request(phone, 'session:join', { code: session.code, participantToken: joined.participantToken }));
    expect(again.snapshot.agency).toBe(AGENCIES[0]);
  });
});

describe('changing the agency from the phone', () => {
  it('changes it, and back to not said; the change survives a rejoin', async () => {
    const session = await withAgencies();
    const phone = track(await connect(server.url));
    const joined = ok(await request(phone, 'session:join', { code: session.code }));
    expect(ok(await request(phone, 'participant:agency', { agency: AGENCIES[0]! })).agency).toBe(AGENCIES[0]);
    const other = track(await connect(server.url));
    const back = ok(await request(other, 'session:join', { code: session.code, participantToken: joined.participantToken }));
    expect(back.snapshot.agency).toBe(AGENCIES[0]);
    expect(ok(await request(other, 'participant:agency', { agency: null })).agency).toBeNull();
    expect((ok(await request(other, 'session:sync', {})) as ParticipantSnapshot).agencies).toEqual(AGENCIES);
  });

  it('refuses an unknown agency, a malformed payload and a socket that has not joined, changing nothing', async () => {
    const session = await withAgencies();
    const phone = track(await connect(server.url));
    ok(await request(phone, 'session:join', { code: session.code, agency: AGENCIES[1]! }));
    for (const payload of [{ agency: 'Otra' }, { agency: 3 }, { agency: '' }, {}, { agency: null, extra: 1 }]) {
      const refused = await request(phone, 'participant:agency', payload as never);
      expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    const stranger = await request(track(await connect(server.url)), 'participant:agency', { agency: AGENCIES[0]! });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });
    const facilitator = track(await connectFacilitator(server.url, session));
    expect(await request(facilitator, 'participant:agency', { agency: AGENCIES[0]! })).toMatchObject({ ok: false });
    expect((ok(await request(phone, 'session:sync', {})) as ParticipantSnapshot).agency).toBe(AGENCIES[1]);
  });

  it('refuses a change once the session has ended', async () => {
    const session = await withAgencies();
    const phone = track(await connect(server.url));
    ok(await request(phone, 'session:join', { code: session.code, agency: AGENCIES[1]! }));
    const facilitator = track(await connectFacilitator(server.url, session));
    ok(await request(facilitator, 'session:close', {}));
    expect(await request(phone, 'participant:agency', { agency: AGENCIES[0]! })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_CLOSED' },
    });
  });
});
