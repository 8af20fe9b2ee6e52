/** The one place that names Socket.IO rooms. */
export const rooms = {
  /** Everyone in a session: facilitators and participants. */
  session: (sessionId: string) => `s:${sessionId}`,
  facilitators: (sessionId: string) => `s:${sessionId}:f`,
  participants: (sessionId: string) => `s:${sessionId}:p`,
  /** One participant's sockets (every tab and device), for what only they may see. */
  participant: (participantId: string) => `p:${participantId}`,
};
