import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatCommitmentCode, type CommitmentTally } from '../../shared/commitment.ts';
import type { SessionReport } from '../../shared/report.ts';
import type { CommitmentActivity, CreatedSession } from '../../shared/types.ts';
import { connect, connectFacilitator, eventually, ok, request, startServer, type ClientSocket, type TestServer } from './support/server.ts';

let server: TestServer;
let sockets: ClientSocket[] = [];
const track = <T extends ClientSocket>(s: T): T => (sockets.push(s), s);
beforeEach(async () => {
  server = await startServer();
  cookie = null;
});
afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await server.close();
});

/** Every frame a socket receives after it connected, as JSON. */
function recordFrames(socket: ClientSocket): string[] {
  const frames: string[] = [];
  socket.onAny((event: string, ...args: unknown[]) => frames.push(JSON.stringify([event, ...args])));
  return frames;
}

const count = (table: string) => (server.app.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const storedTexts = () =>
  (server.app.db.prepare('SELECT text FROM commitments ORDER BY text').all() as Array<{ text: string }>).map((r) => r.text);

/** Series need an account: a facilitator signs in; their cookie. */
let cookie: string | null = null;
async function signedIn(): Promise<string> {
  if (cookie) return cookie;
  await server.app.accounts.createAccount({
    email: 'ana@serviciocivil.cl',
    name: 'Ana',
    password: 'contraseña-segura-1',
    role: 'facilitator',
  });
  const response = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ana@serviciocivil.cl', password: 'contraseña-segura-1' }),
  });
  expect(response.status).toBe(200);
  cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  return cookie;
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: await signedIn() },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as T;
}

const newSeries = async () => (await post<{ id: string }>('/api/series', { title: 'Bienestar 2026 — Región de Valparaíso' })).id;

/** A session (in the series, if one is given) whose agenda starts with a commitment activity, on screen; its console. */
async function sessionWith(seriesId: string | null, title: string, mode: CommitmentActivity['mode']) {
  const session = await post<CreatedSession>('/api/sessions', { title, template: 'bienestar-sesion-2', ...(seriesId ? { seriesId } : {}) });
  const facilitator = track(await connectFacilitator(server.url, session));
  await facilitator.snapshot;
  const inserted = ok(
    await request(facilitator, 'agenda:insert', {
      index: 0,
      activity: { kind: 'commitment', mode, section: 'Retomando…', title: mode === 'write' ? '¿Qué harás?' : 'Tu compromiso' },
    }),
  );
  ok(await request(facilitator, 'agenda:goto', { activityId: inserted.activityId }));
  return { session, facilitator, activityId: inserted.activityId };
}

async function join(session: CreatedSession): Promise<ClientSocket> {
  const phone = track(await connect(server.url));
  ok(await request(phone, 'session:join', { code: session.code }));
  return phone;
}

const key = (n: number) => `clave-del-navegador-numero-${n}-xxxxxxxx`;

