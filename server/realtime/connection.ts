import { Compile } from 'typebox/compile';
import { AppError } from '../../shared/errors.ts';
import { EmptyPayloadSchema, FacilitatorAuthSchema } from '../../shared/schemas.ts';
import type { SessionService } from '../services/session-service.ts';
import type { SessionStore } from '../services/session-store.ts';
import type { AgendaService } from '../services/agenda-service.ts';
import type { AnswerService } from '../services/answer-service.ts';
import type { BreakoutService } from '../services/breakout-service.ts';
import type { JoinGuesses } from '../domain/join-guesses.ts';
import type { Presence } from '../services/presence.ts';
import { breakoutHandlers } from './breakout-handlers.ts';
import { commitmentHandlers } from './commitment-handlers.ts';
import type { CommitmentService } from '../services/commitment-service.ts';
import { synthesisHandlers } from './synthesis-handlers.ts';
import { experienceHandlers } from './experience-handlers.ts';
import type { ExperienceService } from '../services/experience-service.ts';
import { turnHandlers } from './turn-handlers.ts';
import { qaHandlers } from './qa-handlers.ts';
import type { QaService } from '../services/qa-service.ts';
import type { TurnService } from '../services/turn-service.ts';
import type { SynthesisService } from '../services/synthesis-service.ts';
import { facilitatorHandlers } from './facilitator-handlers.ts';
import { handler, toErrorBody, type HandlerLogger, type HandlerTable, type SocketHandler } from './handle.ts';
import { participantDisconnected, participantHandlers } from './participant-handlers.ts';
import { clientAddress } from './client-address.ts';
import { rooms } from './rooms.ts';
import { assertRoutedTo, type RoutingRefusals } from './routing.ts';
import { ROUTING_PARAM } from '../../shared/routing.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { RealtimeServer, RealtimeSocket } from './types.ts';

export interface ConnectionDeps {
  store: Pick<SessionStore, 'open'>;
  sessions: SessionService;
  answers: AnswerService;
  agenda: AgendaService;
  breakouts: BreakoutService;
  syntheses: SynthesisService;
  experiences: ExperienceService;
  turns: TurnService;
  commitments: CommitmentService;
  qa: QaService;
  presence: Presence;
  joinGuesses: JoinGuesses;
  /** Times and counts acknowledgements for /metrics; null when metrics are off. */
  metrics: Metrics | null;
  /** A node of a cluster: a connection must name its session (realtime/routing.ts). */
  clustered: boolean;
  /** Counts the joins and handshakes refused with SESSION_MOVED, for /healthz. */
  refusals: RoutingRefusals;
  /** Reverse proxies in front (TRUST_PROXY), to read the client's address from the handshake. */
  trustedProxies: number;
  log: HandlerLogger;
}

const checkFacilitatorAuth = Compile(FacilitatorAuthSchema);

/** Longer than any session id: a longer name in a handshake is no session's, and makes no room. */
const MAX_ROUTED_ID = 64;

/**
 * Authorises sockets and registers every handler. A facilitator proves the session's secret
 * in the handshake `auth` (never in a URL), says which screen it is (the presenter screen gets
 * no presenter notes unless asked) and gets a full snapshot at once; anyone else starts
 * anonymous and becomes a participant by `session:join`.
 */
export function registerConnections(io: RealtimeServer, deps: ConnectionDeps): void {
  // A refusal carries its error body (`data`); a failure inside (PostgreSQL unreachable while it
  // restarts) is logged and refused as INTERNAL, which the client takes for a lost connection.
  io.use((socket, next) => {
    authorise(socket).then(
      () => next(),
      (error: unknown) => {
        const body = toErrorBody(error, deps.log);
        next(Object.assign(new Error(body.code), { data: body }));
      },
    );
  });

  /** Anonymous, or a facilitator screen of an existing session (opened, so that its state is in memory). */
  async function authorise(socket: RealtimeSocket): Promise<void> {
    const auth: unknown = socket.handshake.auth;
    socket.data.address = clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], deps.trustedProxies);
    socket.data.joinMisses = 0;
    const empty = auth === undefined || auth === null || (typeof auth === 'object' && Object.keys(auth).length === 0);
    if (empty) {
      socket.data.auth = { role: 'anonymous' };
      return;
    }
    if (!checkFacilitatorAuth.Check(auth) || !(await deps.sessions.isFacilitator(auth.sessionId, auth.facilitatorToken)))
      throw new AppError('UNAUTHORIZED', 'No tienes acceso a esta sesión. Revisa el enlace de facilitación.');
    await deps.refusals.counted(async () => {
      if (deps.clustered) assertRoutedTo(socket, auth.sessionId);
      await deps.store.open(auth.sessionId);
    });
    socket.data.auth = { role: 'facilitator', sessionId: auth.sessionId, screen: auth.screen ?? 'console' };
  }

  const handlers = new Map<string, SocketHandler>(
    Object.entries({
      ...participantHandlers(deps),
      ...facilitatorHandlers(deps),
      ...breakoutHandlers(deps),
      ...synthesisHandlers(deps),
      ...experienceHandlers(deps),
      ...turnHandlers(deps),
      ...commitmentHandlers(deps),
      ...qaHandlers(deps),
      'session:sync': handler(EmptyPayloadSchema, deps.log, (_, socket) => {
        const auth = socket.data.auth;
        if (auth.role === 'facilitator') return deps.sessions.facilitatorSnapshot(auth.sessionId, auth.screen);
        if (auth.role === 'participant') return deps.sessions.participantSnapshot(auth.sessionId, auth.participantId);
        throw new AppError('NOT_JOINED', 'Primero debes unirte a la sesión con su código.');
      }),
    } satisfies HandlerTable),
  );
  // One function for every socket and event (Socket.IO calls it with the socket as `this`):
  // no listener per event and socket. A Map, so an event named like an Object method is unknown.
  // The ack callback is the last argument, so an event sent with an ack and no payload (or with
  // several) has it where the payload should be: it is answered as a payload that does not fit.
  function dispatch(this: RealtimeSocket, event: string, ...args: unknown[]): void {
    const handle = handlers.get(event);
    if (!handle) return;
    const ack = args.at(-1);
    handle(
      this,
      args.length === 2 ? args[0] : undefined,
      deps.metrics && typeof ack === 'function' ? deps.metrics.timedAck(event, ack as (reply: never) => void) : ack,
    );
  }

  io.on('connection', (socket) => {
    socket.onAny(dispatch);
    // In a cluster a connection counts for the session it names from its handshake on, before
    // its join, so that the node does not let the session go under a join on its way.
    const named = socket.handshake.query[ROUTING_PARAM];
    if (deps.clustered && typeof named === 'string' && named.length <= MAX_ROUTED_ID) void socket.join(rooms.routed(named));
    socket.on('disconnect', () => participantDisconnected(deps.presence, socket));
    const auth = socket.data.auth;
    if (auth.role === 'facilitator') {
      const screen = auth.screen === 'presenter' ? rooms.presenters(auth.sessionId) : rooms.consoles(auth.sessionId);
      void socket.join([rooms.session(auth.sessionId), rooms.facilitators(auth.sessionId), screen]);
      socket.emit('session:snapshot', deps.sessions.facilitatorSnapshot(auth.sessionId, auth.screen));
    }
  });
}
