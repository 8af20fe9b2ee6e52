import type { SessionPart } from './session-store.ts';

/**
 * How long a node keeps a session no socket of it is connected to before letting it go, by
 * default. Long enough that phones reconnecting after a network blip, a reload or a node
 * restart elsewhere find it still here (they come back within seconds); short enough that after
 * HAProxy loses its stick table (a restart), the node the hash now names can take the session
 * instead of refusing it for good (docs/deploy.md#6-several-nodes-haproxy-and-postgresql).
 */
export const IDLE_RELEASE_MS = 30_000;

export interface IdleReleaseDeps {
  /** Time from the session's last socket leaving (or its load with none) to its release. */
  delayMs: number;
  /** Whether no socket of the session is connected to this node now. */
  isIdle: (sessionId: string) => boolean;
  /** Lets the session go (its batches written, in its turn, lock released); see services.ts. */
  release: (sessionId: string) => Promise<void>;
  /** Where a failed release is reported (the app's logger): the session stays owned. */
  onError: (sessionId: string, error: unknown) => void;
}

/**
 * In a cluster, a node gives up a session once no socket of it has been connected for a while
 * (issue 18): otherwise a session that moved in a failover would stay on its new node for good,
 * and once HAProxy forgot where it was (a restart), every request the hash sends to another node
 * would be refused with SESSION_MOVED. A part of every session (`SessionStore.attach`), so that
 * a session loaded with no socket (an HTTP route) is let go too, and a dropped one is not.
 */
export class IdleRelease implements SessionPart {
  readonly #deps: IdleReleaseDeps;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  /** The sessions in memory: only those are ever waited on (a handshake may name anything). */
  readonly #loaded = new Set<string>();

  constructor(deps: IdleReleaseDeps) {
    this.#deps = deps;
  }

  /** The session was loaded: with no socket connected yet, its wait starts now. */
  load(sessionId: string): Promise<void> {
    this.#loaded.add(sessionId);
    this.left(sessionId);
    return Promise.resolve();
  }

  /** The session's last socket on this node left: it goes after the delay unless one comes back. */
  left(sessionId: string): void {
    if (!this.#loaded.has(sessionId) || this.#timers.has(sessionId) || !this.#deps.isIdle(sessionId)) return;
    const timer = setTimeout(() => {
      this.#timers.delete(sessionId);
      this.#deps.release(sessionId).catch((error: unknown) => this.#deps.onError(sessionId, error));
    }, this.#deps.delayMs);
    timer.unref();
    this.#timers.set(sessionId, timer);
  }

  /** A socket of the session is connected again: it is kept. */
  joined(sessionId: string): void {
    clearTimeout(this.#timers.get(sessionId));
    this.#timers.delete(sessionId);
  }

  /** The session left memory (`SessionStore.drop`: released, or its lock lost): nothing is left to release. */
  forget(sessionId: string): void {
    this.#loaded.delete(sessionId);
    this.joined(sessionId);
  }

  close(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
