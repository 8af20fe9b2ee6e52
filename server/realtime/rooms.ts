/** The one place that names Socket.IO rooms. */
export const rooms = {
  /** Everyone in a session: facilitators and participants. */
  session: (sessionId: string) => `s:${sessionId}`,
  facilitators: (sessionId: string) => `s:${sessionId}:f`,
  participants: (sessionId: string) => `s:${sessionId}:p`,
  /** Facilitator sockets of the presenter screen (projected): they get the notes only when asked. */
  presenters: (sessionId: string) => `s:${sessionId}:pr`,
  /** Every other facilitator socket (console, agenda editor): they get the activities' notes. */
  consoles: (sessionId: string) => `s:${sessionId}:c`,
  /** One participant's sockets (every tab and device), for what only they may see. */
  participant: (participantId: string) => `p:${participantId}`,
  /**
   * In a cluster, every socket whose handshake named the session (`?session=`), joined yet or
   * not: while one is connected, the node keeps the session in memory (services/idle-release.ts).
   */
  routed: (sessionId: string) => `r:${sessionId}`,
};

/** The session a routing room (`rooms.routed`) is named after, or null for any other room. */
export function sessionRoutedBy(room: string): string | null {
  return room.startsWith('r:') ? room.slice(2) : null;
}

/** The session whose everyone-room this is (`rooms.session`), or null for any other room. */
export function sessionOfRoom(room: string): string | null {
  return /^s:[^:]+$/.test(room) ? room.slice(2) : null;
}
