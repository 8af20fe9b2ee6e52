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
import type { AgendaChange } from '../../shared/types.ts';
import type { AgendaService } from '../services/agenda-service.ts';
import type { SessionService } from '../services/session-service.ts';
import { handler, type HandlerLogger, type HandlerTable } from './handle.ts';
import { facilitatedSession as facilitated, facilitatorScreen } from './roles.ts';
import type { RealtimeSocket } from './types.ts';

export interface FacilitatorHandlerDeps {
  sessions: SessionService;
  agenda: AgendaService;
  log: HandlerLogger;
}

/** The facilitator handlers: each checks the socket's role, then calls the session service. */
export function facilitatorHandlers(deps: FacilitatorHandlerDeps) {
  const { sessions, agenda, log } = deps;
  /** An agenda edit, acked with the agenda as this screen may receive it (notes: SessionState.agendaFor). */
  const edit = async (socket: RealtimeSocket, run: (sessionId: string) => Promise<AgendaChange>): Promise<AgendaChange> => {
    const sessionId = facilitated(socket);
    const change = await run(sessionId);
    return { ...change, agenda: sessions.agendaFor(sessionId, facilitatorScreen(socket)) };
  };
  return {
    'agenda:goto': handler(AgendaGotoPayloadSchema, log, (p, s) => sessions.goto(facilitated(s), p.activityId)),
    'agenda:step': handler(AgendaStepPayloadSchema, log, (p, s) => sessions.step(facilitated(s), p.direction)),
    'answering:set': handler(AnsweringSetPayloadSchema, log, (p, s) => sessions.setAnswering(facilitated(s), p.activityId, p.open)),
    'answering:keep': handler(AnsweringKeepPayloadSchema, log, (p, s) => sessions.setKeepOpen(facilitated(s), p.activityId, p.keepOpen)),
    'display:set': handler(DisplaySetPayloadSchema, log, (p, s) => sessions.setDisplay(facilitated(s), p)),
    'agenda:insert': handler(AgendaInsertPayloadSchema, log, (p, s) => edit(s, (id) => agenda.insert(id, p.index, p.activity))),
    'agenda:update': handler(AgendaUpdatePayloadSchema, log, (p, s) => edit(s, (id) => agenda.update(id, p.activity))),
    'agenda:move': handler(AgendaMovePayloadSchema, log, (p, s) => edit(s, (id) => agenda.move(id, p.activityId, p.toIndex))),
    'agenda:duplicate': handler(AgendaActivityPayloadSchema, log, (p, s) => edit(s, (id) => agenda.duplicate(id, p.activityId))),
    'agenda:delete': handler(AgendaActivityPayloadSchema, log, (p, s) => edit(s, (id) => agenda.delete(id, p.activityId))),
    'agenda:restore': handler(AgendaRestorePayloadSchema, log, (p, s) => edit(s, (id) => agenda.restore(id, p.activityId, p.index))),
    'answer:hide': handler(AnswerHidePayloadSchema, log, (p, s) => sessions.hideAnswer(facilitated(s), p.activityId, p.answerId, p.hidden)),
    'session:close': handler(EmptyPayloadSchema, log, (_, s) => sessions.close(facilitated(s))),
  } satisfies Partial<HandlerTable>;
}
