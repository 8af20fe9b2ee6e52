/**
 * A real OpenID Connect provider (the `oidc-provider` package) on an ephemeral port, and a
 * browser's part of a sign-in driven with plain HTTP: redirects followed by hand, cookies kept
 * per origin, the provider's development login and consent forms submitted.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type AccountClaims } from 'oidc-provider';

export const CLIENT = { id: 'plenario', secret: 'secreto-del-cliente-de-prueba' } as const;

/** A person at the provider: the claims its ID token and userinfo answer carry. */
export type ProviderUser = Omit<AccountClaims, 'sub'>;

export interface TestProvider {
  issuer: string;
  close(): Promise<void>;
}

/** Starts the provider with one registered client (Plenario at `redirectUri`) and the given people, by login. */
export async function startProvider(redirectUri: string, users: Record<string, ProviderUser>): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [redirectUri],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name'] },
    findAccount: (_ctx, id) => {
      const user = users[id];
      return user ? { accountId: id, claims: () => ({ sub: id, ...user }) } : undefined;
    },
    pkce: { required: () => true },
    // Set only to keep the provider from warning that they are defaults.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A browser's cookies, per origin (host and port), as a browser keeps them. */
export class Browser {
  readonly #cookies = new Map<string, Map<string, string>>();

  /** One request without following redirects; stores what it sets, sends what it holds. */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const { origin } = new URL(url);
    const jar = this.#cookies.get(origin) ?? new Map<string, string>();
    this.#cookies.set(origin, jar);
    const headers: Record<string, string> = {};
    if (jar.size > 0) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      redirect: 'manual',
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const name = pair!.slice(0, pair!.indexOf('='));
      const value = pair!.slice(pair!.indexOf('=') + 1);
      const expired = value === '' || attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /** The value of a cookie this browser holds for an origin. */
  cookie(origin: string, name: string): string | undefined {
    return this.#cookies.get(origin)?.get(name);
  }

  /** Sets or replaces a cookie, as a person editing their browser's storage could. */
  setCookie(origin: string, name: string, value: string): void {
    const jar = this.#cookies.get(origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.#cookies.set(origin, jar);
  }
}

const location = (response: Response, base: string): string => {
  const to = response.headers.get('location');
  if (!to || response.status < 300 || response.status >= 400) throw new Error(`expected a redirect from ${base}, got ${response.status}`);
  return new URL(to, base).href;
};

/**
 * Starts a sign-in at Plenario and goes through the provider as `login` (its development login
 * form, then consent), stopping at the redirect back to Plenario: returns that callback address,
 * not yet visited.
 */
export async function throughProvider(browser: Browser, plenarioUrl: string, login: string): Promise<string> {
  let url = location(await browser.request(`${plenarioUrl}/api/auth/oidc/start`), plenarioUrl);
  for (let step = 0; step < 12; step += 1) {
    if (url.startsWith(plenarioUrl)) return url;
    const page = await browser.request(url);
    if (page.status >= 300 && page.status < 400) {
      url = location(page, url);
      continue;
    }
    const html = await page.text();
    const prompt = /name="prompt" value="(login|consent)"/.exec(html)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (page.status !== 200 || !prompt || !action)
      throw new Error(`unexpected provider page ${url} (${page.status}): ${html.slice(0, 300)}`);
    const form: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'cualquiera' } : { prompt };
    const submitted = await browser.request(new URL(action, url).href, { method: 'POST', form });
    url = location(submitted, url);
  }
  throw new Error('the provider did not send the browser back');
}
