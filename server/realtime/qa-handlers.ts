import {
  QaAnsweredPayloadSchema,
  QaAskPayloadSchema,
  QaHighlightPayloadSchema,
  QaStatusPayloadSchema,
  QaVotePayloadSchema,
} from '../../shared/schemas.ts';
import type { QaService } from '../services/qa-service.ts';
import { handler, type HandlerLogger, type HandlerTable } from './handle.ts';
import { facilitatedSession as facilitated, joinedParticipant as participant } from './roles.ts';

export interface QaHandlerDeps {
  qa: QaService;
  log: HandlerLogger;
}

/** Questions from the room over sockets: participants ask and vote; the facilitator moderates. */
export function qaHandlers(deps: QaHandlerDeps) {
  const { qa, log } = deps;
  return {
    'qa:ask': handler(QaAskPayloadSchema, log, (p, s) => {
      const me = participant(s);
      return qa.ask(me.sessionId, me.participantId, p);
    }),
    'qa:vote': handler(QaVotePayloadSchema, log, (p, s) => {
      const me = participant(s);
      return qa.vote(me.sessionId, me.participantId, p);
    }),
    'qa:status': handler(QaStatusPayloadSchema, log, (p, s) => qa.setStatus(facilitated(s), p)),
    'qa:answered': handler(QaAnsweredPayloadSchema, log, (p, s) => qa.setAnswered(facilitated(s), p)),
    'qa:highlight': handler(QaHighlightPayloadSchema, log, (p, s) => qa.highlight(facilitated(s), p)),
  } satisfies Partial<HandlerTable>;
}
