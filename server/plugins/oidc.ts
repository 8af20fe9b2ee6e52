import fp from 'fastify-plugin';
import * as client from 'openid-client';
import { ConfigError, type OidcConfig } from '../config.ts';
import { OidcSignIn } from '../services/oidc-sign-in.ts';
import { SignInAllowList } from '../services/sign-in-allowlist.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Sign-in with the agency's provider; null when OIDC_ISSUER is not set. */
    oidc: { name: string; signIn: OidcSignIn } | null;
    signInAllowList: SignInAllowList;
  }
}

/** How long the provider has to answer discovery and each later request, in seconds. */
const PROVIDER_TIMEOUT_S = 10;

/**
 * Sign-in with OpenID Connect (docs/deploy.md#5-sign-in-with-the-agencys-identity-provider). The provider's
 * discovery document is read at start-up: a provider that does not answer stops the start with
 * a clear message, rather than failing on the first facilitator who tries to sign in.
 */
export default fp(
  async (app, opts: { oidc: OidcConfig | null; now: () => number }) => {
    const allowList = new SignInAllowList({ repository: app.storage.signInAllowList, now: opts.now });
    app.decorate('signInAllowList', allowList);
    if (opts.oidc === null) {
      app.decorate('oidc', null);
      return;
    }
    const config = await discover(opts.oidc);
    const signIn = new OidcSignIn({ config, redirectUri: opts.oidc.redirectUri, accounts: app.accounts, allowList, now: opts.now });
    app.decorate('oidc', { name: opts.oidc.name, signIn });
  },
  { name: 'oidc', dependencies: ['db', 'auth'] },
);

async function discover(oidc: OidcConfig): Promise<client.Configuration> {
  const issuer = new URL(oidc.issuer);
  try {
    return await client.discovery(issuer, oidc.clientId, undefined, client.ClientSecretPost(oidc.clientSecret), {
      timeout: PROVIDER_TIMEOUT_S,
      // config.ts allows plain http for a provider on this machine only.
      ...(issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    throw new ConfigError(
      `OIDC_ISSUER (${oidc.issuer}) did not answer OpenID Connect discovery: ${(error as Error).message}${cause}. Check the address and that this server can reach it.`,
    );
  }
}
