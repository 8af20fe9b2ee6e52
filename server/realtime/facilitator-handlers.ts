import { AppError } from '../../shared/errors.ts';
import {
  AgendaActivityPayloadSchema,
  AgendaGotoPayloadSchema,
  AgendaInsertPayloadSchema,
  AgendaMovePayloadSchema,
  AgendaRestorePayloadSchema,
  AgendaUpdatePayloadSchema,
  AnswerHidePayloadSchema,
  AgendaStepPayloadSchema,
  AnsweringSetPayloadSchema,
  DisplaySetPayloadSchema,
  EmptyPayloadSchema,
} from '../../shared/schemas.ts';
import type { AgendaService } from '../services/agenda-service.ts';
import type { SessionService } from '../services/session-service.ts';
import { handler, type HandlerLogger } from './handle.ts';
import type { RealtimeSocket } from './types.ts';

export interface FacilitatorHandlerDeps {
  sessions: SessionService;
  agenda: AgendaService;
  log: HandlerLogger;
}

/** Makes the facilitator handlers: each checks the socket's role, then calls the session service. */
export function facilitatorHandlers(deps: FacilitatorHandlerDeps) {
  const { sessions, agenda, log } = deps;

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
    socket.on('agenda:insert', handler(AgendaInsertPayloadSchema, log, (p) => agenda.insert(facilitated(), p.index, p.activity)));
    socket.on('agenda:update', handler(AgendaUpdatePayloadSchema, log, (p) => agenda.update(facilitated(), p.activity)));
    socket.on('agenda:move', handler(AgendaMovePayloadSchema, log, (p) => agenda.move(facilitated(), p.activityId, p.toIndex)));
    socket.on('agenda:duplicate', handler(AgendaActivityPayloadSchema, log, (p) => agenda.duplicate(facilitated(), p.activityId)));
    socket.on('agenda:delete', handler(AgendaActivityPayloadSchema, log, (p) => agenda.delete(facilitated(), p.activityId)));
    socket.on('agenda:restore', handler(AgendaRestorePayloadSchema, log, (p) => agenda.restore(facilitated(), p.activityId, p.index)));
    socket.on('answer:hide', handler(AnswerHidePayloadSchema, log, (p) => sessions.hideAnswer(facilitated(), p.activityId, p.answerId, p.hidden)));
    socket.on('session:close', handler(EmptyPayloadSchema, log, () => sessions.close(facilitated())));
  };
}
