import pg from 'pg';

/**
 * What a PostgreSQL repository runs its statements on: the pool (each statement on any free
 * connection) or one connection (a pg.PoolClient inside a transaction, or a node's owner
 * connection). The same repository class serves in and out of a transaction.
 */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(statement: string | Prepared, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * A statement PostgreSQL parses and plans once per connection (pg's named prepared statement),
 * then only executes: for the group-commit batches, run many times a second on the same
 * connection, where parsing and planning their CTEs took a third to a half of PostgreSQL's CPU
 * per batch (docs/performance.md).
 */
export interface Prepared {
  /** Unique among the statements prepared on a connection. */
  name: string;
  text: string;
  values: unknown[];
}

/**
 * One connection, its statements one after the other: pg deprecates a query sent while another
 * runs on the same client (pg@9 refuses it), and a transaction's repositories, or the answers'
 * and joins' batches sharing the owner connection, may be called together.
 */
export function serialized(connection: Queryable): Queryable {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    query<R extends pg.QueryResultRow = pg.QueryResultRow>(statement: string | Prepared, values?: unknown[]) {
      const result = tail.then(() => connection.query<R>(statement, values));
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

/**
 * Runs `work` atomically: on a pool, in a transaction of its own on one connection; on a
 * connection, as part of whatever the caller runs there (the storage's transaction, or a single
 * statement). Used by the few repository methods that take more than one statement.
 */
export async function atomically<T>(db: Queryable, work: (connection: Queryable) => Promise<T>): Promise<T> {
  if (!(db instanceof pg.Pool)) return work(db);
  return withTransaction(db, work);
}

/** Takes a connection from the pool, BEGIN, `work`, COMMIT (ROLLBACK when it throws), release. */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection whose ROLLBACK fails is not given back to the pool for reuse.
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}
