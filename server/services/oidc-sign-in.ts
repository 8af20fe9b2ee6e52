import * as client from 'openid-client';
import { ACCOUNT_LIMITS, type Account } from '../../shared/accounts.ts';
import { AppError } from '../../shared/errors.ts';
import type { OidcRefusal } from '../../shared/sign-in-allowlist.ts';
import type { AccountIdentity } from '../db/account-repository.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import {
  SIGN_IN_ATTEMPTS_MAX,
  SIGN_IN_ATTEMPT_TTL_MS,
  SIGN_IN_STARTS_PER_ADDRESS,
  attemptExpired,
  identityName,
  isEmailAllowed,
  verifiedEmail,
  type IdentityClaims,
} from '../domain/oidc.ts';
import type { AccountService, SignedIn } from './account-service.ts';
import type { SignInAllowList } from './sign-in-allowlist.ts';

/** A sign-in with the provider that did not open a session, and why. */
export class OidcRefused extends Error {
  constructor(
    readonly reason: OidcRefusal,
    options?: { cause: unknown },
  ) {
    super(`OIDC sign-in refused: ${reason}`, options);
  }
}

export interface OidcSignedIn extends SignedIn {
  /** True when this sign-in made the account. */
  created: boolean;
}

/** What the server keeps of a started attempt, in memory, until the provider sends the browser back. */
interface Attempt {
  codeVerifier: string;
  nonce: string;
  startedAt: number;
}

/**
 * Sign-in with the agency's OpenID Connect provider: authorization code with PKCE, state and
 * nonce (openid-client checks the answer, the ID token's signature, issuer, audience and nonce).
 * An identity seen before opens its account; a new one opens the account with its verified
 * email, or makes a facilitator account, when the allow-list lets that email in.
 */
export class OidcSignIn {
  readonly #config: client.Configuration;
  readonly #redirectUri: string;
  readonly #accounts: AccountService;
  readonly #allowList: SignInAllowList;
  readonly #now: () => number;
  /** By state. Single use: an attempt is forgotten when the browser comes back, whatever happens then. */
  readonly #attempts = new Map<string, Attempt>();
  /** Starts per client address, in memory only like every limit. */
  readonly #starts: RateLimiter;

  constructor(deps: {
    config: client.Configuration;
    redirectUri: string;
    accounts: AccountService;
    allowList: SignInAllowList;
    now: () => number;
  }) {
    this.#config = deps.config;
    this.#redirectUri = deps.redirectUri;
    this.#accounts = deps.accounts;
    this.#allowList = deps.allowList;
    this.#now = deps.now;
    this.#starts = new RateLimiter(SIGN_IN_STARTS_PER_ADDRESS, SIGN_IN_ATTEMPT_TTL_MS, deps.now);
  }

  /** Starts an attempt: the provider's address to send the browser to, and the state the browser keeps in a cookie. */
  async start(address: string): Promise<{ state: string; url: string }> {
    if (!this.#starts.take(address)) {
      throw new AppError('RATE_LIMITED', 'Demasiados intentos de ingreso desde esta red. Espera unos minutos y vuelve a intentarlo.');
    }
    const now = this.#now();
    for (const [state, attempt] of this.#attempts) if (attemptExpired(attempt.startedAt, now)) this.#attempts.delete(state);
    const state = client.randomState();
    const attempt: Attempt = { codeVerifier: client.randomPKCECodeVerifier(), nonce: client.randomNonce(), startedAt: now };
    const url = client.buildAuthorizationUrl(this.#config, {
      redirect_uri: this.#redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(attempt.codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce: attempt.nonce,
    });
    // Maps iterate in insertion order: the first key is the oldest attempt.
    while (this.#attempts.size >= SIGN_IN_ATTEMPTS_MAX) this.#attempts.delete(this.#attempts.keys().next().value!);
    this.#attempts.set(state, attempt);
    return { state, url: url.href };
  }

  /**
   * Finishes the attempt whose state the browser's cookie holds, with the query the provider
   * sent it back with. Throws OidcRefused, having created nothing, when it cannot sign in.
   */
  async finish(state: string | undefined, query: string): Promise<OidcSignedIn> {
    const attempt = state === undefined ? undefined : this.#attempts.get(state);
    if (state === undefined || attempt === undefined) throw new OidcRefused('attempt-unknown');
    this.#attempts.delete(state);
    if (attemptExpired(attempt.startedAt, this.#now())) throw new OidcRefused('attempt-expired');

    // The redirect URI as registered (PUBLIC_URL), whatever address the request came through.
    const callback = new URL(this.#redirectUri);
    callback.search = query;
    let claims: IdentityClaims & { sub: string; iss: string };
    try {
      const tokens = await client.authorizationCodeGrant(this.#config, callback, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      // Many providers put the email in the userinfo answer only.
      const userInfo = typeof idToken.email === 'string' ? {} : await client.fetchUserInfo(this.#config, tokens.access_token, idToken.sub);
      claims = { ...userInfo, ...idToken };
    } catch (error) {
      throw new OidcRefused('provider-refused', { cause: error });
    }
    const identity: AccountIdentity = { issuer: claims.iss, subject: claims.sub };
    const linked = await this.#accounts.findByIdentity(identity);
    if (linked) return { ...(await this.#accounts.openSession(linked)), created: false };

    const email = verifiedEmail(claims);
    if (email === null) throw new OidcRefused('no-email');
    if (!isEmailAllowed(email, await this.#allowList.entries())) throw new OidcRefused('not-allowed');
    const existing = await this.#accounts.findByEmail(email);
    if (existing) return this.#link(existing, identity);
    const created = await this.#accounts.createFromIdentity(email, identityName(claims, email, ACCOUNT_LIMITS.nameMax), identity);
    if (created) return { ...(await this.#accounts.openSession(created)), created: true };
    // Made by someone else between the two reads: link to it like any existing account.
    const made = await this.#accounts.findByEmail(email);
    if (!made) throw new OidcRefused('attempt-unknown');
    return this.#link(made, identity);
  }

  /** An allowed email that already has an account (made by an administrator): its first sign-in with the provider. */
  async #link(account: Account, identity: AccountIdentity): Promise<OidcSignedIn> {
    await this.#accounts.linkIdentity(account, identity);
    return { ...(await this.#accounts.openSession(account)), created: false };
  }
}
