import { Compile } from 'typebox/compile';
import { AppError } from '../../shared/errors.ts';
import { EmptyPayloadSchema, FacilitatorAuthSchema } from '../../shared/schemas.ts';
import type { SessionService } from '../services/session-service.ts';
import type { AgendaService } from '../services/agenda-service.ts';
import type { AnswerService } from '../services/answer-service.ts';
import type { BreakoutService } from '../services/breakout-service.ts';
import type { Presence } from '../services/presence.ts';
import { breakoutHandlers } from './breakout-handlers.ts';
import { synthesisHandlers } from './synthesis-handlers.ts';
import type { SynthesisService } from '../services/synthesis-service.ts';
import { facilitatorHandlers } from './facilitator-handlers.ts';
import { handler, type HandlerLogger } from './handle.ts';
import { participantHandlers } from './participant-handlers.ts';
import { rooms } from './rooms.ts';
import type { RealtimeServer } from './types.ts';

export interface ConnectionDeps {
  sessions: SessionService;
  answers: AnswerService;
  agenda: AgendaService;
  breakouts: BreakoutService;
  syntheses: SynthesisService;
  presence: Presence;
  log: HandlerLogger;
}

const checkFacilitatorAuth = Compile(FacilitatorAuthSchema);

/**
 * Authorises sockets and registers every handler. A facilitator proves the session's secret
 * in the handshake `auth` (never in a URL) and gets a full snapshot at once; anyone else
 * starts anonymous and becomes a participant by `session:join`.
 */
export function registerConnections(io: RealtimeServer, deps: ConnectionDeps): void {
  io.use((socket, next) => {
    const auth: unknown = socket.handshake.auth;
    socket.data.rateKey = socket.id;
    const empty = auth === undefined || auth === null || (typeof auth === 'object' && Object.keys(auth).length === 0);
    if (empty) {
      socket.data.auth = { role: 'anonymous' };
      return next();
    }
    if (!checkFacilitatorAuth.Check(auth) || !deps.sessions.isFacilitator(auth.sessionId, auth.facilitatorToken)) {
      const error = new Error('UNAUTHORIZED') as Error & { data: unknown };
      error.data = new AppError('UNAUTHORIZED', 'No tienes acceso a esta sesión. Revisa el enlace de facilitación.').toBody();
      return next(error);
    }
    socket.data.auth = { role: 'facilitator', sessionId: auth.sessionId };
    next();
  });

  const registerParticipant = participantHandlers(deps);
  const registerFacilitator = facilitatorHandlers(deps);
  const registerBreakout = breakoutHandlers(deps);
  const registerSynthesis = synthesisHandlers(deps);

  io.on('connection', (socket) => {
    registerParticipant(socket);
    registerFacilitator(socket);
    registerBreakout(socket);
    registerSynthesis(socket);
    socket.on(
      'session:sync',
      handler(EmptyPayloadSchema, deps.log, () => {
        const auth = socket.data.auth;
        if (auth.role === 'facilitator') return deps.sessions.facilitatorSnapshot(auth.sessionId);
        if (auth.role === 'participant') return deps.sessions.participantSnapshot(auth.sessionId, auth.participantId);
        throw new AppError('NOT_JOINED', 'Primero debes unirte a la sesión con su código.');
      }),
    );

    const auth = socket.data.auth;
    if (auth.role === 'facilitator') {
      void socket.join([rooms.session(auth.sessionId), rooms.facilitators(auth.sessionId)]);
      socket.emit('session:snapshot', deps.sessions.facilitatorSnapshot(auth.sessionId));
    }
  });
}
