import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChoiceActivity, CreatedSession, JoinCheck } from '../../shared/types.ts';
import type { SessionDetails } from '../../shared/workspace.ts';
import {
  connect,
  connectFacilitator,
  createSession,
  getSession,
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

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await server.close();
});

async function joinCheck(code: string): Promise<{ status: number; body: JoinCheck & { error?: { code: string } } }> {
  const response = await fetch(`${server.url}/api/join/${code}`);
  return { status: response.status, body: (await response.json()) as JoinCheck & { error?: { code: string } } };
}

async function putDetails(session: CreatedSession, body: Record<string, unknown>) {
  const response = await fetch(`${server.url}/api/sessions/${session.id}/details`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.facilitatorToken}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as SessionDetails & { error?: { code: string } } };
}

describe('a closed session on the phone', () => {
  it('lets its participants back in read-only with their answers; strangers and other sessions’ tokens stay out', async () => {
    const session = await createSession(server.url);
    const other = await createSession(server.url, { title: 'Otra', template: 'blank' });
    const facilitator = track(await connectFacilitator(server.url, session));
    const choice = (await facilitator.snapshot).session.agenda.find((a): a is ChoiceActivity => a.kind === 'choice')!;
    ok(await request(facilitator, 'agenda:goto', { activityId: choice.id }));
    const phone = track(await connect(server.url));
    const joined = ok(await request(phone, 'session:join', { code: session.code, displayName: 'Ana' }));
    const value = { kind: 'choice' as const, optionIds: [choice.options[0]!.id] };
    ok(await request(phone, 'answer:submit', { activityId: choice.id, clientAnswerId: 'answer-1-aaaa', value }));
    const elsewhere = ok(await request(track(await connect(server.url)), 'session:join', { code: other.code }));
    ok(await request(facilitator, 'session:close', {}));
    const before = await getSession(server.url, session);

    // The same phone, reloaded: the closed session, its answer, nothing stored or counted.
    const back = track(await connect(server.url));
    const again = ok(
      await request(back, 'session:join', { code: session.code, participantToken: joined.participantToken, displayName: 'Otra' }),
    );
    expect(again.participantToken).toBe(joined.participantToken);
    expect(again.snapshot.session.live.status).toBe('closed');
    expect(again.snapshot.myAnswers).toEqual({ [choice.id]: value });
    expect(again.snapshot.displayName).toBe('Ana');
    // Read-only: the socket is not in the session.
    expect(await request(back, 'answer:submit', { activityId: choice.id, clientAnswerId: 'answer-2-aaaa', value })).toMatchObject({
      ok: false,
      error: { code: 'NOT_JOINED' },
    });
    const after = await getSession(server.url, session);
    expect(after.session.live.participantCount).toBe(before.session.live.participantCount);
    expect(after.results).toEqual(before.results);

    for (const participantToken of [undefined, 'x'.repeat(43), elsewhere.participantToken]) {
      const stranger = track(await connect(server.url));
      expect(
        await request(stranger, 'session:join', { code: session.code, ...(participantToken ? { participantToken } : {}) }),
      ).toMatchObject({ ok: false, error: { code: 'SESSION_CLOSED' } });
    }
  });
});

describe('a session’s language', () => {
  it('is es-CL unless set; the join check and the phones’ snapshot carry it; the details form changes it', async () => {
    const spanish = await createSession(server.url, { title: 'Por defecto', template: 'blank' });
    expect((await joinCheck(spanish.code)).body.locale).toBe('es-CL');

    const english = await createSession(server.url, { title: 'In English', template: 'blank', locale: 'en' });
    expect((await joinCheck(english.code)).body.locale).toBe('en');
    const phone = track(await connect(server.url));
    expect(ok(await request(phone, 'session:join', { code: english.code })).snapshot.session.locale).toBe('en');

    const saved = await putDetails(english, {
      title: 'En castellano',
      seriesId: null,
      agencies: [],
      namesInReports: false,
      locale: 'es-CL',
    });
    expect(saved.status).toBe(200);
    expect(saved.body.locale).toBe('es-CL');
    expect((await joinCheck(english.code)).body.locale).toBe('es-CL');
    // Left out, it stays.
    expect((await putDetails(english, { title: 'Igual', seriesId: null, agencies: [], namesInReports: false })).body.locale).toBe('es-CL');
  });

  it('refuses a language it does not have, storing nothing', async () => {
    const sessions = () => (server.app.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
    const before = sessions();
    const refused = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Francés', template: 'blank', locale: 'fr' }),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    expect(sessions()).toBe(before);

    const session = await createSession(server.url, { title: 'Sesión', template: 'blank', locale: 'en' });
    const bad = await putDetails(session, { title: 'Cambiada', seriesId: null, agencies: [], namesInReports: false, locale: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('VALIDATION_FAILED');
    const check = await joinCheck(session.code);
    expect(check.body).toMatchObject({ title: 'Sesión', locale: 'en' });
  });
});
