import {
  FloorGivePayloadSchema,
  HandLowerPayloadSchema,
  HandRaisePayloadSchema,
  SalaCallPayloadSchema,
  TurnTimerPayloadSchema,
} from '../../shared/schemas.ts';
import type { TurnActor } from '../domain/sala-turns.ts';
import type { TurnService } from '../services/turn-service.ts';
import { handler, type HandlerLogger, type HandlerTable } from './handle.ts';
import { facilitatedSession as facilitated, joinedParticipant as participant } from './roles.ts';
import type { RealtimeSocket } from './types.ts';

export interface TurnHandlerDeps {
  turns: TurnService;
  log: HandlerLogger;
}

/** The actor: a facilitator, or a joined participant (the service checks their sala and role). */
function actor(socket: RealtimeSocket): { sessionId: string; actor: TurnActor } {
  const auth = socket.data.auth;
  if (auth.role === 'facilitator') return { sessionId: auth.sessionId, actor: { role: 'facilitator' } };
  const me = participant(socket);
  return { sessionId: me.sessionId, actor: { role: 'participant', participantId: me.participantId } };
}

/** Turns to speak over sockets: members' hands, the moderator's floor and timer, calls to the facilitator. */
export function turnHandlers(deps: TurnHandlerDeps) {
  const { turns, log } = deps;
  return {
    'hand:raise': handler(HandRaisePayloadSchema, log, (p, s) => {
      const me = participant(s);
      return turns.raise(me.sessionId, me.participantId, p);
    }),
    'hand:lower': handler(HandLowerPayloadSchema, log, (p, s) => {
      const who = actor(s);
      return turns.lower(who.sessionId, who.actor, p);
    }),
    'floor:give': handler(FloorGivePayloadSchema, log, (p, s) => {
      const who = actor(s);
      return turns.giveFloor(who.sessionId, who.actor, p);
    }),
    'turn:timer': handler(TurnTimerPayloadSchema, log, (p, s) => {
      const who = actor(s);
      return turns.timer(who.sessionId, who.actor, p);
    }),
    'facilitator:call': handler(SalaCallPayloadSchema, log, (p, s) => {
      const me = participant(s);
      return turns.call(me.sessionId, me.participantId, p);
    }),
    'facilitator:acknowledge': handler(SalaCallPayloadSchema, log, (p, s) => turns.acknowledge(facilitated(s), p)),
  } satisfies Partial<HandlerTable>;
}
