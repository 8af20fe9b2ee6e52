import { PUBLISH_INTERVAL_MS } from '../../shared/limits.ts';
import type { CommitmentTally } from '../../shared/commitment.ts';
import { rooms } from './rooms.ts';
import type { RealtimeServer } from './types.ts';

/**
 * Sends a commitment activity's counts to the session's facilitator screens (the console and
 * the projector; phones show none, so they are spared the traffic), coalesced: the writes of a
 * whole room in one interval cost one message, with the counts as they are when it goes.
 * Counts only: a text never goes through here.
 */
export class CommitmentPublisher {
  readonly #pending = new Map<string, Set<string>>();
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly io: RealtimeServer,
    private readonly tallyOf: (sessionId: string, activityId: string) => Promise<CommitmentTally>,
  ) {}

  publish(sessionId: string, activityId: string): void {
    const activities = this.#pending.get(sessionId) ?? new Set<string>();
    activities.add(activityId);
    this.#pending.set(sessionId, activities);
    this.#timer ??= setTimeout(() => void this.#flush(), PUBLISH_INTERVAL_MS).unref();
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending.clear();
  }

  async #flush(): Promise<void> {
    this.#timer = null;
    const pending = [...this.#pending];
    this.#pending.clear();
    for (const [sessionId, activities] of pending) {
      for (const activityId of activities) {
        try {
          this.io.to(rooms.facilitators(sessionId)).emit('commitment:tally', await this.tallyOf(sessionId, activityId));
        } catch {
          // The session or the activity was deleted meanwhile: nobody is left to tell.
        }
      }
    }
  }
}
