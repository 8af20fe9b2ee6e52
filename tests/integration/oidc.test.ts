import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeResponse } from '../../shared/accounts.ts';
import type { AuditPageBody } from '../../shared/audit.ts';
import type { AllowList } from '../../shared/sign-in-allowlist.ts';
import { SIGN_IN_ATTEMPT_TTL_MS, SIGN_IN_STARTS_PER_ADDRESS } from '../../server/domain/oidc.ts';
import { AUTH_SESSION_TTL_MS } from '../../server/services/account-service.ts';
import { ManualClock } from './support/clock.ts';
import { Browser, CLIENT, startProvider, throughProvider, type TestProvider } from './support/oidc-provider.ts';
import { freePort } from './support/process.ts';
import { startServer, type TestServer } from './support/server.ts';

const ADMIN = { email: 'admin@servicio.cl', name: 'Irene Admin', password: 'contraseña-de-irene', role: 'admin' as const };
const FACILITATOR = { email: 'fabio@servicio.cl', name: 'Fabio Soto', password: 'contraseña-de-fabio', role: 'facilitator' as const };

/** The people at the provider, by the login typed there. */
const USERS = {
  ana: { email: 'ana.rojas@servicio.cl', email_verified: true, name: 'Ana Rojas' },
  bea: { email: 'bea@servicio.cl', email_verified: true, given_name: 'Bea', family_name: 'Muñoz' },
  carla: { email: 'carla@servicio.cl' },
  dora: { email: 'dora@servicio.cl', email_verified: true },
  // An administrator's account made with a password: the provider links to it.
  irene: { email: ADMIN.email, email_verified: true, name: 'Irene' },
  outsider: { email: 'pedro@otra-institucion.cl', email_verified: true },
  unverified: { email: 'eva@servicio.cl', email_verified: false },
  noemail: { name: 'Sin Correo' },
};

let provider: TestProvider;
let server: TestServer;
let url: string;
let adminCookie: string;
const clock = new ManualClock();

const count = (table: 'accounts' | 'auth_sessions' | 'account_identities' | 'audit_entries'): number =>
  (server.app.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

const cookieOf = (response: Response, name: string): string | null => {
  const header = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return header ? header.split(';')[0]! : null;
};

async function json<T>(path: string, cookie: string | null, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(cookie ? { cookie } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

const me = async (cookie: string | null) => (await json<MeResponse>('/api/auth/me', cookie)).body;

/** The callback visited: where Plenario sends the browser, and the sign-in cookie when it set one. */
async function visit(browser: Browser, callback: string): Promise<{ to: string; cookie: string | null }> {
  const response = await browser.request(callback);
  expect(response.status).toBe(302);
  return { to: response.headers.get('location')!, cookie: cookieOf(response, 'plenario_auth') };
}

/** What a refusal must leave behind: no account, no link, no browser session made. */
function nothingCreated(): () => void {
  const before = { accounts: count('accounts'), identities: count('account_identities'), sessions: count('auth_sessions') };
  return () =>
    expect({ accounts: count('accounts'), identities: count('account_identities'), sessions: count('auth_sessions') }).toEqual(before);
}

const latestAudit = async (action: string) => (await json<AuditPageBody>(`/api/audit?action=${action}`, adminCookie)).body.entries[0];

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  provider = await startProvider(`${url}/api/auth/oidc/callback`, USERS);
  server = await startServer({
    port,
    now: clock.now,
    env: {
      PUBLIC_URL: url,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT.id,
      OIDC_CLIENT_SECRET: CLIENT.secret,
      OIDC_NAME: 'Clave Institucional',
    },
  });
  await server.app.accounts.createAccount(ADMIN);
  await server.app.accounts.createAccount(FACILITATOR);
  const signedIn = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
  });
  adminCookie = cookieOf(signedIn, 'plenario_auth')!;
  const added = await json('/api/auth/oidc/allowed', adminCookie, { method: 'POST', body: { entry: 'servicio.cl' } });
  expect(added.status).toBe(201);
});

