/**
 * Token buckets per key: `capacity` requests at once, refilled evenly over `windowMs`.
 * The clock is passed in so the rule is tested without waiting.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for key; false when the key has none left (the request is refused). */
  take(key: string): boolean {
    const now = this.now();
    const refillPerMs = this.capacity / this.windowMs;
    const bucket = this.#buckets.get(key) ?? { tokens: this.capacity, updatedAt: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.updatedAt) * refillPerMs);
    bucket.updatedAt = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > 50_000) this.#prune(now);
    return allowed;
  }

  /** Gives back one token that `take` gave (the request turned out not to count), up to the capacity. */
  refund(key: string): void {
    const bucket = this.#buckets.get(key);
    // Refilling first is not needed: the next take caps at the capacity either way.
    if (bucket) bucket.tokens = Math.min(this.capacity, bucket.tokens + 1);
  }

  /** Forgets buckets that have refilled completely: they behave like new ones. */
  #prune(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (now - bucket.updatedAt >= this.windowMs) this.#buckets.delete(key);
    }
  }
}
