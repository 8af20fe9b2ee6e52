import pg from 'pg';
import { connectionConfig } from './pool.ts';
import { SESSION_NOTICES } from './session-notices.ts';

/** What `acquire` found: this node owns the session now, or another node's connection holds it. */
export type Acquired = 'owned' | 'held-elsewhere';

export interface OwnershipOptions {
  /** The database every node shares (DATABASE_URL). */
  url: string;
  /** NODE_ID, in the connection's application_name. */
  nodeId?: string;
  /**
   * The owner connection ended or failed: every session it owned is lost at once (their locks
   * went with it). Called before reconnecting; the node drops those sessions and their sockets.
   */
  onLost: (sessionIds: string[]) => void;
  /** First wait before reconnecting, doubled after each failure up to 16×. */
  reconnectDelayMs?: number;
  /** Where a failed reconnection is reported (the app's logger). */
  onReconnectError?: (error: unknown) => void;
  /**
   * A notice on SESSION_NOTICES (session-notices.ts) from any node, this one included. Heard on
   * the owner connection: while it is down this node owns nothing, so it misses nothing it must act on.
   */
  onNotice?: (payload: string) => void;
}

/** Advisory locks are keyed by a 64-bit number: the session id's hash (collisions only make two sessions share a lock). */
const TRY_LOCK = 'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked';
const UNLOCK = 'SELECT pg_advisory_unlock(hashtextextended($1, 0)) AS unlocked';
const MAX_BACKOFF = 16;

/**
 * A node's owner connection (docs/deploy.md, issue 18): one dedicated PostgreSQL connection
 * whose session-level advisory locks say which live sessions this node owns. PostgreSQL frees
 * them the moment that connection ends (a killed node, a cut network once keepalives notice), so
 * ownership needs no lease of its own. The PG storage runs its group-commit batches on this same
 * connection (`connection`, read for each batch: it is a new client after a reconnect), so a
 * batch can only commit while its node holds the locks.
 */
export class Ownership {
  readonly #options: OwnershipOptions;
  #client: pg.Client;
  readonly #owned = new Set<string>();
  /** Acquisitions on their way, so that a second call for the same session waits for the first instead of stacking a lock. */
  readonly #pending = new Map<string, Promise<Acquired>>();
  #connected = false;
  #closed = false;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  private constructor(options: OwnershipOptions, client: pg.Client) {
    this.#options = options;
    this.#client = client;
  }

  /** Opens the owner connection; rejects when the database cannot be reached now. */
  static async connect(options: OwnershipOptions): Promise<Ownership> {
    const ownership = new Ownership(options, Ownership.#newClient(options));
    try {
      await ownership.#open(ownership.#client);
    } catch (error) {
      await ownership.close();
      throw error;
    }
    return ownership;
  }

  static #newClient(options: OwnershipOptions): pg.Client {
    // The node's connection settings (int8 as numbers, keepalives both ways: a peer that vanished
    // without a FIN, a dead VM, is noticed in seconds), named apart from the pool's.
    return new pg.Client(connectionConfig({ connectionString: options.url, nodeId: `${options.nodeId ?? 'node'}-owner` }));
  }

  async #open(client: pg.Client): Promise<void> {
    // Listening before connecting: an error on an idle client with no listener would end the process.
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    client.on('notification', (message) => {
      if (message.channel === SESSION_NOTICES) this.#options.onNotice?.(message.payload ?? '');
    });
    await client.connect();
    await client.query(`LISTEN ${SESSION_NOTICES}`);
    this.#connected = true;
    this.#attempt = 0;
  }

  /**
   * The connection that commits this node's batches. A session is in `owned()` only while this
   * connection holds its lock (a loss empties it before a new connection is made), so a batch
   * checks that its session is owned, then runs here at once.
   */
  get connection(): pg.Client {
    return this.#client;
  }

  /** Whether the owner connection is up (false between a loss and the reconnection). */
  get connected(): boolean {
    return this.#connected;
  }

  /** The sessions this node owns, for /healthz. */
  owned(): string[] {
    return [...this.#owned];
  }

  /**
   * Takes the session's lock if nobody holds it. A session already owned is owned (no second
   * lock is stacked). Rejects while the owner connection is down: the caller refuses the
   * request for now and the client tries again.
   */
  acquire(sessionId: string): Promise<Acquired> {
    if (this.#owned.has(sessionId)) return Promise.resolve('owned');
    const pending = this.#pending.get(sessionId);
    if (pending) return pending;
    const attempt = this.#tryLock(sessionId).finally(() => this.#pending.delete(sessionId));
    this.#pending.set(sessionId, attempt);
    return attempt;
  }

  async #tryLock(sessionId: string): Promise<Acquired> {
    if (!this.#connected) throw new Error('The owner connection to PostgreSQL is down.');
    const client = this.#client;
    const { rows } = await client.query<{ locked: boolean }>(TRY_LOCK, [sessionId]);
    if (!rows[0]?.locked) return 'held-elsewhere';
    // Lost while the query was on its way: the lock went with that connection.
    if (client !== this.#client || !this.#connected) throw new Error('The owner connection to PostgreSQL was lost.');
    this.#owned.add(sessionId);
    return 'owned';
  }

  /** Gives the session up (it ended, or was unloaded), so another node may take it. */
  async release(sessionId: string): Promise<void> {
    await this.#pending.get(sessionId)?.catch(() => undefined);
    if (!this.#owned.delete(sessionId) || !this.#connected) return;
    await this.#client.query(UNLOCK, [sessionId]);
  }

  #lost(client: pg.Client): void {
    if (client !== this.#client || !this.#connected) return;
    this.#connected = false;
    const lost = [...this.#owned];
    this.#owned.clear();
    // An 'error' is followed by 'end' on the same client: #connected makes this run once.
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    this.#options.onLost(lost);
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#closed) return;
    const base = this.#options.reconnectDelayMs ?? 1000;
    const delay = base * Math.min(2 ** this.#attempt, MAX_BACKOFF);
    this.#attempt += 1;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#closed) return;
      const client = Ownership.#newClient(this.#options);
      this.#client = client;
      this.#open(client).catch((error: unknown) => {
        this.#options.onReconnectError?.(error);
        client.removeAllListeners('end');
        client.on('error', () => undefined);
        void client.end().catch(() => undefined);
        this.#scheduleReconnect();
      });
    }, delay);
  }

  /** Closes the connection for good: its locks are freed, nothing reconnects. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#connected = false;
    this.#owned.clear();
    const client = this.#client;
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    await client.end().catch(() => undefined);
  }
}