afterAll(async () => {
  await server?.close();
  await provider?.close();
});

describe('sign-in with an OpenID Connect provider', () => {
  it('offers the provider by its name', async () => {
    expect((await me(null)).provider).toEqual({ name: 'Clave Institucional' });
  });

  it('a first sign-in by an allowed email makes a facilitator account linked to the identity; the next one opens the same account', async () => {
    const accountsBefore = count('accounts');
    const browser = new Browser();
    const first = await visit(browser, await throughProvider(browser, url, 'ana'));
    expect(first.to).toBe('/sessions');
    expect(first.cookie).not.toBeNull();
    const account = (await me(first.cookie)).account!;
    expect(account).toMatchObject({ email: 'ana.rojas@servicio.cl', name: 'Ana Rojas', role: 'facilitator' });
    expect(count('accounts')).toBe(accountsBefore + 1);
    const link = server.app.db.prepare('SELECT issuer, subject FROM account_identities WHERE account_id = ?').get(account.id);
    expect(link).toEqual({ issuer: provider.issuer, subject: 'ana' });
    // The attempt's cookie is gone once used.
    expect(browser.cookie(url, 'plenario_oidc')).toBeUndefined();

    const created = await latestAudit('account.created');
    expect(created).toMatchObject({ actor: { kind: 'account', accountId: account.id }, detail: { role: 'facilitator', method: 'oidc' } });
    const signedIn = await latestAudit('sign-in.succeeded');
    expect(signedIn).toMatchObject({
      actor: { accountId: account.id },
      target: { kind: 'account', id: account.id },
      detail: { method: 'oidc' },
    });

    const again = new Browser();
    const second = await visit(again, await throughProvider(again, url, 'ana'));
    expect(second.to).toBe('/sessions');
    expect((await me(second.cookie)).account?.id).toBe(account.id);
    expect(count('accounts')).toBe(accountsBefore + 1);

    // The account has no password: email-and-password does not open it.
    const withPassword = await json('/api/auth/sign-in', null, { method: 'POST', body: { email: account.email, password: 'oidc' } });
    expect(withPassword.status).toBe(401);
  });

  it('names a new account from given and family names, and links an allowed email that already has an account, keeping its role', async () => {
    const browser = new Browser();
    const bea = await visit(browser, await throughProvider(browser, url, 'bea'));
    expect((await me(bea.cookie)).account).toMatchObject({ email: 'bea@servicio.cl', name: 'Bea Muñoz' });

    const accountsBefore = count('accounts');
    const admin = new Browser();
    const irene = await visit(admin, await throughProvider(admin, url, 'irene'));
    expect((await me(irene.cookie)).account).toMatchObject({ email: ADMIN.email, role: 'admin', name: ADMIN.name });
    expect(count('accounts')).toBe(accountsBefore);
  });

  it('takes an email without email_verified (as Entra ID sends it), refuses one marked unverified and an identity without email', async () => {
    const browser = new Browser();
    expect((await visit(browser, await throughProvider(browser, url, 'carla'))).to).toBe('/sessions');

    for (const [login, reason] of [
      ['unverified', 'no-email'],
      ['noemail', 'no-email'],
    ] as const) {
      const unchanged = nothingCreated();
      const someone = new Browser();
      const refused = await visit(someone, await throughProvider(someone, url, login));
      expect(refused).toEqual({ to: `/signin?oidc=${reason}`, cookie: null });
      unchanged();
    }
  });

  it('refuses an email that is not on the list, creates nothing, and keeps neither the email nor its domain in the trail', async () => {
    const unchanged = nothingCreated();
    const browser = new Browser();
    const refused = await visit(browser, await throughProvider(browser, url, 'outsider'));
    expect(refused).toEqual({ to: '/signin?oidc=not-allowed', cookie: null });
    unchanged();
    expect(await latestAudit('sign-in.failed')).toMatchObject({
      actor: { kind: 'unknown' },
      target: null,
      detail: { method: 'oidc', reason: 'not-allowed' },
    });
    const trail = JSON.stringify(server.app.db.prepare('SELECT * FROM audit_entries').all());
    expect(trail).not.toContain('otra-institucion');
  });

  it('refuses a callback whose state is not the one this browser started with', async () => {
    const unchanged = nothingCreated();
    const browser = new Browser();
    const callback = new URL(await throughProvider(browser, url, 'dora'));
    expect(callback.searchParams.get('state')).toBe(browser.cookie(url, 'plenario_oidc'));
    callback.searchParams.set('state', 'un-estado-que-nadie-pidio');
    expect(await visit(browser, callback.href)).toEqual({ to: '/signin?oidc=provider-refused', cookie: null });
    unchanged();
    expect((await latestAudit('sign-in.failed'))?.detail).toEqual({ method: 'oidc', reason: 'provider-refused' });

    // Nor one whose cookie names an attempt the server never started, or no cookie at all.
    const forged = new Browser();
    const forgedCallback = await throughProvider(forged, url, 'dora');
    forged.setCookie(url, 'plenario_oidc', 'un-intento-inventado');
    expect(await visit(forged, forgedCallback)).toEqual({ to: '/signin?oidc=attempt-unknown', cookie: null });
    const bare = new Browser();
    expect(await visit(bare, `${url}/api/auth/oidc/callback?code=abc&state=def`)).toEqual({
      to: '/signin?oidc=attempt-unknown',
      cookie: null,
    });
    unchanged();
  });

  it('refuses a replayed code: the same callback again, and the code with a new attempt', async () => {
    const browser = new Browser();
    const callback = await throughProvider(browser, url, 'ana');
    expect((await visit(browser, callback)).to).toBe('/sessions');

    const unchanged = nothingCreated();
    // The same address again, cookie and all (as a stolen history entry would be replayed).
    const state = new URL(callback).searchParams.get('state')!;
    browser.setCookie(url, 'plenario_oidc', state);
    expect(await visit(browser, callback)).toEqual({ to: '/signin?oidc=attempt-unknown', cookie: null });

    // The code with a fresh attempt's state: the provider refuses a code used once (and the PKCE verifier differs).
    const start = await browser.request(`${url}/api/auth/oidc/start`);
    expect(start.status).toBe(302);
    const replay = new URL(callback);
    replay.searchParams.set('state', browser.cookie(url, 'plenario_oidc')!);
    expect(await visit(browser, replay.href)).toEqual({ to: '/signin?oidc=provider-refused', cookie: null });
    unchanged();
  });

  it('refuses an attempt that took longer than its time to come back', async () => {
    const unchanged = nothingCreated();
    const browser = new Browser();
    const callback = await throughProvider(browser, url, 'dora');
    const start = clock.ms;
    clock.advance(SIGN_IN_ATTEMPT_TTL_MS + 1);
    try {
      expect(await visit(browser, callback)).toEqual({ to: '/signin?oidc=attempt-expired', cookie: null });
    } finally {
      clock.ms = start;
    }
    unchanged();
  });

  it('a sign-in through the provider ends like any other: after its time the cookie opens nothing', async () => {
    const browser = new Browser();
    const { cookie } = await visit(browser, await throughProvider(browser, url, 'ana'));
    expect((await me(cookie)).account?.email).toBe('ana.rojas@servicio.cl');
    const start = clock.ms;
    clock.advance(AUTH_SESSION_TTL_MS - 1);
    try {
      expect((await me(cookie)).account?.email).toBe('ana.rojas@servicio.cl');
      clock.advance(1);
      expect((await me(cookie)).account).toBeNull();
      expect((await json('/api/workspace/sessions', cookie)).status).toBe(401);
    } finally {
      clock.ms = start;
    }
  });
});

