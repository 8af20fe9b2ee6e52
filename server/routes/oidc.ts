import { Type } from 'typebox';
import { ACCOUNT_LIMITS } from '../../shared/accounts.ts';
import { AppError } from '../../shared/errors.ts';
import { ErrorBodySchema } from '../../shared/schemas.ts';
import { AddAllowEntryBodySchema, AllowListEntrySchema, AllowListSchema } from '../../shared/sign-in-allowlist.ts';
import type { App } from '../app.ts';
import { ALLOW_LIST_SETTING, accountActor, accountTarget, settingTarget } from '../domain/audit.ts';
import { SIGN_IN_ATTEMPT_TTL_MS, SIGN_IN_STARTS_PER_ADDRESS } from '../domain/oidc.ts';
import { OidcRefused } from '../services/oidc-sign-in.ts';

/** The cookie that ties a browser to the sign-in attempt it started (its state). */
export const OIDC_COOKIE = 'plenario_oidc';
const OIDC_PATH = '/api/auth/oidc';
/** Where a facilitator lands once signed in, as after a password sign-in. */
const AFTER_SIGN_IN = '/sessions';

const redirectSchema = (description: string) => Type.Null({ description });

/**
 * Sign-in with the agency's provider (start, and the provider's callback), and the
 * administrators' allow-list of emails and domains that may become facilitators through it.
 */
export default async function oidcRoutes(app: App, opts: { secureCookie: boolean }): Promise<void> {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
  });
  // SameSite=Lax: the browser sends it on the provider's top-level redirect back to us.
  const cookieOptions = { httpOnly: true, sameSite: 'lax', path: OIDC_PATH, secure: opts.secureCookie } as const;
  const provider = () => {
    if (!app.oidc) throw new AppError('NOT_FOUND', 'El ingreso con una cuenta institucional no está configurado.');
    return app.oidc;
  };

  app.get(
    `${OIDC_PATH}/start`,
    {
      schema: {
        tags: ['accounts'],
        description: `Starts a sign-in with the provider (OIDC_ISSUER): redirects to it, with PKCE, state and nonce; the state goes in the httpOnly cookie ${OIDC_COOKIE} for ${SIGN_IN_ATTEMPT_TTL_MS / 60_000} minutes. 404 when OIDC is not configured; 429 after ${SIGN_IN_STARTS_PER_ADDRESS} starts from one address within those minutes.`,
        response: { 302: redirectSchema("To the provider's authorization endpoint."), 404: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const { state, url } = await provider().signIn.start(request.ip);
      reply.setCookie(OIDC_COOKIE, state, { ...cookieOptions, maxAge: SIGN_IN_ATTEMPT_TTL_MS / 1000 });
      return reply.redirect(url);
    },
  );

  app.get(
    `${OIDC_PATH}/callback`,
    {
      schema: {
        tags: ['accounts'],
        description:
          'Where the provider sends the browser back (the redirect URI to register: PUBLIC_URL + this path). Signed in: sets the sign-in cookie and redirects to /sessions. Refused (unknown, replayed or expired attempt, wrong state, an answer the provider or its ID token does not back, no verified email, an email not on the allow-list): redirects to /signin?oidc=<reason> and creates nothing.',
        response: { 302: redirectSchema('To /sessions, or to /signin?oidc=<reason>.'), 404: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const { signIn } = provider();
      reply.clearCookie(OIDC_COOKIE, cookieOptions);
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      try {
        const signedIn = await signIn.finish(request.cookies[OIDC_COOKIE], query);
        const { account } = signedIn;
        if (signedIn.created) {
          const detail = { role: account.role, method: 'oidc' };
          await app.services.audit.record({
            action: 'account.created',
            actor: accountActor(account),
            target: accountTarget(account),
            detail,
          });
        }
        const detail = { method: 'oidc' };
        await app.services.audit.record({
          action: 'sign-in.succeeded',
          actor: accountActor(account),
          target: accountTarget(account),
          detail,
        });
        app.authCookie.set(reply, signedIn.token, signedIn.expiresAt);
        return reply.redirect(AFTER_SIGN_IN);
      } catch (error) {
        if (!(error instanceof OidcRefused)) throw error;
        // Neither the email tried nor anything else of the person: the reason only.
        request.log.info({ reason: error.reason, cause: (error.cause as Error | undefined)?.message }, 'oidc sign-in refused');
        const detail = { method: 'oidc', reason: error.reason };
        await app.services.audit.record({ action: 'sign-in.failed', actor: { kind: 'unknown' }, target: null, detail });
        return reply.redirect(`/signin?oidc=${error.reason}`);
      }
    },
  );

  app.get(
    `${OIDC_PATH}/allowed`,
    {
      schema: {
        tags: ['accounts'],
        description: 'The emails and domains that may become facilitators by signing in with the provider (administrators only).',
        response: { 200: AllowListSchema, 401: ErrorBodySchema, 403: ErrorBodySchema },
      },
    },
    async (request) => {
      app.requireAccount(request, 'admin');
      return app.signInAllowList.list();
    },
  );

  app.post(
    `${OIDC_PATH}/allowed`,
    {
      schema: {
        tags: ['accounts'],
        description:
          'Adds an email ("ana@servicio.cl") or a domain ("servicio.cl" or "@servicio.cl", kept as "@servicio.cl") to the allow-list (administrators only). Adding one already there changes nothing.',
        body: AddAllowEntryBodySchema,
        response: { 201: AllowListEntrySchema, 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const admin = app.requireAccount(request, 'admin');
      const { entry, added } = await app.signInAllowList.add(request.body.entry);
      if (added)
        await app.services.audit.record({
          action: 'sign-in-allowlist.added',
          actor: accountActor(admin),
          target: settingTarget(ALLOW_LIST_SETTING),
          detail: { entry: entry.entry },
        });
      return reply.status(201).send(entry);
    },
  );

  app.delete(
    `${OIDC_PATH}/allowed/:entry`,
    {
      schema: {
        tags: ['accounts'],
        description:
          'Removes an entry from the allow-list (administrators only). Accounts it let in stay: remove them from the accounts list.',
        params: Type.Object({ entry: Type.String({ minLength: 1, maxLength: ACCOUNT_LIMITS.emailMax }) }),
        response: { 204: Type.Null(), 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const admin = app.requireAccount(request, 'admin');
      const { entry } = request.params;
      await app.services.audit.within(
        { action: 'sign-in-allowlist.removed', actor: accountActor(admin), target: settingTarget(ALLOW_LIST_SETTING), detail: { entry } },
        (tx) => app.signInAllowList.remove(entry, tx.signInAllowList),
      );
      return reply.status(204).send(null);
    },
  );
}
