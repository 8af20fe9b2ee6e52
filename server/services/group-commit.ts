interface Pending<Item, Outcome> {
  item: Item;
  resolve: (outcome: Outcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Under load, a transaction starts at most this often: writes arriving sooner wait for it, so
 * more of them share one commit (one fsync, and fewer pages written per item; see
 * docs/performance.md). After a quiet spell a write is committed at the end of its turn.
 */
export const COMMIT_INTERVAL_MS = 10;

/**
 * Group commit: items queued in the same event-loop turn (or, under load, the same interval)
 * are written by one call of `write`, which must do it in one transaction, and each promise
 * settles only once that transaction has committed. So an acknowledgement sent on settling is
 * never ahead of the disk.
 */
export class GroupCommit<Item, Outcome> {
  #queue: Pending<Item, Outcome>[] = [];
  #flushScheduled = false;
  #lastCommitAt = Number.NEGATIVE_INFINITY;

  constructor(
    /** Writes every item in one transaction; returns one outcome per item, in order. */
    private readonly write: (items: Item[]) => Outcome[],
    private readonly intervalMs: number = COMMIT_INTERVAL_MS,
    /** Told each commit's size and duration (the /metrics histograms). */
    private readonly observe: (items: number, seconds: number) => void = () => {},
  ) {}

  add(item: Item): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (this.#flushScheduled) return;
      this.#flushScheduled = true;
      const wait = this.#lastCommitAt + this.intervalMs - performance.now();
      if (wait <= 0) setImmediate(this.#flush);
      else setTimeout(this.#flush, Math.ceil(wait));
    });
  }

  readonly #flush = (): void => {
    const batch = this.#queue;
    this.#queue = [];
    this.#flushScheduled = false;
    this.#lastCommitAt = performance.now();
    let outcomes: Outcome[];
    try {
      outcomes = this.write(batch.map((p) => p.item));
      this.observe(batch.length, (performance.now() - this.#lastCommitAt) / 1000);
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => p.resolve(outcomes[i]!));
  };
}
