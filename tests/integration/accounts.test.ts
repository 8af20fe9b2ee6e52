import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account, MeResponse } from '../../shared/accounts.ts';
import type { ErrorBody } from '../../shared/errors.ts';
import { SIGN_IN_LIMITS } from '../../server/domain/sign-in-throttle.ts';
import { startServer, type TestServer } from './support/server.ts';

const ADMIN = { email: 'ana@serviciocivil.cl', name: 'Ana Pérez', password: 'contraseña-de-ana', role: 'admin' as const };
const FACILITATOR = { email: 'bea@serviciocivil.cl', name: 'Bea Soto', password: 'contraseña-de-bea', role: 'facilitator' as const };

interface Sent {
  status: number;
  body: unknown;
  setCookies: string[];
  headers: Headers;
}

/** A JSON request, optionally with the auth cookie and extra headers. */
async function send(
  url: string,
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; cookie?: string | null; headers?: Record<string, string> } = {},
): Promise<Sent> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
  if (options.cookie) headers.cookie = options.cookie;
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? null : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as unknown) : null,
    setCookies: response.headers.getSetCookie(),
    headers: response.headers,
  };
}

/** The "plenario_auth=…" pair of a Set-Cookie, ready for a Cookie header. */
function authCookie(sent: Sent): string {
  const header = sent.setCookies.find((c) => c.startsWith('plenario_auth='));
  if (!header) throw new Error(`no auth cookie in ${JSON.stringify(sent.setCookies)}`);
  return header.split(';')[0]!;
}

async function signIn(url: string, email: string, password: string): Promise<string> {
  const sent = await send(url, 'POST', '/api/auth/sign-in', { body: { email, password } });
  if (sent.status !== 200) throw new Error(`sign-in failed: ${sent.status} ${JSON.stringify(sent.body)}`);
  return authCookie(sent);
}

