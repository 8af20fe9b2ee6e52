import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientToServerEvents } from '../../shared/events.ts';
import type { ChoiceActivity, CreatedSession, SessionSnapshot } from '../../shared/types.ts';
import { LIMITS } from '../../shared/limits.ts';
import {
  connect,
  connectFacilitator,
  createSession,
  getSession,
  ok,
  PATIENCE_MS,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from './support/server.ts';

let server: TestServer;
let session: CreatedSession;
let sockets: ClientSocket[] = [];
const track = <T extends ClientSocket>(s: T): T => (sockets.push(s), s);

beforeEach(async () => {
  server = await startServer();
  session = await createSession(server.url);
});
afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await server.close();
});

/** What is stored, to show that a refused request changed nothing. */
const stored = async (): Promise<SessionSnapshot> => getSession(server.url, session);

async function openChoice() {
  const facilitator = track(await connectFacilitator(server.url, session));
  const { session: view } = await facilitator.snapshot;
  const choice = view.agenda.find((a): a is ChoiceActivity => a.kind === 'choice' && !a.multiple)!;
  ok(await request(facilitator, 'agenda:goto', { activityId: choice.id }));
  return { facilitator, view, choice };
}

describe('socket payloads that do not fit their schema', () => {
  it.each([
    ['no payload at all', undefined],
    ['a string', 'hola'],
    ['a missing value', { activityId: 'abc', clientAnswerId: 'abcdefgh1' }],
    ['an unknown field', { activityId: 'abc', clientAnswerId: 'abcdefgh1', value: { kind: 'choice', optionIds: ['a'] }, extra: 1 }],
    ['a rating out of range', { activityId: 'abc', clientAnswerId: 'abcdefgh1', value: { kind: 'rating', ratings: { liderazgo: 6 } } }],
    ['an id with spaces', { activityId: 'a b', clientAnswerId: 'abcdefgh1', value: { kind: 'choice', optionIds: ['a'] } }],
  ])('answer:submit with %s is refused with VALIDATION_FAILED and stores nothing', async (_name, payload) => {
    await openChoice();
    const p = track(await connect(server.url));
    ok(await request(p, 'session:join', { code: session.code }));
    const before = await stored();
    const ack = await request(p, 'answer:submit', payload as never);
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await stored()).toEqual(before);
  });

  // Every client event of the contract; `satisfies` fails the type check when one is added or removed.
  const clientEvents = Object.keys({
    'session:join': 1,
    'participant:agency': 1,
    'answer:submit': 1,
    'answer:hide': 1,
    'agenda:insert': 1,
    'agenda:update': 1,
    'agenda:move': 1,
    'agenda:duplicate': 1,
    'agenda:delete': 1,
    'agenda:restore': 1,
    'agenda:goto': 1,
    'agenda:step': 1,
    'answering:set': 1,
    'answering:keep': 1,
    'display:set': 1,
    'session:close': 1,
    'breakout:form': 1,
    'breakout:timer': 1,
    'breakout:broadcast': 1,
    'sala:move': 1,
    'sala:update': 1,
    'role:assign': 1,
    'sala:choose': 1,
    'role:claim': 1,
    'role:release': 1,
    'sala:numbers': 1,
    'hand:raise': 1,
    'hand:lower': 1,
    'floor:give': 1,
    'turn:timer': 1,
    'facilitator:call': 1,
    'facilitator:acknowledge': 1,
    'synthesis:save': 1,
    'synthesis:submit': 1,
    'synthesis:reopen': 1,
    'synthesis:hide': 1,
    'synthesis:timer': 1,
    'plenary:focus': 1,
    'commitment:write': 1,
    'commitment:find': 1,
    'commitment:review': 1,
    'commitment:tally': 1,
    'qa:ask': 1,
    'qa:vote': 1,
    'qa:status': 1,
    'qa:answered': 1,
    'qa:highlight': 1,
    'experience:list': 1,
    'experience:save': 1,
    'experience:delete': 1,
    'session:sync': 1,
  } satisfies Record<keyof ClientToServerEvents, 1>);

  it.each(['anonymous', 'participant', 'facilitator'])(
    'answers every event sent with an ack and no payload (or two) VALIDATION_FAILED, from a %s socket, changing nothing',
    async (role) => {
      await openChoice();
      const socket = track(role === 'facilitator' ? await connectFacilitator(server.url, session) : await connect(server.url));
      if (role === 'participant') ok(await request(socket, 'session:join', { code: session.code }));
      const before = await stored();
      const raw = socket as unknown as { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> } };
      for (const event of clientEvents) {
        // Socket.IO hands the server the ack callback where the payload should be.
        expect(await raw.timeout(PATIENCE_MS).emitWithAck(event), event).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
        expect(await raw.timeout(PATIENCE_MS).emitWithAck(event, {}, {}), event).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION_FAILED' },
        });
      }
      expect(socket.connected).toBe(true);
      expect(await stored()).toEqual(before);
    },
  );

  it('leaves unknown events unanswered, even ones named like Object methods, and goes on serving the socket', async () => {
    const p = track(await connect(server.url));
    const raw = p as unknown as { emit(event: string, payload: unknown, ack: () => void): void };
    const answered: string[] = [];
    for (const event of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'no:such-event'])
      raw.emit(event, {}, () => answered.push(event));
    // A connection's events are handled in order: once the join after them is answered, an
    // answer to them would have come (no waiting for a time that a busy machine may overrun).
    ok(await request(p, 'session:join', { code: session.code }));
    expect(answered).toEqual([]);
    expect(p.connected).toBe(true);
    expect((await stored()).session.live.participantCount).toBe(1);
    expect(answered).toEqual([]);
  });

  it('refuses a join with a malformed code or an oversized display name', async () => {
    const p = track(await connect(server.url));
    for (const payload of [
      { code: '12345' },
      { code: 'abcdef' },
      { code: session.code, displayName: 'x'.repeat(LIMITS.displayNameMax + 1) },
    ]) {
      expect(await request(p, 'session:join', payload)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect((await stored()).session.live.participantCount).toBe(0);
  });

  it('answers an unknown code with SESSION_NOT_FOUND', async () => {
    const p = track(await connect(server.url));
    const unknown = session.code === '000000' ? '000001' : '000000';
    const ack = await request(p, 'session:join', { code: unknown });
    expect(ack).toMatchObject({ ok: false, error: { code: 'SESSION_NOT_FOUND' } });
    if (!ack.ok) expect(ack.error.message.length).toBeGreaterThan(10);
  });

  it('disconnects a client whose message exceeds the size cap, and stores nothing', async () => {
    await openChoice();
    const p = track(await connect(server.url));
    ok(await request(p, 'session:join', { code: session.code }));
    const before = await stored();
    const disconnected = new Promise<string>((resolve) => p.once('disconnect', resolve));
    p.emit(
      'answer:submit',
      { activityId: 'x', clientAnswerId: 'y'.repeat(LIMITS.socketMessageBytes * 2), value: { kind: 'choice', optionIds: ['a'] } } as never,
      () => {},
    );
    expect(await disconnected).toBe('transport close');
    expect(await stored()).toEqual(before);
  });
});

