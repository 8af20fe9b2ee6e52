import type { Database } from 'better-sqlite3';

/**
 * A group-commit batch as one better-sqlite3 transaction of its own. Batches run from timers,
 * when no transaction of the storage port can be open (see `sqliteStorage`); were one open,
 * better-sqlite3 would nest the batch in it as a savepoint, and its acknowledged writes would
 * be undone with that transaction. So a batch refuses to start inside one.
 */
export function batchTransaction<A, R>(db: Database, write: (items: A[]) => R[]): (items: A[]) => R[] {
  const transaction = db.transaction(write);
  return (items) => {
    if (db.inTransaction) throw new Error('A group-commit batch may not run inside an open transaction.');
    return transaction(items);
  };
}