const errorOf = (sent: Sent): ErrorBody => (sent.body as { error: ErrorBody }).error;
const count = (server: TestServer, table: 'accounts' | 'auth_sessions'): number =>
  (server.app.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('facilitator accounts over HTTP', () => {
  let server: TestServer;
  let adminCookie: string;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('has no sign-in with an identity provider unless OIDC_ISSUER is set: its routes answer 404', async () => {
    for (const path of ['/api/auth/oidc/start', '/api/auth/oidc/callback?code=a&state=b']) {
      const sent = await send(server.url, 'GET', path);
      expect(sent.status).toBe(404);
      expect(errorOf(sent).code).toBe('NOT_FOUND');
      expect(sent.setCookies).toEqual([]);
    }
  });

  it('says nobody is signed in and no account exists on a new workspace', async () => {
    const me = await send(server.url, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ account: null, accountsExist: false, provider: null } satisfies MeResponse);
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('signs in with email and password: an httpOnly, SameSite=Lax cookie for 12 hours, not Secure over http', async () => {
    const admin = await server.app.accounts.createAccount(ADMIN);
    const sent = await send(server.url, 'POST', '/api/auth/sign-in', {
      body: { email: ' ANA@serviciocivil.cl ', password: ADMIN.password },
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ account: admin });
    expect(JSON.stringify(sent.body)).not.toMatch(/scrypt|password/i);
    expect(sent.headers.get('cache-control')).toBe('no-store');
    const [cookie] = sent.setCookies;
    expect(cookie).toMatch(/^plenario_auth=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/);
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie ?? '')?.[1]);
    expect(maxAge).toBeGreaterThan(12 * 3600 - 60);
    expect(maxAge).toBeLessThanOrEqual(12 * 3600);
    adminCookie = authCookie(sent);

    const me = await send(server.url, 'GET', '/api/auth/me', { cookie: adminCookie });
    expect(me.body).toEqual({ account: admin, accountsExist: true, provider: null });
  });

  it('answers a wrong password and an unknown email with the same 401 body, and sets no cookie', async () => {
    const before = count(server, 'auth_sessions');
    const wrongPassword = await send(server.url, 'POST', '/api/auth/sign-in', {
      body: { email: ADMIN.email, password: 'no-es-la-contraseña' },
    });
    const unknownEmail = await send(server.url, 'POST', '/api/auth/sign-in', {
      body: { email: 'nadie@serviciocivil.cl', password: ADMIN.password },
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(errorOf(wrongPassword).code).toBe('UNAUTHORIZED');
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect([...wrongPassword.setCookies, ...unknownEmail.setCookies]).toEqual([]);
    expect(count(server, 'auth_sessions')).toBe(before);
  });

  it('refuses the admin routes without a cookie, or with an unknown one, with 401', async () => {
    for (const cookie of [null, 'plenario_auth=' + 'A'.repeat(43), 'plenario_auth=not a token']) {
      const list = await send(server.url, 'GET', '/api/accounts', { cookie });
      expect(list.status).toBe(401);
      expect(errorOf(list)).toEqual({ code: 'UNAUTHORIZED', message: expect.any(String) });
      const create = await send(server.url, 'POST', '/api/accounts', { cookie, body: FACILITATOR });
      expect(create.status).toBe(401);
    }
    expect(count(server, 'accounts')).toBe(1);
  });

  it('lets an administrator add a facilitator, who can then sign in; the list never shows hashes', async () => {
    const created = await send(server.url, 'POST', '/api/accounts', {
      cookie: adminCookie,
      body: { ...FACILITATOR, email: 'Bea@ServicioCivil.cl' },
    });
    expect(created.status).toBe(201);
    const bea = created.body as Account;
    expect(bea).toEqual({
      id: expect.any(String),
      email: FACILITATOR.email,
      name: FACILITATOR.name,
      role: 'facilitator',
      createdAt: expect.any(Number),
    });

    const list = await send(server.url, 'GET', '/api/accounts', { cookie: adminCookie });
    expect(list.status).toBe(200);
    expect((list.body as Account[]).map((a) => [a.email, a.role])).toEqual([
      [ADMIN.email, 'admin'],
      [FACILITATOR.email, 'facilitator'],
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|hash|password/i);

    const beaCookie = await signIn(server.url, FACILITATOR.email, FACILITATOR.password);
    const me = await send(server.url, 'GET', '/api/auth/me', { cookie: beaCookie });
    expect((me.body as MeResponse).account).toEqual(bea);
  });

  it('refuses an email already taken with 400 VALIDATION_FAILED', async () => {
    const again = await send(server.url, 'POST', '/api/accounts', {
      cookie: adminCookie,
      body: { ...FACILITATOR, email: 'BEA@serviciocivil.cl', name: 'Otra Bea' },
    });
    expect(again.status).toBe(400);
    expect(errorOf(again).code).toBe('VALIDATION_FAILED');
    expect(count(server, 'accounts')).toBe(2);
  });

  it('gives a facilitator 403 FORBIDDEN on every admin route', async () => {
    const beaCookie = await signIn(server.url, FACILITATOR.email, FACILITATOR.password);
    const admin = (await server.app.accounts.list()).find((a) => a.role === 'admin')!;
    const attempts = [
      await send(server.url, 'GET', '/api/accounts', { cookie: beaCookie }),
      await send(server.url, 'POST', '/api/accounts', {
        cookie: beaCookie,
        body: { ...FACILITATOR, email: 'carla@serviciocivil.cl', role: 'admin' },
      }),
      await send(server.url, 'DELETE', `/api/accounts/${admin.id}`, { cookie: beaCookie }),
    ];
    for (const sent of attempts) {
      expect(sent.status).toBe(403);
      expect(errorOf(sent).code).toBe('FORBIDDEN');
    }
    expect(count(server, 'accounts')).toBe(2);
  });

  it.each([
    ['no body', '/api/auth/sign-in', undefined],
    ['a missing password', '/api/auth/sign-in', { email: ADMIN.email }],
    ['an unknown field', '/api/auth/sign-in', { email: ADMIN.email, password: ADMIN.password, remember: true }],
    ['an object for the email', '/api/auth/sign-in', { email: { address: ADMIN.email }, password: ADMIN.password }],
    ['an oversized password', '/api/auth/sign-in', { email: ADMIN.email, password: 'x'.repeat(201) }],
    ['a short password', '/api/accounts', { ...FACILITATOR, email: 'dora@serviciocivil.cl', password: 'corta' }],
    ['an unknown role', '/api/accounts', { ...FACILITATOR, email: 'dora@serviciocivil.cl', role: 'owner' }],
    ['a malformed email', '/api/accounts', { ...FACILITATOR, email: 'dora.serviciocivil.cl' }],
    ['an empty name', '/api/accounts', { ...FACILITATOR, email: 'dora@serviciocivil.cl', name: '' }],
    ['a blank name', '/api/accounts', { ...FACILITATOR, email: 'dora@serviciocivil.cl', name: '   ' }],
  ])('refuses %s on %s with 400 VALIDATION_FAILED and stores nothing', async (_name, path, body) => {
    const before = [count(server, 'accounts'), count(server, 'auth_sessions')];
    const sent = await send(
      server.url,
      'POST',
      path,
      body === undefined ? { cookie: adminCookie, rawBody: '' } : { cookie: adminCookie, body },
    );
    expect(sent.status).toBe(400);
    expect(errorOf(sent).code).toBe('VALIDATION_FAILED');
    expect([count(server, 'accounts'), count(server, 'auth_sessions')]).toEqual(before);
  });

  it('refuses a body that is not JSON with 400 VALIDATION_FAILED', async () => {
    const sent = await send(server.url, 'POST', '/api/auth/sign-in', {
      rawBody: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(sent.status).toBe(400);
    expect(errorOf(sent).code).toBe('VALIDATION_FAILED');
  });

  it('refuses a state-changing request from another origin with 403, cookie or not', async () => {
    for (const cookie of [adminCookie, null]) {
      const sent = await send(server.url, 'POST', '/api/accounts', {
        cookie,
        headers: { origin: 'https://otro-sitio.example' },
        body: { ...FACILITATOR, email: 'eva@serviciocivil.cl' },
      });
      expect(sent.status).toBe(403);
      expect(errorOf(sent)).toEqual({ code: 'FORBIDDEN', message: expect.any(String) });
    }
    expect(count(server, 'accounts')).toBe(2);
    // Nor can another site sign a visitor in to an account of its choosing.
    const signIn = await send(server.url, 'POST', '/api/auth/sign-in', {
      headers: { origin: 'https://otro-sitio.example' },
      body: { email: ADMIN.email, password: ADMIN.password },
    });
    expect(signIn.status).toBe(403);
    expect(signIn.setCookies).toEqual([]);
  });

  it('refuses a sign-out from another origin: the browser stays signed in, on the server too', async () => {
    const cookie = await signIn(server.url, ADMIN.email, ADMIN.password);
    const before = count(server, 'auth_sessions');
    const sent = await send(server.url, 'POST', '/api/auth/sign-out', { cookie, headers: { origin: 'http://evil.example' } });
    expect(sent.status).toBe(403);
    expect(errorOf(sent).code).toBe('FORBIDDEN');
    expect(sent.setCookies).toEqual([]);
    expect(count(server, 'auth_sessions')).toBe(before);
    expect(((await send(server.url, 'GET', '/api/auth/me', { cookie })).body as MeResponse).account?.email).toBe(ADMIN.email);
    // From our own page it works.
    expect((await send(server.url, 'POST', '/api/auth/sign-out', { cookie, headers: { origin: server.url } })).status).toBe(204);
    expect(count(server, 'auth_sessions')).toBe(before - 1);
  });

  it('refuses every state-changing route of the API from another origin, so a new one cannot forget to', async () => {
    const spec = (await send(server.url, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => [method.toUpperCase(), path.replace(/\{[^}]+\}/g, 'abcdefghijkl')] as const),
    );
    expect(routes.map(([method, path]) => `${method} ${path}`)).toEqual(
      expect.arrayContaining(['POST /api/auth/sign-out', 'PUT /api/settings/retention', 'DELETE /api/sessions/abcdefghijkl']),
    );
    const before = [count(server, 'accounts'), count(server, 'auth_sessions')];
    for (const [method, path] of routes) {
      const sent = await send(server.url, method, path, {
        cookie: adminCookie,
        headers: { origin: 'https://otro-sitio.example' },
        body: {},
      });
      expect({ route: `${method} ${path}`, status: sent.status, code: errorOf(sent).code }).toEqual({
        route: `${method} ${path}`,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    expect([count(server, 'accounts'), count(server, 'auth_sessions')]).toEqual(before);
    expect((await send(server.url, 'GET', '/api/accounts', { cookie: adminCookie })).status).toBe(200);
  });

  it('lets an administrator remove another account (signing it out), but not themself', async () => {
    const bea = (await server.app.accounts.list()).find((a) => a.email === FACILITATOR.email)!;
    const admin = (await server.app.accounts.list()).find((a) => a.email === ADMIN.email)!;
    const beaCookie = await signIn(server.url, FACILITATOR.email, FACILITATOR.password);

    const self = await send(server.url, 'DELETE', `/api/accounts/${admin.id}`, { cookie: adminCookie });
    expect(self.status).toBe(400);
    expect(errorOf(self).code).toBe('VALIDATION_FAILED');

    expect((await send(server.url, 'DELETE', `/api/accounts/${bea.id}`, { cookie: adminCookie })).status).toBe(204);
    expect((await send(server.url, 'DELETE', `/api/accounts/${bea.id}`, { cookie: adminCookie })).status).toBe(404);
    expect(((await send(server.url, 'GET', '/api/auth/me', { cookie: beaCookie })).body as MeResponse).account).toBeNull();
    expect((await server.app.accounts.list()).map((a) => a.email)).toEqual([ADMIN.email]);
  });

  it('signs out: the cookie is cleared and the old one no longer works on the server', async () => {
    const cookie = await signIn(server.url, ADMIN.email, ADMIN.password);
    expect((await send(server.url, 'GET', '/api/accounts', { cookie })).status).toBe(200);
    const out = await send(server.url, 'POST', '/api/auth/sign-out', { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('cache-control')).toBe('no-store');
    expect(out.setCookies[0]).toMatch(/^plenario_auth=;/);
    expect(out.setCookies[0]).toMatch(/Expires=Thu, 01 Jan 1970/);
    // A copy of the cookie kept by someone else is now worthless too.
    expect((await send(server.url, 'GET', '/api/accounts', { cookie })).status).toBe(401);
    expect(((await send(server.url, 'GET', '/api/auth/me', { cookie })).body as MeResponse).account).toBeNull();
    // The administrator's other browser is still signed in.
    expect((await send(server.url, 'GET', '/api/accounts', { cookie: adminCookie })).status).toBe(200);
  });

  it('signs out without a cookie too (nothing to end)', async () => {
    expect((await send(server.url, 'POST', '/api/auth/sign-out')).status).toBe(204);
  });
});

describe('the auth cookie behind https', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('is Secure when PUBLIC_URL is https', async () => {
    server = await startServer({ env: { PUBLIC_URL: 'https://plenario.example.cl' } });
    await server.app.accounts.createAccount(ADMIN);
    const sent = await send(server.url, 'POST', '/api/auth/sign-in', { body: { email: ADMIN.email, password: ADMIN.password } });
    expect(sent.status).toBe(200);
    expect(sent.setCookies[0]).toMatch(/; Secure/);
    expect(sent.setCookies[0]).toMatch(/; HttpOnly/);
  });
});

describe('sign-in rate limits', () => {
  let server: TestServer | null = null;
  // The clock stands still (the server runs in this process): a limit refills with time, and
  // the attempts, a scrypt each, may take this machine longer than a refill.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await server?.close();
    server = null;
  });

  /** A sign-in from a given client address (the server trusts X-Forwarded-For here, as behind a proxy). */
  const signInFrom = (address: string, email: string, password: string) =>
    send(server!.url, 'POST', '/api/auth/sign-in', { body: { email, password }, headers: { 'x-forwarded-for': address } });
  const statusesFrom = async (address: string, email: string, times: number): Promise<number[]> => {
    const statuses: number[] = [];
    for (let i = 0; i < times; i++) statuses.push((await signInFrom(address, email, `intento-${i}-fallido`)).status);
    return statuses;
  };
  const { perAccount, perAccountAddress, perAddress } = SIGN_IN_LIMITS;
  const refusedAfter = (allowed: number, times: number) => Array.from({ length: times }, (_, i) => (i < allowed ? 401 : 429));

  it('still lets the owner in from their own address after a stranger made 40 wrong attempts on their email', async () => {
    server = await startServer({ env: { TRUST_PROXY: 'true' } });
    await server.app.accounts.createAccount(ADMIN);
    // The stranger's address is refused once the account is under attack, right password or not.
    expect(await statusesFrom('203.0.113.9', ADMIN.email, 40)).toEqual(refusedAfter(perAccount, 40));
    const stranger = await signInFrom('203.0.113.9', ADMIN.email, ADMIN.password);
    expect(stranger.status).toBe(429);
    expect(stranger.body).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
    expect(stranger.setCookies).toEqual([]);
    expect(count(server, 'auth_sessions')).toBe(0);

    const owner = await signInFrom('198.51.100.20', ADMIN.email, ADMIN.password);
    expect(owner.status).toBe(200);
    expect(authCookie(owner)).toMatch(/^plenario_auth=/);
    expect(count(server, 'auth_sessions')).toBe(1);
  });

  it(`refuses brute force from one address after ${perAccount} failures, even with the right password, and stores nothing`, async () => {
    server = await startServer();
    await server.app.accounts.createAccount(ADMIN);
    for (let i = 0; i < perAccount; i++) {
      const sent = await send(server.url, 'POST', '/api/auth/sign-in', {
        body: { email: i % 2 ? ADMIN.email : ADMIN.email.toUpperCase(), password: `intento-${i}-fallido` },
      });
      expect(sent.status).toBe(401);
    }
    const limited = await send(server.url, 'POST', '/api/auth/sign-in', { body: { email: ADMIN.email, password: ADMIN.password } });
    expect(limited.status).toBe(429);
    expect(errorOf(limited).code).toBe('RATE_LIMITED');
    expect(limited.setCookies).toEqual([]);
    expect([count(server, 'accounts'), count(server, 'auth_sessions')]).toEqual([1, 0]);
  });

  it(`limits addresses taking turns on one account to ${perAccountAddress} failures each once it is under attack, and a clean address still gets in`, async () => {
    server = await startServer({ env: { TRUST_PROXY: 'true' } });
    await server.app.accounts.createAccount(ADMIN);
    const addresses = Array.from({ length: perAccount }, (_, i) => `192.0.2.${i + 1}`);
    // One failure from each brings the account to its limit...
    for (const address of addresses) expect(await statusesFrom(address, ADMIN.email, 1)).toEqual([401]);
    // ...then each address has only its few tries left, far below the limit of an address.
    for (const address of addresses)
      expect(await statusesFrom(address, ADMIN.email, perAccountAddress)).toEqual(refusedAfter(perAccountAddress - 1, perAccountAddress));
    // Every new address gets its few tries too, and no more; the owner's gets in.
    expect(await statusesFrom('192.0.2.200', ADMIN.email, perAccountAddress + 2)).toEqual(
      refusedAfter(perAccountAddress, perAccountAddress + 2),
    );
    expect((await signInFrom('198.51.100.20', ADMIN.email, ADMIN.password)).status).toBe(200);
  });

  it('limits an email without an account exactly like one with an account, so a 429 tells nothing either', async () => {
    server = await startServer({ env: { TRUST_PROXY: 'true' } });
    await server.app.accounts.createAccount(ADMIN);
    const scenario = async (email: string, network: string) => [
      ...(await statusesFrom(`${network}.1`, email, perAccount + 2)),
      ...(await statusesFrom(`${network}.2`, email, perAccountAddress + 1)),
    ];
    const known = await scenario(ADMIN.email, '192.0.2');
    const unknown = await scenario('nadie@serviciocivil.cl', '198.51.100');
    expect(unknown).toEqual(known);
    expect(known).toEqual([...refusedAfter(perAccount, perAccount + 2), ...refusedAfter(perAccountAddress, perAccountAddress + 1)]);
  });

  it(`refuses a client address after ${perAddress} failures, whatever the emails`, async () => {
    server = await startServer();
    const { url } = server;
    await server.app.accounts.createAccount(ADMIN);
    const attempts = await Promise.all(
      Array.from({ length: perAddress }, (_, i) =>
        send(url, 'POST', '/api/auth/sign-in', { body: { email: `persona${i}@serviciocivil.cl`, password: 'una-contraseña' } }),
      ),
    );
    expect(attempts.map((a) => a.status)).toEqual(Array(perAddress).fill(401));
    const limited = await send(url, 'POST', '/api/auth/sign-in', { body: { email: ADMIN.email, password: ADMIN.password } });
    expect(limited.status).toBe(429);
    expect(errorOf(limited).code).toBe('RATE_LIMITED');
    expect(count(server, 'auth_sessions')).toBe(0);
  });

  it('counts a burst of parallel guesses before any is checked: one address gets no more than its limit', async () => {
    server = await startServer();
    await server.app.accounts.createAccount(ADMIN);
    const burst = await Promise.all(
      Array.from({ length: perAccount * 2 }, (_, i) =>
        send(server!.url, 'POST', '/api/auth/sign-in', { body: { email: ADMIN.email, password: `intento-${i}-fallido` } }),
      ),
    );
    expect(burst.filter((a) => a.status === 401)).toHaveLength(perAccount);
    expect(burst.filter((a) => a.status === 429)).toHaveLength(perAccount);
  });
});
