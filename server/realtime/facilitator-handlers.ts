import { AppError } from '../../shared/errors.ts';
import {
  AgendaGotoPayloadSchema,
  AnswerHidePayloadSchema,
  AgendaStepPayloadSchema,
  AnsweringSetPayloadSchema,
  DisplaySetPayloadSchema,
  EmptyPayloadSchema,
} from '../../shared/schemas.ts';
import type { SessionService } from '../services/session-service.ts';
import { handler, type HandlerLogger } from './handle.ts';
import type { RealtimeSocket } from './types.ts';

export interface FacilitatorHandlerDeps {
  sessions: SessionService;
  log: HandlerLogger;
}

/** Makes the facilitator handlers: each checks the socket's role, then calls the session service. */
export function facilitatorHandlers(deps: FacilitatorHandlerDeps) {
  const { sessions, log } = deps;

  return function register(socket: RealtimeSocket): void {
    /** The session this socket facilitates; anyone else is refused. */
    const facilitated = (): string => {
      const auth = socket.data.auth;
      if (auth.role !== 'facilitator') throw new AppError('FORBIDDEN', 'Esta acción es solo para quien facilita la sesión.');
      return auth.sessionId;
    };

    socket.on('agenda:goto', handler(AgendaGotoPayloadSchema, log, (p) => sessions.goto(facilitated(), p.activityId)));
    socket.on('agenda:step', handler(AgendaStepPayloadSchema, log, (p) => sessions.step(facilitated(), p.direction)));
    socket.on('answering:set', handler(AnsweringSetPayloadSchema, log, (p) => sessions.setAnswering(facilitated(), p.activityId, p.open)));
    socket.on('display:set', handler(DisplaySetPayloadSchema, log, (p) => sessions.setDisplay(facilitated(), p)));
    socket.on('answer:hide', handler(AnswerHidePayloadSchema, log, (p) => sessions.hideAnswer(facilitated(), p.activityId, p.answerId, p.hidden)));
    socket.on('session:close', handler(EmptyPayloadSchema, log, () => sessions.close(facilitated())));
  };
}
