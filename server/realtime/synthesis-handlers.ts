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
import type { SynthesisActor, SynthesisService } from '../services/synthesis-service.ts';
import { handler, type HandlerLogger } from './handle.ts';
import type { RealtimeSocket } from './types.ts';

export interface SynthesisHandlerDeps {
  syntheses: SynthesisService;
  log: HandlerLogger;
}

/** Syntheses over sockets: writing (secretary or facilitator) and the facilitator's controls. */
export function synthesisHandlers(deps: SynthesisHandlerDeps) {
  const { syntheses, log } = deps;
  // Autosave is debounced on the phone; this stops a runaway client, per sala.
  const saves = new RateLimiter(LIMITS.synthesisSavesPer10Seconds, 10_000);

  return function register(socket: RealtimeSocket): void {
    /** The writer: a facilitator, or a joined participant (the service checks they are secretary). */
    const writer = (): { sessionId: string; actor: SynthesisActor } => {
      const auth = socket.data.auth;
      if (auth.role === 'facilitator') return { sessionId: auth.sessionId, actor: { role: 'facilitator' } };
      if (auth.role === 'participant') return { sessionId: auth.sessionId, actor: { role: 'participant', participantId: auth.participantId } };
      throw new AppError('NOT_JOINED', 'Primero debes unirte a la sesión con su código.');
    };
    const facilitated = (): string => {
      const auth = socket.data.auth;
      if (auth.role !== 'facilitator') throw new AppError('FORBIDDEN', 'Esta acción es solo para quien facilita la sesión.');
      return auth.sessionId;
    };

    socket.on(
      'synthesis:save',
      handler(SynthesisSavePayloadSchema, log, (p) => {
        const { sessionId, actor } = writer();
        if (!saves.take(`${p.activityId}:${p.salaId}`)) throw new AppError('RATE_LIMITED', 'Demasiados guardados seguidos. Espera un momento.');
        return syntheses.save(sessionId, actor, p);
      }),
    );
    socket.on(
      'synthesis:submit',
      handler(SynthesisSubmitPayloadSchema, log, (p) => {
        const { sessionId, actor } = writer();
        return syntheses.submit(sessionId, actor, p.activityId, p.salaId, p.version);
      }),
    );
    socket.on('synthesis:reopen', handler(SynthesisReopenPayloadSchema, log, (p) => syntheses.reopen(facilitated(), p.activityId, p.salaId)));
    socket.on('synthesis:hide', handler(SynthesisHidePayloadSchema, log, (p) => syntheses.hide(facilitated(), p.activityId, p.salaId, p.hidden)));
    socket.on('synthesis:timer', handler(SynthesisTimerPayloadSchema, log, (p) => syntheses.timer(facilitated(), p)));
    socket.on('plenary:focus', handler(PlenaryFocusPayloadSchema, log, (p) => syntheses.focus(facilitated(), p)));
  };
}
