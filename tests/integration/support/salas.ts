/**
 * A workshop with its salas formed over real sockets: people joined, the seed's breakout formed,
 * one moderator and one secretary claimed in each sala. The conversation is under way; the
 * synthesis step has not started.
 */
import type { BreakoutActivity, BreakoutView, CreatedSession, SalaRole, SynthesisActivity } from '../../../shared/types.ts';
import { connect, connectFacilitator, createSession, ok, request, type ClientSocket } from './server.ts';

export interface Member {
  socket: ClientSocket;
  participantId: string;
  participantToken: string;
}

export interface FormedSalas {
  url: string;
  session: CreatedSession;
  facilitator: ClientSocket;
  breakout: BreakoutActivity;
  synthesis: SynthesisActivity;
  salas: BreakoutView['salas'];
  members: Member[];
  /** The holder of each role, by sala id. */
  roles: Record<SalaRole, Map<string, Member>>;
  /** Sala members who hold no role, by sala id. */
  plain: Map<string, Member[]>;
}

/** Forms the salas of `people` participants; `track` receives every socket opened (to close them). */
export async function formedSalas(url: string, people: number, track: (socket: ClientSocket) => void): Promise<FormedSalas> {
  const session = await createSession(url);
  const facilitator = await connectFacilitator(url, session);
  track(facilitator);
  const { session: view } = await facilitator.snapshot;
  const breakout = view.agenda.find((a): a is BreakoutActivity => a.kind === 'breakout')!;
  const synthesis = view.agenda.find((a): a is SynthesisActivity => a.kind === 'synthesis')!;
  const members: Member[] = [];
  for (let i = 0; i < people; i++) {
    const socket = await connect(url);
    track(socket);
    const { participantToken, snapshot } = ok(await request(socket, 'session:join', { code: session.code }));
    members.push({ socket, participantToken, participantId: snapshot.participantId });
  }
  ok(await request(facilitator, 'agenda:goto', { activityId: breakout.id }));
  const formed = ok(await request(facilitator, 'breakout:form', { activityId: breakout.id }));
  const roles: FormedSalas['roles'] = { moderator: new Map(), secretary: new Map() };
  const plain = new Map<string, Member[]>();
  for (const sala of formed.salas) {
    const inSala = sala.members.map((m) => members.find((x) => x.participantId === m.participantId)!);
    const [moderator, secretary, ...rest] = inSala;
    ok(await request(moderator!.socket, 'role:claim', { activityId: breakout.id, salaId: sala.id, role: 'moderator' }));
    ok(await request(secretary!.socket, 'role:claim', { activityId: breakout.id, salaId: sala.id, role: 'secretary' }));
    roles.moderator.set(sala.id, moderator!);
    roles.secretary.set(sala.id, secretary!);
    plain.set(sala.id, rest);
  }
  return { url, session, facilitator, breakout, synthesis, salas: formed.salas, members, roles, plain };
}
