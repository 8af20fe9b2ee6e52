/**
 * Which participants are connected now, per session (sockets counted, so a second tab does not
 * make someone absent when the first closes). Memory only: presence is not worth a write.
 */
export class Presence {
  readonly #sockets = new Map<string, Map<string, number>>();

  connected(sessionId: string, participantId: string): void {
    const session = this.#sockets.get(sessionId) ?? new Map<string, number>();
    session.set(participantId, (session.get(participantId) ?? 0) + 1);
    this.#sockets.set(sessionId, session);
  }

  disconnected(sessionId: string, participantId: string): void {
    const session = this.#sockets.get(sessionId);
    const count = session?.get(participantId);
    if (!session || count === undefined) return;
    if (count <= 1) session.delete(participantId);
    else session.set(participantId, count - 1);
  }

  isConnected(sessionId: string, participantId: string): boolean {
    return this.#sockets.get(sessionId)?.has(participantId) ?? false;
  }
}
