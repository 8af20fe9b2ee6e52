import {
  BreakoutFormPayloadSchema,
  BroadcastPayloadSchema,
  RoleAssignPayloadSchema,
  RoleClaimPayloadSchema,
  SalaNumbersPayloadSchema,
  SalaChoosePayloadSchema,
  SalaMovePayloadSchema,
  SalaUpdatePayloadSchema,
  TimerControlPayloadSchema,
} from '../../shared/schemas.ts';
import type { BreakoutService } from '../services/breakout-service.ts';
import { handler, type HandlerLogger, type HandlerTable } from './handle.ts';
import { facilitatedSession as facilitated, joinedParticipant as participant } from './roles.ts';

export interface BreakoutHandlerDeps {
  breakouts: BreakoutService;
  log: HandlerLogger;
}

/** Salas over sockets: facilitator controls, and what a participant may do in their own sala. */
export function breakoutHandlers(deps: BreakoutHandlerDeps) {
  const { breakouts, log } = deps;
  return {
    'breakout:form': handler(BreakoutFormPayloadSchema, log, (p, s) => breakouts.form(facilitated(s), p.activityId)),
    'breakout:timer': handler(TimerControlPayloadSchema, log, (p, s) => breakouts.timer(facilitated(s), p)),
    'breakout:broadcast': handler(BroadcastPayloadSchema, log, (p, s) => breakouts.broadcast(facilitated(s), p.activityId, p.text)),
    'sala:move': handler(SalaMovePayloadSchema, log, (p, s) => breakouts.move(facilitated(s), p.activityId, p.participantId, p.salaId)),
    'sala:update': handler(SalaUpdatePayloadSchema, log, (p, s) =>
      breakouts.update(facilitated(s), p.activityId, p.salaId, { name: p.name, videoUrl: p.videoUrl }),
    ),
    'role:assign': handler(RoleAssignPayloadSchema, log, (p, s) =>
      breakouts.assignRole(facilitated(s), p.activityId, p.salaId, p.role, p.participantId),
    ),
    'sala:numbers': handler(SalaNumbersPayloadSchema, log, (p, s) => {
      const auth = s.data.auth;
      if (auth.role === 'facilitator') return breakouts.numbers(auth.sessionId, p.activityId, null);
      const me = participant(s);
      return breakouts.numbers(me.sessionId, p.activityId, { participantId: me.participantId });
    }),
    'sala:choose': handler(SalaChoosePayloadSchema, log, (p, s) => {
      const me = participant(s);
      return breakouts.choose(me.sessionId, me.participantId, p.activityId, p.salaId);
    }),
    'role:claim': handler(RoleClaimPayloadSchema, log, (p, s) => {
      const me = participant(s);
      return breakouts.claimRole(me.sessionId, me.participantId, p.activityId, p.salaId, p.role);
    }),
    'role:release': handler(RoleClaimPayloadSchema, log, (p, s) => {
      const me = participant(s);
      return breakouts.releaseRole(me.sessionId, me.participantId, p.activityId, p.salaId, p.role);
    }),
  } satisfies Partial<HandlerTable>;
}
