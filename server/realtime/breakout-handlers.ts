import { AppError } from '../../shared/errors.ts';
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
import { handler, type HandlerLogger } from './handle.ts';
import type { RealtimeSocket } from './types.ts';

export interface BreakoutHandlerDeps {
  breakouts: BreakoutService;
  log: HandlerLogger;
}

/** Salas over sockets: facilitator controls, and what a participant may do in their own sala. */
export function breakoutHandlers(deps: BreakoutHandlerDeps) {
  const { breakouts, log } = deps;

  return function register(socket: RealtimeSocket): void {
    const facilitated = (): string => {
      const auth = socket.data.auth;
      if (auth.role !== 'facilitator') throw new AppError('FORBIDDEN', 'Esta acción es solo para quien facilita la sesión.');
      return auth.sessionId;
    };
    const participant = (): { sessionId: string; participantId: string } => {
      const auth = socket.data.auth;
      if (auth.role !== 'participant') throw new AppError('NOT_JOINED', 'Primero debes unirte a la sesión con su código.');
      return auth;
    };

    socket.on('breakout:form', handler(BreakoutFormPayloadSchema, log, (p) => breakouts.form(facilitated(), p.activityId)));
    socket.on('breakout:timer', handler(TimerControlPayloadSchema, log, (p) => breakouts.timer(facilitated(), p)));
    socket.on('breakout:broadcast', handler(BroadcastPayloadSchema, log, (p) => breakouts.broadcast(facilitated(), p.activityId, p.text)));
    socket.on('sala:move', handler(SalaMovePayloadSchema, log, (p) => breakouts.move(facilitated(), p.activityId, p.participantId, p.salaId)));
    socket.on(
      'sala:update',
      handler(SalaUpdatePayloadSchema, log, (p) => breakouts.update(facilitated(), p.activityId, p.salaId, { name: p.name, videoUrl: p.videoUrl })),
    );
    socket.on(
      'role:assign',
      handler(RoleAssignPayloadSchema, log, (p) => breakouts.assignRole(facilitated(), p.activityId, p.salaId, p.role, p.participantId)),
    );
    socket.on(
      'sala:numbers',
      handler(SalaNumbersPayloadSchema, log, (p) => {
        const auth = socket.data.auth;
        if (auth.role === 'facilitator') return breakouts.numbers(auth.sessionId, p.activityId, null);
        const me = participant();
        return breakouts.numbers(me.sessionId, p.activityId, { participantId: me.participantId });
      }),
    );
    socket.on(
      'sala:choose',
      handler(SalaChoosePayloadSchema, log, (p) => {
        const me = participant();
        return breakouts.choose(me.sessionId, me.participantId, p.activityId, p.salaId);
      }),
    );
    socket.on(
      'role:claim',
      handler(RoleClaimPayloadSchema, log, (p) => {
        const me = participant();
        return breakouts.claimRole(me.sessionId, me.participantId, p.activityId, p.salaId, p.role);
      }),
    );
    socket.on(
      'role:release',
      handler(RoleClaimPayloadSchema, log, (p) => {
        const me = participant();
        return breakouts.releaseRole(me.sessionId, me.participantId, p.activityId, p.salaId, p.role);
      }),
    );
  };
}
