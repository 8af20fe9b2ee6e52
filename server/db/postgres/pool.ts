import pg from 'pg';

/** OID of PostgreSQL's int8 (bigint): epoch-millisecond times and COUNT(*) come back as it. */
const INT8_OID = 20;

/**
 * The type parsers of every connection this module opens: int8 read as a JavaScript number, as
 * better-sqlite3 reads INTEGER. Epoch milliseconds and row counts stay far below 2^53. Set per
 * pool rather than with pg.types.setTypeParser, which would change every pg user in the process.
 */
export const PLENARIO_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PoolOptions {
  /** postgres://… (DATABASE_URL). */
  connectionString: string;
  /** The node's name (NODE_ID), shown as application_name in pg_stat_activity. */
  nodeId: string;
  /** Most connections the pool opens (default 10). */
  max?: number;
  /** Called when an idle connection fails (the server restarted, the network dropped). */
  onIdleError?: (error: Error) => void;
}

/**
 * The server's side of the TCP keepalives (scale-out design §4.2): PostgreSQL notices a node
 * whose machine vanished without closing its sockets within about 11 s (5 + 3 × 2), and ends
 * its connections, which frees the advisory locks its owner connection held.
 */
const SERVER_KEEPALIVES = '-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3';

/**
 * The connection settings of a Plenario node: int8 as numbers, TCP keepalives on both sides
 * (a dead peer is noticed in seconds, not the kernel's two hours), the node in
 * application_name, and a cap on idle transactions so a stuck command cannot hold row locks
 * for long. Shared by the pool and by the node's owner connection (scale-out design §4.2),
 * which is opened apart from the pool: `new pg.Client(connectionConfig(…))`.
 */
export function connectionConfig(options: Pick<PoolOptions, 'connectionString' | 'nodeId'>): pg.ClientConfig {
  return {
    connectionString: options.connectionString,
    application_name: `plenario-${options.nodeId}`.slice(0, 63),
    types: PLENARIO_TYPES,
    keepAlive: true,
    keepAliveInitialDelayMillis: 5_000,
    connectionTimeoutMillis: 10_000,
    idle_in_transaction_session_timeout: 30_000,
    options: SERVER_KEEPALIVES,
  };
}

/** A pool of connections for one node's queries and commands. */
export function createPool(options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({ ...connectionConfig(options), max: options.max ?? 10, idleTimeoutMillis: 30_000 });
  // An idle client that errors is removed by the pool; without a listener the 'error' event
  // would end the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}
