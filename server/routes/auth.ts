import { Type } from 'typebox';
import { MeResponseSchema, SignInBodySchema, SignInResponseSchema, normalizeEmail } from '../../shared/accounts.ts';
import { AppError } from '../../shared/errors.ts';
import { ErrorBodySchema } from '../../shared/schemas.ts';
import { accountActor, accountTarget } from '../domain/audit.ts';
import { SignInThrottle } from '../domain/sign-in-throttle.ts';
import { AUTH_COOKIE } from '../plugins/auth.ts';
import type { App } from '../app.ts';

/** Sign-in, sign-out and who is signed in on this browser. */
export default async function authRoutes(app: App): Promise<void> {
  // In memory only, like every limit: addresses and attempted emails are never stored.
  const throttle = new SignInThrottle();

  // Who is signed in is nobody else's to cache, shared proxies included.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
  });

  app.post(
    '/api/auth/sign-in',
    {
      schema: {
        tags: ['accounts'],
        description: `Signs a facilitator in with email and password; sets the httpOnly cookie ${AUTH_COOKIE}. Wrong email or password: the same 401. Too many failed attempts from this address (on this account while it is under attack, or on any): 429.`,
        body: SignInBodySchema,
        response: { 200: SignInResponseSchema, 400: ErrorBodySchema, 401: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const attempt = throttle.attempt(normalizeEmail(request.body.email), request.ip);
      if (!attempt)
        throw new AppError('RATE_LIMITED', 'Demasiados intentos de inicio de sesión. Espera unos minutos y vuelve a intentarlo.');
      const signedIn = await app.accounts.signIn(request.body.email, request.body.password).catch(async (error: unknown) => {
        // The trail names the account tried when there is one; an email without account is not kept.
        const tried = await app.accounts.findByEmail(request.body.email);
        const target = tried ? accountTarget(tried) : null;
        await app.services.audit.record({ action: 'sign-in.failed', actor: { kind: 'unknown' }, target, detail: {} });
        throw error;
      });
      attempt.succeeded();
      const { account } = signedIn;
      await app.services.audit.record({
        action: 'sign-in.succeeded',
        actor: accountActor(account),
        target: accountTarget(account),
        detail: {},
      });
      app.authCookie.set(reply, signedIn.token, signedIn.expiresAt);
      return { account: signedIn.account };
    },
  );

  app.post(
    '/api/auth/sign-out',
    {
      schema: {
        tags: ['accounts'],
        description: 'Ends the session of this browser, on the server too, and clears the cookie.',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await app.accounts.signOut(request.cookies[AUTH_COOKIE]);
      app.authCookie.clear(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['accounts'],
        description:
          'The account signed in on this browser (null if none), whether any account exists yet, and the identity provider to sign in with (null when not configured).',
        response: { 200: MeResponseSchema },
      },
    },
    async (request) => ({
      account: app.currentAccount(request),
      accountsExist: await app.accounts.hasAnyAccount(),
      provider: app.oidc ? { name: app.oidc.name } : null,
    }),
  );
}
