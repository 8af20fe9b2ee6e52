import type { AuditActor } from '../../shared/audit.ts';

/**
 * What a node of a cluster tells the others about a session through PostgreSQL (LISTEN/NOTIFY,
 * server/db/postgres/session-notices.ts; docs/deploy.md "Removal across nodes"). Rare events only.
 * - `removed`: the session was deleted (sent by the deletion's own transaction, at its commit).
 *   Its owner drops it from memory and tells its phones and screens.
 * - `retention`: the retention period expired it, and the node sweeping does not own it. Its
 *   owner removes the participant data itself, from the state it holds.
 * - `wanted`: HAProxy keeps sending the session's connections to another node, which keeps
 *   refusing them (server/services/handover.ts). Its owner disconnects its sockets and lets it go.
 */
export type SessionNotice =
  { kind: 'removed'; sessionId: string } | { kind: 'retention'; sessionId: string; by: AuditActor } | { kind: 'wanted'; sessionId: string };

/** What the services need of a node's ownership in a cluster (PostgreSQL); null on SQLite, where the one process owns every session. */
export interface SessionOwnership {
  /** Takes the session for this node; SESSION_MOVED when another node holds it. */
  claim(sessionId: string): Promise<void>;
  /** The sessions this node owns now. */
  owned(): string[];
  /** Gives the session up, so that another node may take it. */
  release(sessionId: string): Promise<void>;
  /** Told the sessions lost at once when the owner connection ends (their locks went with it). */
  onLost(listener: (sessionIds: string[]) => void): void;
  /** Sends a notice to every node (this one too). */
  tell(notice: SessionNotice): Promise<void>;
  /** Told every notice any node sends. */
  onNotice(listener: (notice: SessionNotice) => void): void;
  /**
   * Runs `work` while no other node runs work of the same name (a PostgreSQL advisory lock).
   * When another node holds it: waits for it with `wait`, otherwise skips and returns null.
   */
  alone<T>(name: string, work: () => Promise<T>, options: { wait: boolean }): Promise<T | null>;
}
