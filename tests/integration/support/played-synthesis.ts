/**
 * A session's seed breakout played over real sockets into one sala whose synthesis the
 * facilitator submits: what the support register is made from.
 */
import type { BreakoutActivity, CreatedSession, SynthesisContent, SynthesisActivity } from '../../../shared/types.ts';
import { connect, connectFacilitator, ok, request, type ClientSocket } from './server.ts';

export interface PlayedSynthesis {
  facilitator: ClientSocket;
  synthesis: SynthesisActivity;
  salaId: string;
}

/**
 * One person joins per item of `agencies` (null: not said); the breakout forms one sala; the
 * facilitator writes and submits `content`. Every socket opened goes to `track`.
 */
export async function playedSynthesis(
  url: string,
  created: CreatedSession,
  agencies: ReadonlyArray<string | null>,
  content: SynthesisContent,
  track: (socket: ClientSocket) => void,
): Promise<PlayedSynthesis> {
  const facilitator = await connectFacilitator(url, created);
  track(facilitator);
  const { session: view } = await facilitator.snapshot;
  const breakout = view.agenda.find((a): a is BreakoutActivity => a.kind === 'breakout')!;
  const synthesis = view.agenda.find((a): a is SynthesisActivity => a.kind === 'synthesis')!;
  ok(await request(facilitator, 'agenda:update', { activity: { ...breakout, sizing: { by: 'count', count: 1 } } }));
  for (const agency of agencies) {
    const socket = await connect(url);
    track(socket);
    ok(await request(socket, 'session:join', { code: created.code, agency }));
  }
  ok(await request(facilitator, 'agenda:goto', { activityId: breakout.id }));
  const [sala] = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id })).salas;
  ok(await request(facilitator, 'agenda:goto', { activityId: synthesis.id }));
  ok(await request(facilitator, 'synthesis:timer', { activityId: synthesis.id, action: 'start' }));
  const save = { activityId: synthesis.id, salaId: sala!.id, baseVersion: 0, clientSaveId: 'save-0001', content };
  ok(await request(facilitator, 'synthesis:save', save));
  ok(await request(facilitator, 'synthesis:submit', { activityId: synthesis.id, salaId: sala!.id, version: 1 }));
  return { facilitator, synthesis, salaId: sala!.id };
}
