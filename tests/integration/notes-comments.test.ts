import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionReport } from '../../shared/report.ts';
import type { ChoiceActivity, CommentedActivity, ContentActivity, CreatedSession } from '../../shared/types.ts';
import {
  connect,
  connectFacilitator,
  createSession,
  eventually,
  getSession,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from './support/server.ts';

let server: TestServer;
let sockets: ClientSocket[] = [];
const track = <T extends ClientSocket>(s: T): T => (sockets.push(s), s);
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await server.close();
});

/** Every frame a socket receives after it connected, as JSON (events and the acks of its own requests). */
function recordFrames(socket: ClientSocket): string[] {
  const frames: string[] = [];
  socket.onAny((event: string, ...args: unknown[]) => frames.push(JSON.stringify([event, ...args])));
  return frames;
}

async function send(session: CreatedSession, method: string, path: string, body?: unknown, token = session.facilitatorToken) {
  const response = await fetch(`${server.url}/api/sessions/${session.id}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}
/** The title of the third activity in an `agenda:updated` frame. */
const movedSlide = (frame: string) => (JSON.parse(frame) as [string, { agenda: Array<{ title: string }> }])[1].agenda[2]?.title;
const errorCode = (body: unknown) => (body as { error?: { code: string } }).error?.code;

describe('presenter notes on the wire', () => {
  it('reach the console, never a phone, and the presenter screen only while the facilitator asks', async () => {
    const session = await createSession(server.url);
    const console_ = track(await connectFacilitator(server.url, session));
    const presenter = track(await connectFacilitator(server.url, session, 'presenter'));
    const { session: view } = await console_.snapshot;
    const templateNotes = view.agenda.flatMap((a) => (a.notes ? [a.notes] : []));
    expect(templateNotes.length).toBeGreaterThan(0);
    expect(JSON.stringify(await presenter.snapshot)).not.toContain('"notes"');

    const phone = track(await connect(server.url));
    const phoneFrames = recordFrames(phone);
    const joined = ok(await request(phone, 'session:join', { code: session.code }));
    phoneFrames.push(JSON.stringify(joined));
    const presenterFrames = recordFrames(presenter);
    const consoleFrames = recordFrames(console_);

    // A slide with a note is added and its note edited, while everyone watches.
    const slide: Omit<ContentActivity, 'id'> = { kind: 'content', title: 'Pausa', bullets: [], notes: 'Nota secreta uno' };
    const inserted = ok(await request(console_, 'agenda:insert', { index: 1, activity: slide }));
    const added = inserted.agenda.find((a) => a.id === inserted.activityId)!;
    expect(added.notes).toBe('Nota secreta uno');
    ok(await request(console_, 'agenda:update', { activity: { ...added, notes: 'Nota secreta dos' } }));
    ok(await request(console_, 'agenda:goto', { activityId: added.id }));
    // The presenter screen's own edit is acked without the notes too.
    const presenterAck = ok(await request(presenter, 'agenda:move', { activityId: added.id, toIndex: 2 }));
    presenterFrames.push(JSON.stringify(presenterAck));
    // Agenda updates are coalesced: wait until each screen has the last one (the slide moved).
    const moved = (frames: string[]) => frames.some((f) => f.startsWith('["agenda:updated"') && movedSlide(f) === 'Pausa');
    await eventually(() => moved(consoleFrames) && moved(phoneFrames) && moved(presenterFrames));
    expect(consoleFrames.some((f) => f.includes('Nota secreta dos'))).toBe(true);

    const secrets = ['Nota secreta uno', 'Nota secreta dos', ...templateNotes];
    for (const frame of [...phoneFrames, ...presenterFrames]) for (const secret of secrets) expect(frame).not.toContain(secret);
    expect(phoneFrames.join('\n')).not.toContain('"notes"');

    // The facilitator asks for the notes on the presenter screen: it gets them, phones still do not.
    ok(await request(console_, 'display:set', { presenterNotes: true }));
    await eventually(() => presenterFrames.some((f) => f.includes('Nota secreta dos')));
    const resynced = ok(await request(phone, 'session:sync', {}));
    phoneFrames.push(JSON.stringify(resynced));
    for (const frame of phoneFrames) for (const secret of secrets) expect(frame).not.toContain(secret);

    ok(await request(console_, 'display:set', { presenterNotes: false }));
    const presenterLater = ok(await request(presenter, 'session:sync', {}));
    expect(JSON.stringify(presenterLater)).not.toContain('Nota secreta dos');
    expect((await getSession(server.url, session)).session.agenda.find((a) => a.id === added.id)?.notes).toBe('Nota secreta dos');
  });

  it('refuses a note over the limit, and an unknown screen in the handshake', async () => {
    const session = await createSession(server.url);
    const console_ = track(await connectFacilitator(server.url, session));
    const { session: view } = await console_.snapshot;
    const first = view.agenda[0]!;
    const refused = await request(console_, 'agenda:update', { activity: { ...first, notes: 'x'.repeat(2001) } });
    expect(refused.ok ? null : refused.error.code).toBe('VALIDATION_FAILED');
    expect((await getSession(server.url, session)).session.agenda[0]).toEqual(first);
    const auth = { sessionId: session.id, facilitatorToken: session.facilitatorToken, screen: 'phone' };
    await expect(connect(server.url, { auth })).rejects.toThrow();
  });
});

describe("the facilitator's comments and analysis", () => {
  it('are saved per activity, listed for the workspace, kept after closing, and printed in the report', async () => {
    const session = await createSession(server.url);
    const list = (await send(session, 'GET', '/comments')).body as CommentedActivity[];
    expect(list.map((a) => a.kind)).toEqual(['choice', 'choice', 'rating', 'breakout', 'synthesis']);
    expect(list.every((a) => a.comment === null)).toBe(true);
    const [first, second] = list;

    const saved = await send(session, 'PUT', `/comments/${first!.activityId}`, { text: '  Casi nadie eligió «Nada».  ' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ activityId: first!.activityId, text: 'Casi nadie eligió «Nada».' });
    await send(session, 'PUT', `/comments/${second!.activityId}`, { text: 'Mayoría «ambas».' });

    const facilitator = track(await connectFacilitator(server.url, session));
    await facilitator.snapshot;
    ok(await request(facilitator, 'session:close', {}));
    // Editable later, from the workspace: an empty text removes it.
    expect((await send(session, 'PUT', `/comments/${second!.activityId}`, { text: ' ' })).body).toBeNull();
    await send(session, 'PUT', `/comments/${first!.activityId}`, { text: 'Revisado después de la sesión.' });

    const report = (await send(session, 'GET', '/report.json')).body as SessionReport;
    const byId = Object.fromEntries(report.questions.map((q) => [q.activityId, q.facilitatorComments]));
    expect(byId[first!.activityId]).toBe('Revisado después de la sesión.');
    expect(byId[second!.activityId]).toBeNull();
    expect(report.breakouts[0]!.facilitatorComments).toBeNull();
    expect(report.syntheses[0]!.facilitatorComments).toBeNull();

    // Deleting the session deletes its comments.
    const stored = () => (server.app.db.prepare('SELECT COUNT(*) AS n FROM facilitator_comments').get() as { n: number }).n;
    expect(stored()).toBe(1);
    const deleted = await fetch(`${server.url}/api/sessions/${session.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${session.facilitatorToken}` },
    });
    expect(deleted.ok).toBe(true);
    expect(stored()).toBe(0);
  });

  it('refuse a slide, an unknown activity, an oversized text, a malformed body and a wrong token, storing nothing', async () => {
    const session = await createSession(server.url);
    const { session: view } = await getSession(server.url, session);
    const slide = view.agenda.find((a) => a.kind === 'content')!;
    const question = view.agenda.find((a): a is ChoiceActivity => a.kind === 'choice')!;
    const cases: Array<[string, unknown, string, number, string?]> = [
      [slide.id, { text: 'Nota' }, 'VALIDATION_FAILED', 400],
      ['no-existe', { text: 'Nota' }, 'ACTIVITY_NOT_FOUND', 404],
      [question.id, { text: 'x'.repeat(5001) }, 'VALIDATION_FAILED', 400],
      [question.id, { text: 3 }, 'VALIDATION_FAILED', 400],
      [question.id, { text: 'Nota', extra: true }, 'VALIDATION_FAILED', 400],
      [question.id, { text: 'Nota' }, 'UNAUTHORIZED', 401, 'token-equivocado'],
    ];
    for (const [activityId, body, code, status, token] of cases) {
      const refused = await send(session, 'PUT', `/comments/${activityId}`, body, token);
      expect([refused.status, errorCode(refused.body)]).toEqual([status, code]);
    }
    const list = (await send(session, 'GET', '/comments')).body as CommentedActivity[];
    expect(list.every((a) => a.comment === null)).toBe(true);
    expect((await send(session, 'GET', '/comments', undefined, 'token-equivocado')).status).toBe(401);
  });
});

describe('an exclusive option', () => {
  it('is taken alone; combined with another it is refused as malformed and nothing is counted', async () => {
    const session = await createSession(server.url);
    const facilitator = track(await connectFacilitator(server.url, session));
    const { session: view } = await facilitator.snapshot;
    const question = view.agenda.find((a): a is ChoiceActivity => a.kind === 'choice' && a.multiple)!;
    const nothing = question.options.find((o) => o.exclusive === true)!;
    expect(nothing.label).toBe('Nada');
    ok(await request(facilitator, 'agenda:goto', { activityId: question.id }));
    const phone = track(await connect(server.url));
    ok(await request(phone, 'session:join', { code: session.code }));

    const other = question.options.find((o) => !o.exclusive)!.id;
    const submit = (optionIds: string[], clientAnswerId: string) =>
      request(phone, 'answer:submit', { activityId: question.id, clientAnswerId, value: { kind: 'choice', optionIds } });
    const refused = await submit([other, nothing.id], 'exclusive-1');
    expect(refused.ok ? null : refused.error.code).toBe('VALIDATION_FAILED');
    expect((await getSession(server.url, session)).results[question.id]).toMatchObject({ respondents: 0 });

    ok(await submit([nothing.id], 'exclusive-2'));
    expect((await getSession(server.url, session)).results[question.id]).toMatchObject({ respondents: 1, counts: { [nothing.id]: 1 } });

    // Making every option exclusive is an edit the answers allow: nobody combined two.
    ok(
      await request(facilitator, 'agenda:update', {
        activity: { ...question, options: question.options.map((o) => ({ ...o, exclusive: true })) },
      }),
    );
  });
});
