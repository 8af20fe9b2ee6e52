/**
 * This device's estimate of the server's clock, fed by the `serverNow` of every breakout view
 * received (snapshots, acks, `breakout:updated`). Countdowns read `offsetMs` so phones and
 * the projector agree on the time left, whatever their own clocks say.
 */
import { addOffsetSample, estimateOffset, offsetSample } from './clock.ts';

export class ServerClock {
  #samples: number[] = [];
  #offsetMs = $state(0);

  /** Server clock minus this device's clock, in milliseconds. */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** Records a message stamped `serverNow` by the server and received now. */
  observe = (serverNow: number, receivedAt: number = Date.now()): void => {
    this.#samples = addOffsetSample(this.#samples, offsetSample(serverNow, receivedAt));
    const next = estimateOffset(this.#samples);
    if (next !== this.#offsetMs) this.#offsetMs = next;
  };
}