describe('the allow-list, for administrators', () => {
  it('lists, adds (an address or a domain) and removes entries, each change in the audit trail', async () => {
    const added = await json<{ entry: string }>('/api/auth/oidc/allowed', adminCookie, {
      method: 'POST',
      body: { entry: ' Invitada@Externa.CL ' },
    });
    expect(added).toMatchObject({ status: 201, body: { entry: 'invitada@externa.cl' } });
    expect(await latestAudit('sign-in-allowlist.added')).toMatchObject({
      actor: { kind: 'account', email: ADMIN.email },
      target: { kind: 'settings', label: 'sign-in-allowlist' },
      detail: { entry: 'invitada@externa.cl' },
    });
    const list = await json<AllowList>('/api/auth/oidc/allowed', adminCookie);
    expect(list.body.entries.map((e) => e.entry)).toEqual(['@servicio.cl', 'invitada@externa.cl']);

    const removed = await json('/api/auth/oidc/allowed/invitada%40externa.cl', adminCookie, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect(await latestAudit('sign-in-allowlist.removed')).toMatchObject({ detail: { entry: 'invitada@externa.cl' } });
    expect((await json<AllowList>('/api/auth/oidc/allowed', adminCookie)).body.entries.map((e) => e.entry)).toEqual(['@servicio.cl']);
  });

  it('refuses what is neither an address nor a domain, an unknown entry, a facilitator and nobody; the list stays as it was', async () => {
    const before = (await json<AllowList>('/api/auth/oidc/allowed', adminCookie)).body;
    const auditBefore = count('audit_entries');
    for (const entry of ['servicio', 'ana@', '@.cl', 'dos palabras.cl']) {
      const refused = await json<{ error: { code: string; message: string } }>('/api/auth/oidc/allowed', adminCookie, {
        method: 'POST',
        body: { entry },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    }
    const extra = await json('/api/auth/oidc/allowed', adminCookie, { method: 'POST', body: { entry: 'a.cl', more: 1 } });
    expect(extra.status).toBe(400);
    const unknown = await json<{ error: { code: string } }>('/api/auth/oidc/allowed/nadie%40servicio.cl', adminCookie, {
      method: 'DELETE',
    });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });

    const facilitator = await fetch(`${url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: FACILITATOR.email, password: FACILITATOR.password }),
    });
    const facilitatorCookie = cookieOf(facilitator, 'plenario_auth');
    expect((await json('/api/auth/oidc/allowed', facilitatorCookie)).status).toBe(403);
    expect((await json('/api/auth/oidc/allowed', facilitatorCookie, { method: 'POST', body: { entry: 'x.cl' } })).status).toBe(403);
    expect((await json('/api/auth/oidc/allowed/%40servicio.cl', facilitatorCookie, { method: 'DELETE' })).status).toBe(403);
    expect((await json('/api/auth/oidc/allowed', null)).status).toBe(401);

    expect((await json<AllowList>('/api/auth/oidc/allowed', adminCookie)).body).toEqual(before);
    // The facilitator's password sign-in is the one new entry.
    expect(count('audit_entries')).toBe(auditBefore + 1);
  });
});

describe('starting sign-ins', () => {
  it("limits the attempts one address starts, so a flood cannot push out everyone else's; the limit refills with time", async () => {
    const start = () => fetch(`${url}/api/auth/oidc/start`, { redirect: 'manual' });
    let started = 0;
    while ((await start()).status === 302) started += 1;
    // Earlier tests started some from this address too.
    expect(started).toBeLessThanOrEqual(SIGN_IN_STARTS_PER_ADDRESS);
    const refused = await start();
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Demasiados intentos de ingreso desde esta red. Espera unos minutos y vuelve a intentarlo.',
    });
    clock.advance(SIGN_IN_ATTEMPT_TTL_MS);
    expect((await start()).status).toBe(302);
  });
});
