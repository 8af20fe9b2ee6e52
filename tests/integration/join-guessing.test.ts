import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits.ts';
import type { CreatedSession } from '../../shared/types.ts';
import { connect, createSession, getSession, ok, request, startServer, type ClientSocket, type TestServer } from './support/server.ts';

let server: TestServer;
let sockets: ClientSocket[] = [];
const track = <T extends ClientSocket>(s: T): T => (sockets.push(s), s);

afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await server.close();
});

/** Six digits that are no open session's code. */
function unknownCode(sessions: CreatedSession[], i: number): string {
  for (let n = i; ; n++) {
    const code = String(n % 1_000_000).padStart(6, '0');
    if (!sessions.some((s) => s.code === code)) return code;
  }
}

/** What a phone may show beside the code: its link's key, its token from an earlier join. */
type Shown = { joinKey?: string; participantToken?: string };

/** One guess over a fresh connection, as an attacker who reconnects after every try. */
async function guess(code: string, forwardedFor?: string, shown: Shown = {}) {
  const socket = track(await connect(server.url, forwardedFor ? { extraHeaders: { 'x-forwarded-for': forwardedFor } } : {}));
  const ack = await request(socket, 'session:join', { code, ...shown });
  socket.close();
  return ack;
}

async function check(code: string, forwardedFor?: string, shown: Shown = {}) {
  const headers: Record<string, string> = {
    ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    ...(shown.joinKey ? { 'plenario-join-key': shown.joinKey } : {}),
    ...(shown.participantToken ? { 'plenario-participant-token': shown.participantToken } : {}),
  };
  const response = await fetch(`${server.url}/api/join/${code}`, { headers });
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
}

/** The key a session's join link carries in its fragment. */
const keyOf = (session: CreatedSession) => new URLSearchParams(new URL(session.joinUrl).hash.slice(1)).get('k') ?? '';

/** Participants stored, over every session. */
const storedParticipants = () => (server.app.db.prepare('SELECT COUNT(*) AS n FROM participants').get() as { n: number }).n;

/** Spends the misses of everyone, from as many addresses as it takes (needs TRUST_PROXY). */
async function engageBrake(sessions: CreatedSession[]) {
  let misses = 0;
  for (let address = 0; misses < LIMITS.joinMissesBurst; address++) {
    for (let i = 0; i < LIMITS.joinMissesPerAddressPerHour && misses < LIMITS.joinMissesBurst; i++, misses++) {
      expect((await check(unknownCode(sessions, misses), `10.9.${address}.1`)).status).toBe(404);
    }
  }
}

const participants = async (session: CreatedSession) => (await getSession(server.url, session)).session.live.participantCount;