async function report(session: CreatedSession): Promise<SessionReport> {
  const response = await fetch(`${server.url}/api/sessions/${session.id}/report.json`, {
    headers: { authorization: `Bearer ${session.facilitatorToken}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as SessionReport;
}

describe('writing a commitment', () => {
  it('stores each one privately: the writer gets it back with a code, the room and the facilitator only counts', async () => {
    const seriesId = await newSeries();
    const { session, facilitator, activityId } = await sessionWith(seriesId, 'Sesión 1', 'write');
    const presenter = track(await connectFacilitator(server.url, session, 'presenter'));
    await presenter.snapshot;
    const frames = [...[facilitator, presenter].map(recordFrames)];
    const phones = await Promise.all([0, 1, 2].map(() => join(session)));
    const bystander = phones[2]!;
    const bystanderFrames = recordFrames(bystander);

    const texts = ['Conversar con mi jefatura sobre las pausas', 'Proponer un protocolo de contención'];
    const written = [];
    for (const [i, text] of texts.entries())
      written.push(ok(await request(phones[i]!, 'commitment:write', { activityId, text, key: key(i) })));
    expect(written.map((w) => w.text)).toEqual(texts);
    for (const w of written) expect(w.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);

    // Rewriting while it is on screen keeps the code (the server gives it only once) and the count.
    const edited = ok(await request(phones[0]!, 'commitment:write', { activityId, text: '  Conversar con mi jefatura  ', key: key(0) }));
    expect(edited).toMatchObject({ text: 'Conversar con mi jefatura', code: null });
    expect(storedTexts()).toEqual(['Conversar con mi jefatura', texts[1]]);

    const tally = ok(await request(facilitator, 'commitment:tally', { activityId }));
    expect(tally).toEqual({ activityId, mode: 'write', written: 2 } satisfies CommitmentTally);
    expect(ok(await request(bystander, 'commitment:tally', { activityId }))).toEqual(tally);
    const pushed = (f: string[]) => f.some((x) => x.startsWith('["commitment:tally"') && x.includes('"written":2'));
    await eventually(() => frames.every(pushed));
    // Phones show no counts: the event goes to the facilitator screens only.
    expect(bystanderFrames.filter((f) => f.startsWith('["commitment:tally"'))).toEqual([]);

    // Neither a facilitator screen nor another phone ever received a text or a code.
    const secrets = [
      ...texts,
      'Conversar con mi jefatura',
      ...written.map((w) => w.code!),
      ...written.map((w) => formatCommitmentCode(w.code!)),
    ];
    for (const f of [...frames, bystanderFrames]) for (const secret of secrets) expect(f.join('\n')).not.toContain(secret);

    // The report: the count, never a text.
    const json = await report(session);
    expect(json.commitments).toEqual([{ activityId, position: 1, section: 'Retomando…', title: '¿Qué harás?', mode: 'write', written: 2 }]);
    for (const secret of secrets) expect(JSON.stringify(json)).not.toContain(secret);
  });

  it('refuses an oversized or empty text, the wrong role and an activity not on screen, storing nothing', async () => {
    const { session, facilitator, activityId } = await sessionWith(null, 'Sesión', 'write');
    const phone = await join(session);
    const anonymous = track(await connect(server.url));

    const tooLong = await request(phone, 'commitment:write', { activityId, text: 'x'.repeat(281), key: key(1) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const blank = await request(phone, 'commitment:write', { activityId, text: '   ', key: key(1) });
    expect(blank).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const badKey = await request(phone, 'commitment:write', { activityId, text: 'Algo', key: 'corta' });
    expect(badKey).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const byFacilitator = await request(facilitator, 'commitment:write', { activityId, text: 'Algo', key: key(2) });
    expect(byFacilitator).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const byStranger = await request(anonymous, 'commitment:write', { activityId, text: 'Algo', key: key(3) });
    expect(byStranger).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });
    expect(await request(anonymous, 'commitment:tally', { activityId })).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });

    // Once the facilitator moves on, the commitment can no longer be written or changed.
    ok(await request(facilitator, 'agenda:goto', { activityId: null }));
    const late = await request(phone, 'commitment:write', { activityId, text: 'Tarde', key: key(1) });
    expect(late).toMatchObject({ ok: false, error: { code: 'ANSWERING_CLOSED' } });
    expect(count('commitments')).toBe(0);
  });

  it('keeps the moment of an activity once commitments are written, and the activity itself', async () => {
    const { session, facilitator, activityId } = await sessionWith(null, 'Sesión', 'write');
    const phone = await join(session);
    const agenda = ok(await request(facilitator, 'session:sync', {})).session.agenda;
    const activity = agenda.find((a) => a.id === activityId)! as CommitmentActivity;
    // Before anyone writes, the moment may change.
    ok(await request(facilitator, 'agenda:update', { activity: { ...activity, mode: 'review' } }));
    ok(await request(facilitator, 'agenda:update', { activity }));
    ok(await request(phone, 'commitment:write', { activityId, text: 'Algo que haré', key: key(1) }));
    const changed = await request(facilitator, 'agenda:update', { activity: { ...activity, mode: 'review' } });
    expect(changed).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    ok(await request(facilitator, 'agenda:goto', { activityId: null }));
    expect(await request(facilitator, 'agenda:delete', { activityId })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    // The title may still be edited.
    ok(await request(facilitator, 'agenda:update', { activity: { ...activity, title: 'Mi compromiso' } }));
    const after = ok(await request(facilitator, 'session:sync', {})).session.agenda.find((a) => a.id === activityId);
    expect(after).toMatchObject({ mode: 'write', title: 'Mi compromiso' });
  });
});

describe('the follow-up at the next session of the series', () => {
  it('finds each one’s own commitment by browser key or by code, takes the answers, and shows the room counts only from 5', async () => {
    const seriesId = await newSeries();
    const first = await sessionWith(seriesId, 'Sesión 1 del taller', 'write');
    const writers = await Promise.all([0, 1, 2, 3, 4, 5].map(() => join(first.session)));
    const codes: string[] = [];
    for (const [i, phone] of writers.entries()) {
      const w = ok(
        await request(phone, 'commitment:write', { activityId: first.activityId, text: `Compromiso número ${i} del taller`, key: key(i) }),
      );
      codes.push(w.code!);
    }
    // A session outside the series holds a commitment with the same key: never found from it.
    const elsewhere = await sessionWith(null, 'Otra sesión', 'write');
    ok(
      await request(await join(elsewhere.session), 'commitment:write', {
        activityId: elsewhere.activityId,
        text: 'De otra serie',
        key: key(0),
      }),
    );

    const second = await sessionWith(seriesId, 'Sesión 2', 'review');
    const consoleFrames = recordFrames(second.facilitator);
    const returning = await Promise.all([0, 1, 2, 3, 4, 5].map(() => join(second.session)));
    const activityId = second.activityId;

    // Same browser: its key finds its own commitment.
    const byKey = ok(await request(returning[0]!, 'commitment:find', { activityId, proof: { key: key(0) } }));
    expect(byKey).toMatchObject({ text: 'Compromiso número 0 del taller', sessionTitle: 'Sesión 1 del taller', outcome: null });
    // Another phone: the code as shown, typed in lower case.
    const byCode = ok(
      await request(returning[1]!, 'commitment:find', { activityId, proof: { code: formatCommitmentCode(codes[1]!).toLowerCase() } }),
    );
    expect(byCode.text).toBe('Compromiso número 1 del taller');

    // A wrong code and an unknown key are refused, and nothing is stored.
    const wrong = codes[2]!.startsWith('A') ? 'BBBBBBBB' : 'AAAAAAAA';
    for (const proof of [{ code: wrong }, { code: 'no es un código' }, { key: key(99) }]) {
      expect(await request(returning[2]!, 'commitment:review', { activityId, proof, outcome: 'done' })).toMatchObject({
        ok: false,
        error: { code: 'COMMITMENT_NOT_FOUND' },
      });
    }
    expect(count('commitment_reviews')).toBe(0);

    const outcomes = ['done', 'started', 'started', 'notYet'] as const;
    for (const [i, outcome] of outcomes.entries()) {
      const proof = i === 1 ? { code: codes[1]! } : { key: key(i) };
      expect(ok(await request(returning[i]!, 'commitment:review', { activityId, proof, outcome })).outcome).toBe(outcome);
    }
    // Four answers: how many answered, no counts by answer.
    expect(ok(await request(second.facilitator, 'commitment:tally', { activityId }))).toEqual({
      activityId,
      mode: 'review',
      answered: 4,
      outcomes: null,
    });
    // Changing one's answer replaces it; a fifth person brings the counts out.
    ok(await request(returning[3]!, 'commitment:review', { activityId, proof: { key: key(3) }, outcome: 'done' }));
    ok(await request(returning[4]!, 'commitment:review', { activityId, proof: { code: codes[4]! }, outcome: 'notYet' }));
    const tally = ok(await request(second.facilitator, 'commitment:tally', { activityId }));
    expect(tally).toEqual({ activityId, mode: 'review', answered: 5, outcomes: { done: 2, started: 2, notYet: 1 } });
    await eventually(() => consoleFrames.some((f) => f.startsWith('["commitment:tally"') && f.includes('"answered":5')));

    // The console never saw a commitment's text.
    for (const i of [0, 1, 2, 3, 4, 5]) expect(consoleFrames.join('\n')).not.toContain(`Compromiso número ${i}`);
    const json = await report(second.session);
    expect(json.commitments).toEqual([
      {
        activityId,
        position: 1,
        section: 'Retomando…',
        title: 'Tu compromiso',
        mode: 'review',
        answered: 5,
        suppressed: false,
        outcomes: { done: 2, started: 2, notYet: 1 },
      },
    ]);
    expect(JSON.stringify(json)).not.toContain('Compromiso número');
  });

  it('limits look-ups per participant, so a code is not found by trying', async () => {
    const seriesId = await newSeries();
    await sessionWith(seriesId, 'Sesión 1', 'write');
    const second = await sessionWith(seriesId, 'Sesión 2', 'review');
    const phone = await join(second.session);
    const results = [];
    for (let i = 0; i < 12; i++)
      results.push(await request(phone, 'commitment:find', { activityId: second.activityId, proof: { code: `ABCD${i}` } }));
    expect(results.slice(0, 10).every((r) => !r.ok && r.error.code === 'COMMITMENT_NOT_FOUND')).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });
});
