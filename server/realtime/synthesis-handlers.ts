import { AppError } from '../../shared/errors.ts';
import { LIMITS } from '../../shared/limits.ts';
import {
  PlenaryFocusPayloadSchema,
  SynthesisHidePayloadSchema,
  SynthesisReopenPayloadSchema,
  SynthesisSavePayloadSchema,
  SynthesisSubmitPayloadSchema,
  SynthesisTimerPayloadSchema,
} from '../../shared/schemas.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import type { SynthesisActor } from '../domain/synthesis.ts';
import type { SynthesisService } from '../services/synthesis-service.ts';
import { handler, type HandlerLogger, type HandlerTable } from './handle.ts';
import { facilitatedSession as facilitated } from './roles.ts';
import type { RealtimeSocket } from './types.ts';

export interface SynthesisHandlerDeps {
  syntheses: SynthesisService;
  log: HandlerLogger;
}

/** The writer: a facilitator, or a joined participant (the service checks they are secretary). */
function writer(socket: RealtimeSocket): { sessionId: string; actor: SynthesisActor } {
  const auth = socket.data.auth;
  if (auth.role === 'facilitator') return { sessionId: auth.sessionId, actor: { role: 'facilitator' } };
  if (auth.role === 'participant') return { sessionId: auth.sessionId, actor: { role: 'participant', participantId: auth.participantId } };
  throw new AppError('NOT_JOINED', 'Primero debes unirte a la sesión con su código.');
}

/** Syntheses over sockets: writing (secretary or facilitator) and the facilitator's controls. */
export function synthesisHandlers(deps: SynthesisHandlerDeps) {
  const { syntheses, log } = deps;
  // Autosave is debounced on the phone; this stops a runaway client, per sala.
  const saves = new RateLimiter(LIMITS.synthesisSavesPer10Seconds, 10_000);
  return {
    'synthesis:save': handler(SynthesisSavePayloadSchema, log, (p, s) => {
      const { sessionId, actor } = writer(s);
      if (!saves.take(`${p.activityId}:${p.salaId}`))
        throw new AppError('RATE_LIMITED', 'Demasiados guardados seguidos. Espera un momento.');
      return syntheses.save(sessionId, actor, p);
    }),
    'synthesis:submit': handler(SynthesisSubmitPayloadSchema, log, (p, s) => {
      const { sessionId, actor } = writer(s);
      return syntheses.submit(sessionId, actor, p.activityId, p.salaId, p.version);
    }),
    'synthesis:reopen': handler(SynthesisReopenPayloadSchema, log, (p, s) => syntheses.reopen(facilitated(s), p.activityId, p.salaId)),
    'synthesis:hide': handler(SynthesisHidePayloadSchema, log, (p, s) => syntheses.hide(facilitated(s), p.activityId, p.salaId, p.hidden)),
    'synthesis:timer': handler(SynthesisTimerPayloadSchema, log, (p, s) => syntheses.timer(facilitated(s), p)),
    'plenary:focus': handler(PlenaryFocusPayloadSchema, log, (p, s) => syntheses.focus(facilitated(s), p)),
  } satisfies Partial<HandlerTable>;
}
