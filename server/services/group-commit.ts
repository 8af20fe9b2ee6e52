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
 * settles only once that write has resolved (committed). So an acknowledgement sent on settling
 * is never ahead of the disk. One batch is in flight at a time: items arriving meanwhile wait
 * and form the next batch, flushed once the previous one has settled.
 */
export class GroupCommit<Item, Outcome> {
  #queue: Pending<Item, Outcome>[] = [];
  #flushScheduled = false;
  #inFlight = false;
  #lastCommitAt = Number.NEGATIVE_INFINITY;
  /** The item added last: batches are written in order, so once it settles every earlier one has. */
  #last: Promise<unknown> = Promise.resolve();

  constructor(
    /** Writes every item in one transaction; resolves to one outcome per item, in order. */
    private readonly write: (items: Item[]) => Promise<Outcome[]>,
    private readonly intervalMs: number = COMMIT_INTERVAL_MS,
    /** Told each commit's size and duration (the /metrics histograms). */
    private readonly observe: (items: number, seconds: number) => void = () => {},
  ) {}

  add(item: Item): Promise<Outcome> {
    const added = new Promise<Outcome>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#schedule();
    });
    this.#last = added;
    return added;
  }

  /** Resolves once every item added so far has been written (or has failed). */
  written(): Promise<void> {
    return this.#last.then(
      () => undefined,
      () => undefined,
    );
  }

  /** Arms the next flush, unless one is armed or a batch is in flight (its end arms it). */
  #schedule(): void {
    if (this.#flushScheduled || this.#inFlight || this.#queue.length === 0) return;
    this.#flushScheduled = true;
    const wait = this.#lastCommitAt + this.intervalMs - performance.now();
    if (wait <= 0) setImmediate(this.#flush);
    else setTimeout(this.#flush, Math.ceil(wait));
  }

  readonly #flush = (): void => {
    const batch = this.#queue;
    this.#queue = [];
    this.#flushScheduled = false;
    this.#inFlight = true;
    const startedAt = performance.now();
    this.#lastCommitAt = startedAt;
    const settled = (): void => {
      this.#inFlight = false;
      this.#schedule();
    };
    let written: Promise<Outcome[]>;
    try {
      written = this.write(batch.map((p) => p.item));
    } catch (error) {
      written = Promise.reject(error);
    }
    written.then(
      (outcomes) => {
        this.observe(batch.length, (performance.now() - startedAt) / 1000);
        settled();
        batch.forEach((p, i) => p.resolve(outcomes[i]!));
      },
      (error: unknown) => {
        settled();
        for (const p of batch) p.reject(error);
      },
    );
  };
}