describe('guessing join codes', () => {
  it('refuses a connection more tries after a few misses, says why, and closes it', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    const socket = track(await connect(server.url));
    for (let i = 0; i < LIMITS.joinMissesPerConnection; i++) {
      expect(await request(socket, 'session:join', { code: unknownCode([session], i) })).toMatchObject({
        ok: false,
        error: { code: 'SESSION_NOT_FOUND' },
      });
    }
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const refused = await request(socket, 'session:join', { code: session.code });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringMatching(/conexión/) } });
    expect(await closed).toBe('io server disconnect');
    expect(await participants(session)).toBe(0);
  });

  it('limits misses per address across fresh connections, refusing even the right code, but lets colleagues of someone already in join', async () => {
    server = await startServer();
    const [session, other] = [await createSession(server.url), await createSession(server.url, { title: 'Otra sesión' })];
    // A colleague gets in first; successful joins, however many, spend nothing.
    for (let i = 0; i < LIMITS.joinMissesPerAddressPerHour + 5; i++) expect((await guess(session.code)).ok).toBe(true);
    for (let i = 0; i < LIMITS.joinMissesPerAddressPerHour; i++) {
      expect(await guess(unknownCode([session, other], i))).toMatchObject({ ok: false, error: { code: 'SESSION_NOT_FOUND' } });
    }
    // Spent: a further guess is refused whether it would hit or not, so a refusal tells nothing.
    expect(await guess(unknownCode([session, other], 100))).toMatchObject({ ok: false, error: { code: 'JOIN_NEEDS_LINK' } });
    expect(await guess(other.code)).toMatchObject({ ok: false, error: { code: 'JOIN_NEEDS_LINK' } });
    expect((await check(other.code)).status).toBe(429);
    expect(await participants(other)).toBe(0);
    // The session someone from this address is in stays open to the rest of them.
    const before = await participants(session);
    expect((await guess(session.code)).ok).toBe(true);
    expect((await check(session.code)).status).toBe(200);
    expect(await participants(session)).toBe(before + 1);
  });

  it('counts misses of GET /api/join and of session:join against one budget per address, by the rule of TRUST_PROXY', async () => {
    server = await startServer({ env: { TRUST_PROXY: 'true' } });
    const session = await createSession(server.url);
    const half = Math.floor(LIMITS.joinMissesPerAddressPerHour / 2);
    // The client writes the left entries (forgeable); the proxy appends the address it saw.
    for (let i = 0; i < half; i++) expect((await check(unknownCode([session], i), `10.0.${i}.1, 203.0.113.7`)).status).toBe(404);
    for (let i = half; i < LIMITS.joinMissesPerAddressPerHour; i++) {
      expect(await guess(unknownCode([session], i), `10.1.${i}.1, 203.0.113.7`)).toMatchObject({
        ok: false,
        error: { code: 'SESSION_NOT_FOUND' },
      });
    }
    const spent = await check(session.code, '203.0.113.7');
    expect(spent.status).toBe(429);
    expect(spent.body.error?.code).toBe('JOIN_NEEDS_LINK');
    expect(await guess(session.code, '203.0.113.7')).toMatchObject({ ok: false, error: { code: 'JOIN_NEEDS_LINK' } });
    // Another client behind the same proxy has its own budget.
    expect((await guess(session.code, '198.51.100.4')).ok).toBe(true);
    expect(await participants(session)).toBe(1);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY: a client cannot pick a new address per guess', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    for (let i = 0; i < LIMITS.joinMissesPerAddressPerHour; i++)
      expect((await check(unknownCode([session], i), `198.51.100.${i}`)).status).toBe(404);
    expect((await check(session.code, '198.51.100.250')).status).toBe(429);
    expect(await guess(session.code, '198.51.100.251')).toMatchObject({ ok: false, error: { code: 'JOIN_NEEDS_LINK' } });
  });

  it('brakes misses from every address together, without holding back those already in', async () => {
    server = await startServer({ env: { TRUST_PROXY: '1' } });
    const session = await createSession(server.url);
    const agency = '192.0.2.10';
    expect((await guess(session.code, agency)).ok).toBe(true);
    // Many addresses, each within its own budget, spend the budget of everyone.
    await engageBrake([session]);
    const stranger = await check(session.code, '198.51.100.77');
    expect(stranger.status).toBe(429);
    expect(await guess(session.code, '198.51.100.78')).toMatchObject({ ok: false, error: { code: 'JOIN_NEEDS_LINK' } });
    expect(await guess(unknownCode([session], 5000), '198.51.100.79')).toMatchObject({ ok: false, error: { code: 'JOIN_NEEDS_LINK' } });
    // Whoever shares an address with someone already in the session still joins it.
    expect((await guess(session.code, agency)).ok).toBe(true);
    expect(await participants(session)).toBe(2);
  });
});

