/**
 * The device's clock as reactive state, for countdowns: reading `now.ms` in markup or a
 * `$derived` re-renders it a few times a second, and the interval runs only while something
 * reads it (no timer left ticking on screens without a countdown).
 */
import { createSubscriber } from 'svelte/reactivity';

/** A quarter of a second: the displayed second changes on time without busy re-rendering. */
const TICK_MS = 250;

class Now {
  #subscribe = createSubscriber((update) => {
    const timer = setInterval(update, TICK_MS);
    return () => clearInterval(timer);
  });

  get ms(): number {
    this.#subscribe();
    return Date.now();
  }
}

export const now = new Now();
