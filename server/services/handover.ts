/**
 * When to hand a session over to the node HAProxy sends it to (issue 18). HAProxy decides where a
 * session's connections go, and the session's lock in PostgreSQL decides which node serves it.
 * They can disagree for good: a node kept busy or killed and restarted fails its health checks, a
 * session is redispatched, and some of its phones land on one node while HAProxy keeps sending
 * the rest to another (it does not cut the WebSockets it opened before). The node that was sent
 * them refuses every join with SESSION_MOVED, and the owner, with sockets still connected, never
 * lets the session go by itself (IdleRelease waits for none to be left).
 *
 * So ownership follows routing: a node that keeps refusing a session asks its owner for it (a
 * `wanted` notice, server/services/cluster.ts), and the owner disconnects the session's sockets
 * and lets it go. Their reconnections and the next knock all go where HAProxy sends them now.
 * A single stray connection (an operator's, straight to a node) asks nothing.
 */
export const KNOCK_POLICY = {
  /** Refusals of the same session before this node asks for it… */
  knocks: 3,
  /** …spread over at least this long (Socket.IO's reconnections come about a second apart)… */
  sustainMs: 2_000,
  /** …with no gap longer than this between two of them (a longer one starts the count again). */
  quietMs: 10_000,
  /** After asking, the node asks again at most this often while the refusals go on. */
  askEveryMs: 10_000,
} as const;

interface Knocks {
  firstAt: number;
  lastAt: number;
  count: number;
  askedAt: number | null;
}

/** Counts a node's SESSION_MOVED refusals per session and says when to ask the owner for one. */
export class KnockCounter {
  readonly #knocks = new Map<string, Knocks>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** A join or handshake of the session was refused here because another node holds it: whether to ask for it now. */
  refused(sessionId: string): boolean {
    const at = this.#now();
    this.#forgetQuiet(at);
    const knocks = this.#knocks.get(sessionId) ?? { firstAt: at, lastAt: at, count: 0, askedAt: null };
    knocks.count += 1;
    knocks.lastAt = at;
    this.#knocks.set(sessionId, knocks);
    const sustained = knocks.count >= KNOCK_POLICY.knocks && at - knocks.firstAt >= KNOCK_POLICY.sustainMs;
    if (!sustained || (knocks.askedAt !== null && at - knocks.askedAt < KNOCK_POLICY.askEveryMs)) return false;
    knocks.askedAt = at;
    return true;
  }

  /** The session is served here now: its refusals are over. */
  claimed(sessionId: string): void {
    this.#knocks.delete(sessionId);
  }

  #forgetQuiet(at: number): void {
    for (const [sessionId, knocks] of this.#knocks) if (at - knocks.lastAt > KNOCK_POLICY.quietMs) this.#knocks.delete(sessionId);
  }
}

export interface HandoverDeps {
  /** Whether this node owns the session now. */
  owns: (sessionId: string) => boolean;
  /** Disconnects the session's sockets on this node (they reconnect through HAProxy). */
  disconnect: (sessionId: string) => void;
  /** Lets the session go if no socket of it is connected (written, in its turn, lock released); whether it went. */
  letGo: (sessionId: string) => Promise<boolean>;
}

/** The owner's side: a `wanted` notice for a session it owns makes it give the session up. */
export class Handover {
  readonly #deps: HandoverDeps;
  #count = 0;

  constructor(deps: HandoverDeps) {
    this.#deps = deps;
  }

  /** Sessions this node gave up because another node was sent their connections (/healthz `handedOver`). */
  get count(): number {
    return this.#count;
  }

  /** Another node asked for the session: whether this node gave it up (not when it does not own it, or a socket came back first). */
  async wanted(sessionId: string): Promise<boolean> {
    if (!this.#deps.owns(sessionId)) return false;
    this.#deps.disconnect(sessionId);
    const gone = await this.#deps.letGo(sessionId);
    if (gone) this.#count += 1;
    return gone;
  }
}