describe('roles', () => {
  it('refuses every facilitator event from a participant, changing nothing', async () => {
    const { choice } = await openChoice();
    const p = track(await connect(server.url));
    ok(await request(p, 'session:join', { code: session.code }));
    const before = await stored();
    expect(await request(p, 'agenda:step', { direction: 'next' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await request(p, 'agenda:goto', { activityId: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await request(p, 'answering:set', { activityId: choice.id, open: false })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await request(p, 'display:set', { resultsVisible: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await request(p, 'session:close', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await stored()).toEqual(before);
  });

  it('refuses answers from a socket that has not joined', async () => {
    const { choice } = await openChoice();
    const stranger = track(await connect(server.url));
    const ack = await request(stranger, 'answer:submit', {
      activityId: choice.id,
      clientAnswerId: 'abcdefgh12',
      value: { kind: 'choice', optionIds: [choice.options[0]!.id] },
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });
  });

  it('refuses a facilitator handshake with a wrong secret or another session’s secret', async () => {
    const other = await createSession(server.url, { title: 'Otra sesión' });
    for (const auth of [
      { sessionId: session.id, facilitatorToken: 'a'.repeat(43) },
      { sessionId: session.id, facilitatorToken: other.facilitatorToken },
      { sessionId: 'nope', facilitatorToken: session.facilitatorToken },
      { sessionId: session.id },
    ]) {
      const error = (await connect(server.url, { auth }).then(
        () => null,
        (e: unknown) => e,
      )) as (Error & { data?: { code: string } }) | null;
      expect(error?.message).toBe('UNAUTHORIZED');
      expect(error?.data?.code).toBe('UNAUTHORIZED');
    }
  });

  it('refuses answers that do not fit the question', async () => {
    const { choice, view } = await openChoice();
    const p = track(await connect(server.url));
    ok(await request(p, 'session:join', { code: session.code }));
    const before = await stored();
    const content = view.agenda.find((a) => a.kind === 'content')!;
    const cases: Array<[unknown, string]> = [
      [
        {
          activityId: choice.id,
          clientAnswerId: 'abcdefgh01',
          value: { kind: 'choice', optionIds: [choice.options[0]!.id, choice.options[1]!.id] },
        },
        'INVALID_ANSWER',
      ],
      [{ activityId: choice.id, clientAnswerId: 'abcdefgh02', value: { kind: 'choice', optionIds: ['nonexistent'] } }, 'INVALID_ANSWER'],
      [{ activityId: choice.id, clientAnswerId: 'abcdefgh03', value: { kind: 'rating', ratings: { liderazgo: 3 } } }, 'INVALID_ANSWER'],
      [{ activityId: content.id, clientAnswerId: 'abcdefgh04', value: { kind: 'choice', optionIds: ['a'] } }, 'NOT_ANSWERABLE'],
      [{ activityId: 'unknownActivity', clientAnswerId: 'abcdefgh05', value: { kind: 'choice', optionIds: ['a'] } }, 'ACTIVITY_NOT_FOUND'],
    ];
    for (const [payload, code] of cases) {
      expect(await request(p, 'answer:submit', payload as never)).toMatchObject({ ok: false, error: { code } });
    }
    expect(await stored()).toEqual(before);
  });
});

describe('abuse', () => {
  // The clock stands still: a limit refills with time, and a busy machine may take longer over
  // the attempts than a refill takes. The server runs in this process, and is started again so
  // that its limits are made with the stopped clock.
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await server.close();
    server = await startServer();
    session = await createSession(server.url);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('rate limits joins per participant token, not per address', async () => {
    const first = track(await connect(server.url));
    const { participantToken } = ok(await request(first, 'session:join', { code: session.code }));
    const acks = [];
    for (let i = 0; i < LIMITS.joinsPerMinute + 2; i++)
      acks.push(await request(first, 'session:join', { code: session.code, participantToken }));
    expect(acks.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toContain('RATE_LIMITED');
    // Someone else from the same address is not affected.
    const colleague = track(await connect(server.url));
    expect((await request(colleague, 'session:join', { code: session.code })).ok).toBe(true);
    expect((await stored()).session.live.participantCount).toBe(2);
  });

  it('rate limits a flood of answers from one participant', async () => {
    const { choice } = await openChoice();
    const p = track(await connect(server.url));
    ok(await request(p, 'session:join', { code: session.code }));
    const acks = await Promise.all(
      Array.from({ length: LIMITS.answersPer10Seconds + 10 }, (_, i) =>
        request(p, 'answer:submit', {
          activityId: choice.id,
          clientAnswerId: `flood-${i}-abcdefgh`,
          value: { kind: 'choice', optionIds: [choice.options[i % 2]!.id] },
        }),
      ),
    );
    const refused = acks.filter((a) => !a.ok);
    expect(refused).toHaveLength(10);
    expect(refused.every((a) => !a.ok && a.error.code === 'RATE_LIMITED')).toBe(true);
    expect(((await stored()).results[choice.id] as { respondents: number }).respondents).toBe(1);
  });

  it('refuses sockets from another site’s origin on both transports, and accepts its own and scripts', async () => {
    for (const transports of [['websocket'], ['polling']]) {
      const refused = await connect(server.url, { transports, extraHeaders: { origin: 'https://evil.example' } }).then(
        () => 'connected',
        () => 'refused',
      );
      expect(refused).toBe('refused');
      const own = track(await connect(server.url, { transports, extraHeaders: { origin: server.url } }));
      expect(own.connected).toBe(true);
    }
    const script = track(await connect(server.url));
    expect(script.connected).toBe(true);
  });
});

/**
 * The status of a raw Socket.IO handshake with the given headers: a long-polling open, or a
 * WebSocket upgrade (101 when accepted). Raw, so the Host header can be a name that is not ours.
 */
function handshake(url: string, transport: 'polling' | 'websocket', headers: Record<string, string>): Promise<number> {
  const upgrade =
    transport === 'websocket'
      ? { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' }
      : {};
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/socket.io/?EIO=4&transport=${transport}`, { headers: { ...upgrade, ...headers } });
    req.once('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    req.once('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}

describe('socket origins', () => {
  const cases = async (url: string, expected: Array<[Record<string, string>, number]>) => {
    for (const transport of ['polling', 'websocket'] as const) {
      for (const [headers, accepted] of expected) {
        const status = await handshake(url, transport, headers);
        expect({ transport, headers, accepted: status === 200 || status === 101 }).toEqual({
          transport,
          headers,
          accepted: accepted === 1,
        });
      }
    }
  };

  it('without PUBLIC_URL, accepts the page’s own host only when it is an address, not a name pointed here (DNS rebinding)', async () => {
    const port = new URL(server.url).port;
    await cases(server.url, [
      [{ origin: server.url }, 1],
      [{ host: `localhost:${port}`, origin: `http://localhost:${port}` }, 1],
      [{}, 1], // no Origin: a script, not a browser
      [{ host: `evil.example:${port}`, origin: `http://evil.example:${port}` }, 0],
      [{ origin: 'https://evil.example' }, 0],
    ]);
  });

  it('with PUBLIC_URL, accepts only its origin and ALLOWED_ORIGINS, whatever the Host', async () => {
    await server.close();
    server = await startServer({ env: { PUBLIC_URL: 'https://plenario.example.cl/', ALLOWED_ORIGINS: 'http://localhost:5173' } });
    await cases(server.url, [
      [{ origin: 'https://plenario.example.cl' }, 1],
      [{ host: 'plenario.example.cl', origin: 'https://plenario.example.cl' }, 1],
      [{ origin: 'http://localhost:5173' }, 1],
      [{}, 1],
      [{ origin: server.url }, 0],
      [{ host: `plenario.example.cl.evil.example`, origin: `https://plenario.example.cl.evil.example` }, 0],
      [{ host: new URL(server.url).host.replace('127.0.0.1', 'evil.example'), origin: server.url.replace('127.0.0.1', 'evil.example') }, 0],
    ]);
  });
});

describe('HTTP API', () => {
  const post = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${server.url}/api/sessions`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('answers /healthz', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      nodeId: expect.any(String),
      sessionsOwned: [],
      refusedNotOwner: 0,
      handedOver: 0,
    });
  });

  it('creates a session with a six-digit code, links and a secret only in fragments', async () => {
    expect(session.code).toMatch(/^\d{6}$/);
    expect(session.facilitatorToken.length).toBeGreaterThanOrEqual(22); // ≥128 bits in base64url
    // Without PUBLIC_URL, links point at this machine's port.
    const base = `http://localhost:${new URL(server.url).port}`;
    expect(session.joinUrl).toMatch(new RegExp(`^${base}/j/${session.code}#k=[A-Za-z0-9_-]{16}$`));
    expect(session.facilitatorUrl).toBe(`${base}/facilitate/${session.id}#token=${session.facilitatorToken}`);
    expect(session.presenterUrl).toBe(`${base}/present/${session.id}#token=${session.facilitatorToken}`);
    const view = (await stored()).session;
    expect(view.agenda.map((a) => a.kind)).toEqual([
      'content',
      'choice',
      'choice',
      'content',
      'content',
      'content',
      'content',
      'rating',
      'breakout',
      'synthesis',
      'content',
    ]);
  });

  it('tells a phone checking a code only what it needs, the session id included: its socket is routed by it (issue 18)', async () => {
    const join = await fetch(`${server.url}/api/join/${session.code}`);
    expect(await join.json()).toEqual({
      sessionId: session.id,
      title: 'Taller de prueba',
      createdAt: (await stored()).session.createdAt,
      locale: 'es-CL',
      agencies: [],
    });
  });

  it.each([
    ['an empty title', { title: '' }, 400, 'VALIDATION_FAILED'],
    ['a title too long', { title: 'x'.repeat(LIMITS.sessionTitleMax + 1) }, 400, 'VALIDATION_FAILED'],
    ['an unknown field', { title: 'Hola', admin: true }, 400, 'VALIDATION_FAILED'],
    ['an unknown template', { title: 'Hola', template: 'no-existe' }, 400, 'TEMPLATE_NOT_FOUND'],
    ['broken JSON', '{"title":', 400, 'VALIDATION_FAILED'],
    ['a body over the limit', { title: 'x'.repeat(LIMITS.httpBodyBytes + 10) }, 413, 'PAYLOAD_TOO_LARGE'],
  ])('refuses a creation with %s, creating nothing', async (_name, body, status, code) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    const payload = (await response.json()) as { error: { code: string; message: string } };
    expect(payload.error.code).toBe(code);
    expect(payload.error.message).toBeTruthy();
    const count = server.app.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number };
    expect(count.n).toBe(1);
  });

  it('guards GET /api/sessions/:id with the facilitator secret', async () => {
    const other = await createSession(server.url, { title: 'Otra' });
    for (const authorization of [undefined, 'Bearer nope', `Bearer ${other.facilitatorToken}`, session.facilitatorToken]) {
      const response = await fetch(`${server.url}/api/sessions/${session.id}`, { headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    }
    const good = await fetch(`${server.url}/api/sessions/${session.id}`, {
      headers: { authorization: `Bearer ${session.facilitatorToken}` },
    });
    expect(good.status).toBe(200);
    expect(good.headers.get('cache-control')).toBe('no-store');
  });

  it('answers unknown codes and unknown API paths with the error shape', async () => {
    for (const code of ['999999', '12', 'abcdef', '%25', '%E2%82%AC']) {
      const response = await fetch(`${server.url}/api/join/${code === session.code ? '999998' : code}`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('SESSION_NOT_FOUND');
    }
    const missing = await fetch(`${server.url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('serves its OpenAPI document', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/api/sessions', '/api/sessions/{id}', '/api/join/{code}']));
  });
});
