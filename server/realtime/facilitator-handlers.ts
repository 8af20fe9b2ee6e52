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
  AnsweringKeepPayloadSchema,
  DisplaySetPayloadSchema,
  EmptyPayloadSchema,
} from '../../shared/schemas.ts';
import type { AgendaService } from '../services/agenda-service.ts';
import type { SessionService } from '../services/session-service.ts';
import { handler, type HandlerLogger, type HandlerTable } from './handle.ts';
import { facilitatedSession as facilitated } from './roles.ts';

export interface FacilitatorHandlerDeps {
  sessions: SessionService;
  agenda: AgendaService;
  log: HandlerLogger;
}

/** The facilitator handlers: each checks the socket's role, then calls the session service. */
export function facilitatorHandlers(deps: FacilitatorHandlerDeps) {
  const { sessions, agenda, log } = deps;
  return {
    'agenda:goto': handler(AgendaGotoPayloadSchema, log, (p, s) => sessions.goto(facilitated(s), p.activityId)),
    'agenda:step': handler(AgendaStepPayloadSchema, log, (p, s) => sessions.step(facilitated(s), p.direction)),
    'answering:set': handler(AnsweringSetPayloadSchema, log, (p, s) => sessions.setAnswering(facilitated(s), p.activityId, p.open)),
    'answering:keep': handler(AnsweringKeepPayloadSchema, log, (p, s) => sessions.setKeepOpen(facilitated(s), p.activityId, p.keepOpen)),
    'display:set': handler(DisplaySetPayloadSchema, log, (p, s) => sessions.setDisplay(facilitated(s), p)),
    'agenda:insert': handler(AgendaInsertPayloadSchema, log, (p, s) => agenda.insert(facilitated(s), p.index, p.activity)),
    'agenda:update': handler(AgendaUpdatePayloadSchema, log, (p, s) => agenda.update(facilitated(s), p.activity)),
    'agenda:move': handler(AgendaMovePayloadSchema, log, (p, s) => agenda.move(facilitated(s), p.activityId, p.toIndex)),
    'agenda:duplicate': handler(AgendaActivityPayloadSchema, log, (p, s) => agenda.duplicate(facilitated(s), p.activityId)),
    'agenda:delete': handler(AgendaActivityPayloadSchema, log, (p, s) => agenda.delete(facilitated(s), p.activityId)),
    'agenda:restore': handler(AgendaRestorePayloadSchema, log, (p, s) => agenda.restore(facilitated(s), p.activityId, p.index)),
    'answer:hide': handler(AnswerHidePayloadSchema, log, (p, s) => sessions.hideAnswer(facilitated(s), p.activityId, p.answerId, p.hidden)),
    'session:close': handler(EmptyPayloadSchema, log, (_, s) => sessions.close(facilitated(s))),
  } satisfies Partial<HandlerTable>;
}
