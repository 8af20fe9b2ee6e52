import { COMMITMENT_LIMITS } from '../../shared/commitment.ts';
import {
  CommitmentFindPayloadSchema,
  CommitmentReviewPayloadSchema,
  CommitmentTallyPayloadSchema,
  CommitmentWritePayloadSchema,
} from '../../shared/commitment-schemas.ts';
import { AppError } from '../../shared/errors.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import type { CommitmentService } from '../services/commitment-service.ts';
import { handler, type HandlerLogger, type HandlerTable } from './handle.ts';
import { joinedParticipant } from './roles.ts';
import type { RealtimeSocket } from './types.ts';

export interface CommitmentHandlerDeps {
  commitments: CommitmentService;
  log: HandlerLogger;
}

const rateLimited = () => new AppError('RATE_LIMITED', 'Demasiados intentos seguidos. Espera un momento y vuelve a intentarlo.');

/** The session of anyone in it: a facilitator screen or a joined participant. */
function sessionOf(socket: RealtimeSocket): string {
  const auth = socket.data.auth;
  return auth.role === 'facilitator' ? auth.sessionId : joinedParticipant(socket).sessionId;
}

/**
 * Commitments over sockets. Writing, finding and answering are a joined participant's own (a
 * facilitator socket is refused: it speaks for nobody's commitment); look-ups by key or code are
 * limited per participant, so a short code cannot be found by trying.
 */
export function commitmentHandlers(deps: CommitmentHandlerDeps) {
  const { commitments, log } = deps;
  const writes = new RateLimiter(COMMITMENT_LIMITS.writesPer10Seconds, 10_000);
  const lookUps = new RateLimiter(COMMITMENT_LIMITS.findsPerMinute, 60_000);
  const participant = (socket: RealtimeSocket) => {
    if (socket.data.auth.role === 'facilitator') throw new AppError('FORBIDDEN', 'Los compromisos los escribe y retoma cada participante.');
    return joinedParticipant(socket);
  };
  return {
    'commitment:write': handler(CommitmentWritePayloadSchema, log, (payload, socket) => {
      const me = participant(socket);
      if (!writes.take(me.participantId)) throw rateLimited();
      return commitments.write(me.sessionId, me.participantId, payload);
    }),
    'commitment:find': handler(CommitmentFindPayloadSchema, log, (payload, socket) => {
      const me = participant(socket);
      if (!lookUps.take(me.participantId)) throw rateLimited();
      return commitments.find(me.sessionId, payload);
    }),
    'commitment:review': handler(CommitmentReviewPayloadSchema, log, (payload, socket) => {
      const me = participant(socket);
      if (!lookUps.take(me.participantId)) throw rateLimited();
      return commitments.review(me.sessionId, me.participantId, payload);
    }),
    'commitment:tally': handler(CommitmentTallyPayloadSchema, log, (payload, socket) =>
      commitments.tally(sessionOf(socket), payload.activityId),
    ),
  } satisfies Partial<HandlerTable>;
}
