import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits.ts';
import type { CreatedSession } from '../../shared/types.ts';
import { connect, createSession, getSession, request, startServer, type ClientSocket, type TestServer } from './support/server.ts';

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

/** One guess over a fresh connection, as an attacker who reconnects after every try. */
async function guess(code: string, forwardedFor?: string) {
  const socket = track(await connect(server.url, forwardedFor ? { extraHeaders: { 'x-forwarded-for': forwardedFor } } : {}));
  const ack = await request(socket, 'session:join', { code });
  socket.close();
  return ack;
}

async function check(code: string, forwardedFor?: string) {
  const response = await fetch(`${server.url}/api/join/${code}`, forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {});
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
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
    expect(await guess(unknownCode([session, other], 100))).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(await guess(other.code)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
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
    expect(spent.body.error?.code).toBe('RATE_LIMITED');
    expect(await guess(session.code, '203.0.113.7')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
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
    expect(await guess(session.code, '198.51.100.251')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });

  it('brakes misses from every address together, without holding back those already in', async () => {
    server = await startServer({ env: { TRUST_PROXY: '1' } });
    const session = await createSession(server.url);
    const agency = '192.0.2.10';
    expect((await guess(session.code, agency)).ok).toBe(true);
    // Many addresses, each within its own budget, spend the budget of everyone.
    let misses = 0;
    for (let address = 0; misses < LIMITS.joinMissesBurst; address++) {
      for (let i = 0; i < LIMITS.joinMissesPerAddressPerHour && misses < LIMITS.joinMissesBurst; i++, misses++) {
        expect((await check(unknownCode([session], misses), `10.9.${address}.1`)).status).toBe(404);
      }
    }
    const stranger = await check(session.code, '198.51.100.77');
    expect(stranger.status).toBe(429);
    expect(await guess(session.code, '198.51.100.78')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(await guess(unknownCode([session], 5000), '198.51.100.79')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // Whoever shares an address with someone already in the session still joins it.
    expect((await guess(session.code, agency)).ok).toBe(true);
    expect(await participants(session)).toBe(2);
  });
});
