import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Account } from '../../shared/accounts.ts';
import { AppError } from '../../shared/errors.ts';
import { isOriginAllowed } from '../realtime/origin.ts';
import { AccountService } from '../services/account-service.ts';

/** The cookie that carries a signed-in browser's token. */
export const AUTH_COOKIE = 'plenario_auth';

declare module 'fastify' {
  interface FastifyInstance {
    accounts: AccountService;
    /** The signed-in account of this request (from its cookie), or null. */
    currentAccount(request: FastifyRequest): Account | null;
    /** The signed-in account, or 401; with a role, 403 for the other role. */
    requireAccount(request: FastifyRequest, role?: Account['role']): Account;
    authCookie: {
      set(reply: FastifyReply, token: string, expiresAt: number): void;
      clear(reply: FastifyReply): void;
    };
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Facilitator sign-in: @fastify/cookie (registered here, once), the AccountService, and who is
 * signed in on a request. The cookie is httpOnly (scripts cannot read it), SameSite=Lax (not
 * sent with other sites' requests) and Secure when the public address is https; state-changing
 * requests from other origins are refused outright.
 */
export default fp(
  async (app, opts: { secureCookie: boolean; allowedOrigins: readonly string[]; now: () => number }) => {
    await app.register(cookie);
    const accounts = new AccountService({ accounts: app.storage.accounts, now: opts.now });
    app.decorate('accounts', accounts);

    const cookieOptions = { httpOnly: true, sameSite: 'lax', path: '/', secure: opts.secureCookie } as const;
    app.decorate('authCookie', {
      set: (reply: FastifyReply, token: string, expiresAt: number) => {
        reply.setCookie(AUTH_COOKIE, token, {
          ...cookieOptions,
          expires: new Date(expiresAt),
          maxAge: Math.floor((expiresAt - Date.now()) / 1000),
        });
      },
      clear: (reply: FastifyReply) => {
        reply.clearCookie(AUTH_COOKIE, cookieOptions);
      },
    });

    // Besides SameSite, a state-changing request is taken only from our own pages (or from a
    // script, which sends no Origin and has no victim's cookie): a sibling subdomain is "same
    // site" for the browser but not a page of ours. One hook for every route, so a new cookie
    // route cannot forget it, and a refusal rather than ignoring the cookie, so a route that
    // acts without resolving the account (sign-out, sign-in) is covered as well.
    app.addHook('onRequest', async (request) => {
      if (!SAFE_METHODS.has(request.method) && !isOriginAllowed(request.raw, opts.allowedOrigins)) {
        throw new AppError('FORBIDDEN', 'Esta solicitud viene de otro sitio; ábrela desde Plenario.');
      }
    });

    // Resolved once per request, before its handler (storage is asynchronous; the routes ask
    // synchronously, however many times). Only requests with the cookie cost a look-up.
    const resolved = new WeakMap<FastifyRequest, Account | null>();
    app.addHook('preHandler', async (request) => {
      const token = request.cookies[AUTH_COOKIE];
      resolved.set(request, token ? await accounts.accountForToken(token) : null);
    });
    const currentAccount = (request: FastifyRequest): Account | null => resolved.get(request) ?? null;
    app.decorate('currentAccount', currentAccount);
    app.decorate('requireAccount', (request: FastifyRequest, role?: Account['role']): Account => {
      const account = currentAccount(request);
      if (!account) throw new AppError('UNAUTHORIZED', 'Inicia sesión para continuar.');
      if (role && account.role !== role)
        throw new AppError(
          'FORBIDDEN',
          role === 'admin' ? 'Solo una cuenta de administración puede hacer esto.' : 'Tu cuenta no puede hacer esto.',
        );
      return account;
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
