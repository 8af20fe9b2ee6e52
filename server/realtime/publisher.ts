import { PUBLISH_INTERVAL_MS } from '../../shared/limits.ts';
import type { BreakoutView } from '../../shared/types.ts';
import type { SessionState } from '../domain/session-state.ts';
import type { Publisher } from '../services/publisher.ts';
import { rooms } from './rooms.ts';
import type { RealtimeServer } from './types.ts';

interface Pending {
  live: boolean;
  activities: Set<string>;
  breakouts: Set<string>;
  /** Cancels the scheduled flush; null when none is scheduled. */
  cancel: (() => void) | null;
  lastFlushAt: number;
}

/**
 * Publishes session changes over Socket.IO, coalesced per session: the first change after a
 * quiet spell goes out at the end of the current turn (leading edge), later ones wait for the
 * interval, so a burst of answers costs at most one message per interval whatever the rate.
 */
export class SocketPublisher implements Publisher {
  readonly #pending = new Map<string, Pending>();

  constructor(
    private readonly io: RealtimeServer,
    private readonly stateOf: (sessionId: string) => SessionState,
    private readonly breakoutOf: (sessionId: string, activityId: string) => BreakoutView,
    private readonly intervalMs: number = PUBLISH_INTERVAL_MS,
  ) {}

  liveChanged(sessionId: string): void {
    this.#entry(sessionId).live = true;
    this.#schedule(sessionId);
  }

  resultsChanged(sessionId: string, activityId: string): void {
    this.#entry(sessionId).activities.add(activityId);
    this.#schedule(sessionId);
  }

  breakoutChanged(sessionId: string, activityId: string): void {
    this.#entry(sessionId).breakouts.add(activityId);
    this.#schedule(sessionId);
  }

  /** Stops pending timers (at shutdown). */
  close(): void {
    for (const entry of this.#pending.values()) this.#clear(entry);
    this.#pending.clear();
  }

  #entry(sessionId: string): Pending {
    let entry = this.#pending.get(sessionId);
    if (!entry) {
      entry = { live: false, activities: new Set(), breakouts: new Set(), cancel: null, lastFlushAt: 0 };
      this.#pending.set(sessionId, entry);
    }
    return entry;
  }

  #schedule(sessionId: string): void {
    const entry = this.#entry(sessionId);
    if (entry.cancel) return;
    const wait = entry.lastFlushAt + this.intervalMs - Date.now();
    if (wait <= 0) {
      const immediate = setImmediate(() => this.#flush(sessionId));
      entry.cancel = () => clearImmediate(immediate);
    } else {
      const timeout = setTimeout(() => this.#flush(sessionId), wait);
      entry.cancel = () => clearTimeout(timeout);
    }
  }

  #clear(entry: Pending): void {
    entry.cancel?.();
    entry.cancel = null;
  }

  #flush(sessionId: string): void {
    const entry = this.#pending.get(sessionId);
    if (!entry) return;
    entry.cancel = null;
    entry.lastFlushAt = Date.now();
    const state = this.stateOf(sessionId);
    if (entry.live) this.io.to(rooms.session(sessionId)).emit('session:live', state.live());
    for (const activityId of entry.activities) {
      const results = state.results(activityId);
      if (!results) continue;
      const update = { activityId, results };
      this.io.to(rooms.facilitators(sessionId)).emit('results:updated', update);
      if (state.resultsPublicFor(activityId)) this.io.to(rooms.participants(sessionId)).emit('results:updated', update);
    }
    for (const activityId of entry.breakouts) {
      this.io.to(rooms.session(sessionId)).emit('breakout:updated', this.breakoutOf(sessionId, activityId));
    }
    entry.breakouts.clear();
    entry.live = false;
    entry.activities.clear();
  }
}