describe('joining with the key of the link or QR', () => {
  it('gets phones with the link in, and returning participants back, while the brake is engaged; typed codes are told to use the link', async () => {
    server = await startServer({ env: { TRUST_PROXY: '1' } });
    const [session, other] = [await createSession(server.url), await createSession(server.url, { title: 'Otra sesión' })];
    const earlier = ok(await guess(session.code, '192.0.2.20'));
    await engageBrake([session, other]);
    const [count, stored] = [await participants(session), storedParticipants()];

    // A typed code, right or wrong, is refused unchecked, with the way in that still works.
    for (const code of [session.code, unknownCode([session, other], 7000)]) {
      const typed = await guess(code, '198.51.100.30');
      expect(typed).toMatchObject({ ok: false, error: { code: 'JOIN_NEEDS_LINK', message: expect.stringMatching(/QR.*enlace/) } });
      expect((await check(code, '198.51.100.30')).body.error?.code).toBe('JOIN_NEEDS_LINK');
    }
    // A key that is not this session's is a miss: refused like any other, and the same way whether the code is open or not.
    for (const [code, joinKey] of [
      [session.code, keyOf(other)],
      [other.code, keyOf(session)],
      [unknownCode([session, other], 7001), keyOf(session)],
    ] as const) {
      expect(await guess(code, '198.51.100.31', { joinKey })).toMatchObject({ ok: false, error: { code: 'JOIN_NEEDS_LINK' } });
      const checked = await check(code, '198.51.100.31', { joinKey });
      expect([checked.status, checked.body.error?.code]).toEqual([429, 'JOIN_NEEDS_LINK']);
    }
    // Refusals store and count nobody.
    expect([await participants(session), await participants(other), storedParticipants()]).toEqual([count, 0, stored]);

    // The link's key gets fresh phones in, from one address or many, however many.
    const fromLink = { joinKey: keyOf(session) };
    expect((await check(session.code, '198.51.100.32', fromLink)).status).toBe(200);
    const joins = LIMITS.joinMissesPerAddressPerHour + 5;
    for (let i = 0; i < joins; i++) {
      const joined = ok(await guess(session.code, i % 2 === 0 ? '198.51.100.32' : `198.51.100.${40 + i}`, fromLink));
      // In, a participant is not handed the key to pass on.
      expect(joined.snapshot.session.joinUrl).not.toContain('#');
    }
    // Someone already in comes back with their token alone, from a new network, as the same participant.
    expect((await check(session.code, '203.0.113.90', { participantToken: earlier.participantToken })).status).toBe(200);
    const back = ok(await guess(session.code, '203.0.113.90', { participantToken: earlier.participantToken }));
    expect(back.snapshot.participantId).toBe(earlier.snapshot.participantId);
    expect([await participants(session), storedParticipants()]).toEqual([count + joins, stored + joins]);
  });

  it('counts a wrong key as a miss, per connection and per address, and lets the right key through a spent connection', async () => {
    server = await startServer({ env: { TRUST_PROXY: '1' } });
    const [session, other] = [await createSession(server.url), await createSession(server.url, { title: 'Otra sesión' })];
    const socket = track(await connect(server.url, { extraHeaders: { 'x-forwarded-for': '198.51.100.50' } }));
    for (let i = 0; i < LIMITS.joinMissesPerConnection; i++) {
      expect(await request(socket, 'session:join', { code: session.code, joinKey: keyOf(other) })).toMatchObject({
        ok: false,
        error: { code: 'SESSION_NOT_FOUND' },
      });
    }
    expect(await request(socket, 'session:join', { code: session.code, joinKey: keyOf(session) })).toMatchObject({ ok: true });
    expect(storedParticipants()).toBe(1);

    // Wrong keys spend an address's misses as wrong codes do.
    const address = '198.51.100.51';
    for (let i = 0; i < LIMITS.joinMissesPerAddressPerHour; i++)
      expect((await check(session.code, address, { joinKey: keyOf(other) })).status).toBe(404);
    expect((await check(session.code, address)).body.error?.code).toBe('JOIN_NEEDS_LINK');
    expect((await check(session.code, address, { joinKey: keyOf(session) })).status).toBe(200);
  });

  it('refuses a malformed key with VALIDATION_FAILED, storing nothing', async () => {
    server = await startServer();
    const session = await createSession(server.url);
    for (const joinKey of ['short', `${keyOf(session)}x`, 'Zx-9_aB3cD4eF5g!', 42]) {
      expect(await guess(session.code, undefined, { joinKey } as Shown)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    const malformed = await check(session.code, undefined, { joinKey: 'not a key' });
    expect([malformed.status, malformed.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(storedParticipants()).toBe(0);
  });
});
