import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Activity,
  ActivityDraft,
  AgendaDocument,
  ChoiceActivity,
  ChoiceResults,
  ContentActivity,
  CreatedSession,
  Template,
} from '../../shared/types.ts';
import {
  connect,
  connectFacilitator,
  createSession,
  getSession,
  nextEvent,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from './support/server.ts';

const template = JSON.parse(readFileSync(new URL('../../server/templates/bienestar-sesion-2.json', import.meta.url), 'utf8')) as Template;

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

const withoutIds = (activities: readonly Activity[]) => activities.map(({ id: _id, ...rest }) => rest);
async function exported(session: CreatedSession): Promise<AgendaDocument> {
  const response = await fetch(`${server.url}/api/sessions/${session.id}/agenda`, {
    headers: { authorization: `Bearer ${session.facilitatorToken}` },
  });
  return (await response.json()) as AgendaDocument;
}

describe('agenda editing over sockets', () => {
  it('builds the seed’s workshop from a blank session, equal to the built-in template', async () => {
    const session = await createSession(server.url, { title: 'Desde cero', template: 'blank' });
    const facilitator = track(await connectFacilitator(server.url, session));
    await facilitator.snapshot;
    // Added out of order on purpose: the closing slide first, then everything before it.
    const drafts = template.activities as ActivityDraft[];
    ok(await request(facilitator, 'agenda:insert', { index: 0, activity: drafts.at(-1)! }));
    for (const [i, draft] of drafts.slice(0, -1).entries()) ok(await request(facilitator, 'agenda:insert', { index: i, activity: draft }));
    const built = await exported(session);
    expect(withoutIds(built.activities)).toEqual(template.activities);
    const reference = await exported(await createSession(server.url));
    expect(withoutIds(built.activities)).toEqual(withoutIds(reference.activities));
  });

  it('moves, duplicates, deletes and restores, keeping ids and answers', async () => {
    const session = await createSession(server.url);
    const facilitator = track(await connectFacilitator(server.url, session));
    const { session: view } = await facilitator.snapshot;
    const ids = view.agenda.map((a) => a.id);
    const choice = view.agenda.find((a): a is ChoiceActivity => a.kind === 'choice' && !a.multiple)!;
    ok(await request(facilitator, 'agenda:goto', { activityId: choice.id }));
    const p = track(await connect(server.url));
    const { participantToken } = ok(await request(p, 'session:join', { code: session.code }));
    ok(
      await request(p, 'answer:submit', {
        activityId: choice.id,
        clientAnswerId: 'edit-answer-1',
        value: { kind: 'choice', optionIds: ['estructural'] },
      }),
    );
    ok(await request(facilitator, 'agenda:goto', { activityId: ids[0]! }));

    const moved = ok(await request(facilitator, 'agenda:move', { activityId: choice.id, toIndex: 0 }));
    expect(moved.agenda.map((a) => a.id)).toEqual([choice.id, ...ids.filter((id) => id !== choice.id)]);
    const copied = ok(await request(facilitator, 'agenda:duplicate', { activityId: choice.id }));
    expect(copied.agenda[1]).toEqual({ ...choice, id: copied.activityId });

    const deleted = ok(await request(facilitator, 'agenda:delete', { activityId: choice.id }));
    expect(deleted.agenda.some((a) => a.id === choice.id)).toBe(false);
    expect((await getSession(server.url, session)).results[choice.id]).toBeUndefined();
    const restored = ok(await request(facilitator, 'agenda:restore', { activityId: choice.id, index: 0 }));
    expect(restored.agenda[0]!.id).toBe(choice.id);
    expect((await getSession(server.url, session)).results[choice.id]).toMatchObject({ respondents: 1, counts: { estructural: 1 } });
    // The participant still has their answer after all of it.
    const again = track(await connect(server.url));
    expect(ok(await request(again, 'session:join', { code: session.code, participantToken })).snapshot.myAnswers[choice.id]).toEqual({
      kind: 'choice',
      optionIds: ['estructural'],
    });
  });

  it('sends an edit to participants at once, and refuses edits that would corrupt answers', async () => {
    const session = await createSession(server.url);
    const facilitator = track(await connectFacilitator(server.url, session));
    const { session: view } = await facilitator.snapshot;
    const choice = view.agenda.find((a): a is ChoiceActivity => a.kind === 'choice' && !a.multiple)!;
    ok(await request(facilitator, 'agenda:goto', { activityId: choice.id }));
    const p = track(await connect(server.url));
    ok(await request(p, 'session:join', { code: session.code }));
    ok(
      await request(p, 'answer:submit', {
        activityId: choice.id,
        clientAnswerId: 'edit-answer-2',
        value: { kind: 'choice', optionIds: ['coyuntural'] },
      }),
    );

    const seen = nextEvent(p, 'agenda:updated', (u) =>
      u.agenda.some((a) => a.id === choice.id && a.title === '¿Coyuntural o estructural?'),
    );
    const relabelled = {
      ...choice,
      title: '¿Coyuntural o estructural?',
      options: [...choice.options, { id: 'ninguna', label: 'Ninguna' }],
    };
    ok(await request(facilitator, 'agenda:update', { activity: relabelled }));
    await seen;
    const counted = (await getSession(server.url, session)).results[choice.id] as ChoiceResults;
    expect(counted).toEqual({ kind: 'choice', respondents: 1, counts: { coyuntural: 1, estructural: 0, ambas: 0, ninguna: 0 } });

    const before = await getSession(server.url, session);
    const refusals: Array<[unknown, string]> = [
      [{ activity: { ...relabelled, options: relabelled.options.filter((o) => o.id !== 'coyuntural') } }, 'INVALID_STATE'],
      [{ activity: { id: choice.id, kind: 'content', title: 'Ya no es pregunta', bullets: [] } }, 'INVALID_STATE'],
      [{ activity: { ...relabelled, id: 'noExiste' } }, 'ACTIVITY_NOT_FOUND'],
      [{ activity: { ...relabelled, options: [{ id: 'solo', label: 'Una' }] } }, 'VALIDATION_FAILED'],
    ];
    for (const [payload, code] of refusals)
      expect(await request(facilitator, 'agenda:update', payload as never)).toMatchObject({ ok: false, error: { code } });
    expect(await request(facilitator, 'agenda:delete', { activityId: choice.id })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    }); // on screen
    const synthesis = view.agenda.find((a) => a.kind === 'synthesis')!;
    expect(await request(facilitator, 'agenda:move', { activityId: synthesis.id, toIndex: 0 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    for (const [event, payload] of [
      ['agenda:insert', { index: 0, activity: { kind: 'content', title: 'Intrusa', bullets: [] } }],
      ['agenda:delete', { activityId: view.agenda[0]!.id }],
      ['agenda:move', { activityId: view.agenda[0]!.id, toIndex: 3 }],
    ] as const) {
      expect(await request(p, event, payload as never)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const after = await getSession(server.url, session);
    expect(after.session.agenda).toEqual(before.session.agenda);
    expect(after.results).toEqual(before.results);
  });

  it('stores how a content slide is drawn (a list or pillars on a base), and refuses any other layout', async () => {
    const session = await createSession(server.url);
    const facilitator = track(await connectFacilitator(server.url, session));
    const { session: view } = await facilitator.snapshot;
    const axes = view.agenda.find((a): a is ContentActivity => a.kind === 'content' && a.layout === 'pillars')!;
    expect(axes.bullets.filter((bullet) => bullet.level === 0)).toHaveLength(3);

    ok(await request(facilitator, 'agenda:update', { activity: { ...axes, layout: 'list' } }));
    expect((await getSession(server.url, session)).session.agenda.find((a) => a.id === axes.id)).toMatchObject({ layout: 'list' });

    const before = await getSession(server.url, session);
    for (const [event, payload] of [
      ['agenda:update', { activity: { ...axes, layout: 'columns' } }],
      ['agenda:update', { activity: { ...axes, layout: 3 } }],
      ['agenda:insert', { index: 0, activity: { kind: 'content', title: 'Ejes', bullets: [], layout: 'pilares' } }],
      [
        'agenda:insert',
        {
          index: 0,
          activity: {
            kind: 'choice',
            title: '¿Sí?',
            multiple: false,
            options: [
              { id: 'si', label: 'Sí' },
              { id: 'no', label: 'No' },
            ],
            layout: 'pillars',
          },
        },
      ],
    ] as const)
      expect(await request(facilitator, event, payload as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((await getSession(server.url, session)).session.agenda).toEqual(before.session.agenda);
  });
});
