/**
 * Who may read or manage a session over HTTP: its facilitator secret as a Bearer token (the live
 * core's link), or a signed-in account that owns it — administrators own them all.
 */
import type { FastifyRequest } from 'fastify';
import type { Account } from '../../shared/accounts.ts';
import type { AuditActor } from '../../shared/audit.ts';
import { accountActor } from '../domain/audit.ts';
import { AppError } from '../../shared/errors.ts';
import type { SessionRecord } from '../db/session-repository.ts';
import type { Reader } from '../services/workspace-service.ts';
import type { App } from '../app.ts';

/** The Bearer token of an Authorization header, if it has the shape of one. */
export function bearer(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(header ?? '');
  return match?.[1] ?? null;
}

const unauthorized = () => new AppError('UNAUTHORIZED', 'Inicia sesión o usa el enlace de facilitación de la sesión.');

/** An account as a reader of the workspace. */
export const asReader = (account: Account): Reader => ({ accountId: account.id, admin: account.role === 'admin' });

export function accessRules(app: App) {
  /** The signed-in account as a reader, or 401. */
  const reader = (request: FastifyRequest): Reader => asReader(app.requireAccount(request));

  /**
   * The session if the request may manage it: 404 unknown, 401 no or wrong credentials, 403
   * someone else's. The session is opened (in memory) for the route that goes on with it, unless
   * `open` is false (a deletion, which any node of a cluster may do).
   */
  const session = async (
    request: FastifyRequest,
    sessionId: string,
    options: { open: boolean } = { open: true },
  ): Promise<SessionRecord> => {
    const record = await app.services.workspace.session(sessionId);
    if (options.open) await app.services.store.open(sessionId);
    const token = bearer(request.headers.authorization);
    if (request.headers.authorization !== undefined) {
      if (token && (await app.services.sessions.isFacilitator(sessionId, token))) return record;
      throw unauthorized();
    }
    const account = app.currentAccount(request);
    if (!account) throw unauthorized();
    if (!app.services.workspace.canRead(asReader(account), record)) {
      throw new AppError('FORBIDDEN', 'Esta sesión es de otra persona.');
    }
    return record;
  };

  /**
   * Whom a request that `session` let through acts for when it files the session in a series:
   * the signed-in account, or with the session's secret its owner as a facilitator (null for a
   * session without owner, which can use no series).
   */
  const actingFor = (request: FastifyRequest, record: SessionRecord): Reader | null => {
    if (request.headers.authorization === undefined) return reader(request);
    return record.ownerAccountId === null ? null : { accountId: record.ownerAccountId, admin: false };
  };

  /** An administrator, or 401/403. */
  const admin = (request: FastifyRequest): Reader => asReader(app.requireAccount(request, 'admin'));

  /** Who the audit trail names for a request that `session`, `reader` or `admin` let through. */
  const actor = (request: FastifyRequest): AuditActor => {
    if (request.headers.authorization !== undefined) return { kind: 'session-link' };
    return accountActor(app.requireAccount(request));
  };

  return { reader, session, actingFor, admin, actor };
}
