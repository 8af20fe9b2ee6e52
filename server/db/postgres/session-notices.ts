import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type pg from 'pg';
import { AuditActorSchema } from '../../../shared/audit.ts';
import type { SessionNotice } from '../../services/cluster.ts';
import type { Queryable } from './queryable.ts';

/** The channel every node LISTENs on (on its owner connection, ownership.ts). */
export const SESSION_NOTICES = 'plenario_sessions';

const check = Compile(
  Type.Union([
    Type.Object({ kind: Type.Literal('removed'), sessionId: Type.String() }),
    Type.Object({ kind: Type.Literal('retention'), sessionId: Type.String(), by: AuditActorSchema }),
    Type.Object({ kind: Type.Literal('wanted'), sessionId: Type.String() }),
  ]),
);

/** Sends the notice; inside a transaction, PostgreSQL delivers it at the commit, and not at all on a rollback. */
export async function tell(db: Queryable, notice: SessionNotice): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [SESSION_NOTICES, JSON.stringify(notice)]);
}

/** The notice a payload carries, or null for one this version does not know (a newer node's). */
export function parseNotice(payload: string): SessionNotice | null {
  try {
    const notice: unknown = JSON.parse(payload);
    return check.Check(notice) ? (notice as SessionNotice) : null;
  } catch {
    return null;
  }
}

/**
 * Runs `work` while this node holds the named advisory lock, on a connection of its own that
 * holds nothing else: work of the same name runs on one node of the cluster at a time. Null
 * when another node holds it and `wait` is false.
 */
export async function alone<T>(pool: pg.Pool, name: string, work: () => Promise<T>, options: { wait: boolean }): Promise<T | null> {
  const client = await pool.connect();
  try {
    if (options.wait) await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [name]);
    else {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [name]);
      if (!rows[0]?.locked) return null;
    }
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]);
    }
  } finally {
    client.release();
  }
}
