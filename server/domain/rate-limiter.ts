/**
 * Token buckets per key: `capacity` requests at once, refilled evenly over `windowMs`.
 * The clock is passed in so the rule is tested without waiting.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; updatedAt: number }>();
  #prunedAt = 0;

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for key; false when the key has none left (the request is refused). */
  take(key: string): boolean {
    const now = this.now();
    const bucket = this.#refilled(key, now);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.#buckets.set(key, bucket);
    // Keys are often client addresses: none stays long after its window (docs/privacy.md).
    // A big table is pruned sooner, but at most once a second: with every key fresh, pruning
    // on each request would cost a pass over the whole table per request.
    const sincePrune = now - this.#prunedAt;
    if (sincePrune >= this.windowMs || (this.#buckets.size > 50_000 && sincePrune >= 1000)) this.#prune(now);
    return allowed;
  }

  /** Whether key has a token left, without taking it (to charge only requests that turn out to fail). */
  has(key: string): boolean {
    return this.#refilled(key, this.now()).tokens >= 1;
  }

  #refilled(key: string, now: number): { tokens: number; updatedAt: number } {
    const bucket = this.#buckets.get(key);
    if (!bucket) return { tokens: this.capacity, updatedAt: now };
    const tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.updatedAt) * this.capacity) / this.windowMs);
    return { tokens, updatedAt: now };
  }

  /** Gives back one token that `take` gave (the request turned out not to count), up to the capacity. */
  refund(key: string): void {
    const bucket = this.#buckets.get(key);
    // Refilling first is not needed: the next take caps at the capacity either way.
    if (bucket) bucket.tokens = Math.min(this.capacity, bucket.tokens + 1);
  }

  /** Forgets buckets that have refilled completely: they behave like new ones. */
  #prune(now: number): void {
    this.#prunedAt = now;
    for (const [key, bucket] of this.#buckets) {
      if (now - bucket.updatedAt >= this.windowMs) this.#buckets.delete(key);
    }
  }
}
