import { AppError } from '../../shared/errors.ts';
import type { FacilitatorScreen } from '../../shared/types.ts';
import type { RealtimeSocket } from './types.ts';

/** The session this socket facilitates; anyone else is refused. */
export function facilitatedSession(socket: RealtimeSocket): string {
  const auth = socket.data.auth;
  if (auth.role !== 'facilitator') throw new AppError('FORBIDDEN', 'Esta acción es solo para quien facilita la sesión.');
  return auth.sessionId;
}

/** Which facilitator screen this socket is (only asked of a socket `facilitatedSession` let through). */
export function facilitatorScreen(socket: RealtimeSocket): FacilitatorScreen {
  const auth = socket.data.auth;
  return auth.role === 'facilitator' ? auth.screen : 'presenter';
}

/** The participant behind this socket; a socket that has not joined is refused. */
export function joinedParticipant(socket: RealtimeSocket): { sessionId: string; participantId: string } {
  const auth = socket.data.auth;
  if (auth.role !== 'participant') throw new AppError('NOT_JOINED', 'Primero debes unirte a la sesión con su código.');
  return auth;
}
