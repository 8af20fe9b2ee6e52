import { AppError } from '../../shared/errors.ts';
import { LIMITS } from '../../shared/limits.ts';
import { AgencySetPayloadSchema, AnswerSubmitPayloadSchema, JoinPayloadSchema } from '../../shared/schemas.ts';
import type { JoinGuesses } from '../domain/join-guesses.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import type { AnswerService } from '../services/answer-service.ts';
import type { Presence } from '../services/presence.ts';
import type { SessionService } from '../services/session-service.ts';
import { handler, type HandlerLogger, type HandlerTable } from './handle.ts';
import { joinedParticipant } from './roles.ts';
import { assertRoutedTo, type RoutingRefusals } from './routing.ts';
import { rooms } from './rooms.ts';
import type { RealtimeSocket } from './types.ts';
import { lookUpJoin } from '../services/join-lookup.ts';

export interface ParticipantHandlerDeps {
  sessions: SessionService;
  answers: AnswerService;
  presence: Presence;
  joinGuesses: JoinGuesses;
  /** A node of a cluster: a join must come on a connection that names its session. */
  clustered: boolean;
  /** Counts the joins refused with SESSION_MOVED, for /healthz. */
  refusals: RoutingRefusals;
  log: HandlerLogger;
}

const rateLimited = () => new AppError('RATE_LIMITED', 'Demasiados intentos seguidos. Espera un momento y vuelve a intentarlo.');

/** The participant handlers; rate limits are shared by every socket of the server. */
export function participantHandlers(deps: ParticipantHandlerDeps) {
  // Joins are limited per participant token (a whole agency may share one IP address);
  // a first join has no token yet and is limited per connection. Guessing codes is limited
  // apart, by misses (deps.joinGuesses), per connection, per address and for everyone.
  const joins = new RateLimiter(LIMITS.joinsPerMinute, 60_000);
  const answers = new RateLimiter(LIMITS.answersPer10Seconds, 10_000);

  return {
    'session:join': handler(JoinPayloadSchema, deps.log, async (payload, socket) => {
      if (socket.data.auth.role === 'facilitator')
        throw new AppError('FORBIDDEN', 'Una conexión de facilitación no puede unirse como participante.');
      if (!joins.take(payload.participantToken ? `t:${payload.participantToken}` : `s:${socket.id}`)) throw rateLimited();
      const connectionSpent = socket.data.joinMisses >= LIMITS.joinMissesPerConnection;
      const lookup = await lookUpJoin(
        () => deps.sessions.findForJoin(payload),
        (found) => deps.sessions.joinProof(found.sessionId, payload),
      );
      try {
        deps.joinGuesses.check(socket.data.address, lookup.find, {
          proof: lookup.proof,
          connectionSpent,
          onMiss: () => (socket.data.joinMisses += 1),
        });
      } catch (error) {
        // After the refusal's ack has gone out: a guesser must pay for a new connection.
        if (connectionSpent) setImmediate(() => socket.disconnect(true));
        throw error;
      }
      const joined = await deps.refusals.counted(() => {
        if (deps.clustered) assertRoutedTo(socket, lookup.find().sessionId);
        return deps.sessions.join(payload);
      });
      // A closed session, seen again by one of its participants: a snapshot, and nothing to follow.
      if (joined.readOnly) return { participantToken: joined.participantToken, snapshot: joined.snapshot };
      deps.joinGuesses.joined(socket.data.address, joined.sessionId);
      // A new participant waits for its commit; a phone gone meanwhile is not counted present.
      if (socket.disconnected) return { participantToken: joined.participantToken, snapshot: joined.snapshot };
      const previous = socket.data.auth;
      const same = previous.role === 'participant' && previous.participantId === joined.participantId;
      if (previous.role === 'participant' && !same) {
        deps.presence.disconnected(previous.sessionId, previous.participantId);
        if (previous.sessionId !== joined.sessionId) {
          void socket.leave(rooms.session(previous.sessionId));
          void socket.leave(rooms.participants(previous.sessionId));
        }
      }
      if (!same) deps.presence.connected(joined.sessionId, joined.participantId);
      socket.data.auth = { role: 'participant', sessionId: joined.sessionId, participantId: joined.participantId };
      if (previous.role === 'participant' && !same) void socket.leave(rooms.participant(previous.participantId));
      void socket.join([rooms.session(joined.sessionId), rooms.participants(joined.sessionId), rooms.participant(joined.participantId)]);
      return { participantToken: joined.participantToken, snapshot: joined.snapshot };
    }),

    'participant:agency': handler(AgencySetPayloadSchema, deps.log, (payload, socket) => {
      const me = joinedParticipant(socket);
      if (!joins.take(`a:${me.participantId}`)) throw rateLimited();
      return deps.sessions.setAgency(me.sessionId, me.participantId, payload.agency);
    }),

    'answer:submit': handler(AnswerSubmitPayloadSchema, deps.log, (payload, socket) => {
      const me = joinedParticipant(socket);
      if (!answers.take(me.participantId)) throw rateLimited();
      return deps.answers.submit(me.sessionId, me.participantId, payload);
    }),
  } satisfies Partial<HandlerTable>;
}

/** A participant's socket closed: they count as gone once their last socket has. */
export function participantDisconnected(presence: Presence, socket: RealtimeSocket): void {
  const auth = socket.data.auth;
  if (auth.role === 'participant') presence.disconnected(auth.sessionId, auth.participantId);
}
