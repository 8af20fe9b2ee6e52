import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditPageBody } from '../../shared/audit.ts';
import type { ErrorBody } from '../../shared/errors.ts';
import type { CreatedSession } from '../../shared/types.ts';
import { AUDIT_KEEP_DAYS } from '../../server/domain/audit.ts';
import { ManualClock } from './support/clock.ts';
import { parseCsv } from './support/files.ts';
import { startServer, type TestServer } from './support/server.ts';

const ADMIN = { email: 'ana@serviciocivil.cl', name: 'Ana Pérez', password: 'contraseña-de-ana', role: 'admin' as const };
const FACILITATOR = { email: 'bea@serviciocivil.cl', name: 'Bea Soto', password: 'contraseña-de-bea', role: 'facilitator' as const };
const DAY_MS = 24 * 60 * 60 * 1000;

let server: TestServer;
const clock = new ManualClock(Date.UTC(2026, 10, 20, 14, 0, 0));
let admin: { id: string; cookie: string };
let facilitator: { id: string; cookie: string };

/** A request with the sign-in cookie, or the console's Bearer token; JSON bodies. */
async function call(method: string, path: string, options: { cookie?: string; token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
  });
  return { response, text: await response.text() };
}

async function signIn(email: string, password: string): Promise<string> {
  const { response } = await call('POST', '/api/auth/sign-in', { body: { email, password } });
  expect(response.status).toBe(200);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

/** The entries written since the last call, oldest first, read from the database itself. */
let seen = 0;
async function newEntries(): Promise<AuditEntry[]> {
  const page = await server.app.services.audit.list({}, 1);
  const fresh = page.entries.slice(0, page.total - seen).reverse();
  seen = page.total;
  return fresh;
}

const rowCount = () => (server.app.db.prepare('SELECT COUNT(*) AS n FROM audit_entries').get() as { n: number }).n;

async function createSession(cookie: string, title: string): Promise<CreatedSession> {
  const { response, text } = await call('POST', '/api/sessions', { cookie, body: { title, template: 'bienestar-sesion-2' } });
  expect(response.status).toBe(201);
  return JSON.parse(text) as CreatedSession;
}

beforeAll(async () => {
  server = await startServer({ now: clock.now });
  const a = await server.app.accounts.createAccount(ADMIN);
  const f = await server.app.accounts.createAccount(FACILITATOR);
  admin = { id: a.id, cookie: await signIn(ADMIN.email, ADMIN.password) };
  facilitator = { id: f.id, cookie: await signIn(FACILITATOR.email, FACILITATOR.password) };
  await newEntries();
});

afterAll(async () => {
  await server.close();
});

const bea = () => ({ kind: 'account', accountId: facilitator.id, email: FACILITATOR.email });
const ana = () => ({ kind: 'account', accountId: admin.id, email: ADMIN.email });

describe('the audit trail records each audited action once, with its actor and target', () => {
  it('sign-ins: a success names the account; a failure names the account tried, or nothing, and never the email typed', async () => {
    await signIn(FACILITATOR.email, FACILITATOR.password);
    expect(await newEntries()).toMatchObject([
      {
        action: 'sign-in.succeeded',
        at: clock.ms,
        actor: bea(),
        target: { kind: 'account', id: facilitator.id, ownerAccountId: facilitator.id },
      },
    ]);

    expect(
      (await call('POST', '/api/auth/sign-in', { body: { email: FACILITATOR.email, password: 'no-es-la-clave' } })).response.status,
    ).toBe(401);
    expect(await newEntries()).toMatchObject([
      { action: 'sign-in.failed', actor: { kind: 'unknown' }, target: { kind: 'account', id: facilitator.id } },
    ]);

    const stranger = 'quien-sea@ejemplo.cl';
    expect((await call('POST', '/api/auth/sign-in', { body: { email: stranger, password: 'no-es-la-clave' } })).response.status).toBe(401);
    expect(await newEntries()).toEqual([
      expect.objectContaining({ action: 'sign-in.failed', actor: { kind: 'unknown' }, target: null, detail: {} }),
    ]);
    const stored = JSON.stringify(server.app.db.prepare('SELECT * FROM audit_entries').all());
    expect(stored).not.toContain(stranger);
    expect(stored).not.toContain('no-es-la-clave');
  });

  it('report downloads, by account and by console link, session and series, with the format', async () => {
    const session = await createSession(facilitator.cookie, 'Taller de bienestar 1');
    await newEntries();
    expect((await call('GET', `/api/sessions/${session.id}/report.csv`, { cookie: facilitator.cookie })).response.status).toBe(200);
    expect(await newEntries()).toMatchObject([
      {
        action: 'report.downloaded',
        actor: bea(),
        target: { kind: 'session', id: session.id, label: 'Taller de bienestar 1', ownerAccountId: facilitator.id },
        detail: { format: 'csv' },
      },
    ]);
    expect((await call('GET', `/api/sessions/${session.id}/report.json`, { token: session.facilitatorToken })).response.status).toBe(200);
    expect(await newEntries()).toMatchObject([
      { action: 'report.downloaded', actor: { kind: 'session-link' }, detail: { format: 'json' } },
    ]);

    const series = await call('POST', '/api/series', { cookie: facilitator.cookie, body: { title: 'Ministerio 2026' } });
    const seriesId = (JSON.parse(series.text) as { id: string }).id;
    expect((await call('GET', `/api/series/${seriesId}/report.json`, { cookie: admin.cookie })).response.status).toBe(200);
    expect(await newEntries()).toMatchObject([
      {
        action: 'report.downloaded',
        actor: ana(),
        target: { kind: 'series', id: seriesId, label: 'Ministerio 2026', ownerAccountId: facilitator.id },
        detail: { format: 'json' },
      },
    ]);

    // Refused: nothing downloaded, nothing recorded.
    expect((await call('GET', `/api/sessions/${session.id}/report.csv`)).response.status).toBe(401);
    expect(await newEntries()).toEqual([]);
  });

  it('console links and session deletions', async () => {
    const session = await createSession(facilitator.cookie, 'Taller que se borra');
    expect((await call('POST', `/api/sessions/${session.id}/facilitator-links`, { cookie: admin.cookie })).response.status).toBe(201);
    expect(await newEntries()).toMatchObject([
      {
        action: 'facilitator-link.created',
        actor: ana(),
        target: { kind: 'session', id: session.id, ownerAccountId: facilitator.id },
      },
    ]);
    expect((await call('DELETE', `/api/sessions/${session.id}`, { token: session.facilitatorToken })).response.status).toBe(204);
    expect(await newEntries()).toMatchObject([
      { action: 'session.deleted', actor: { kind: 'session-link' }, target: { id: session.id, label: '', ownerAccountId: facilitator.id } },
    ]);
    // Deleting removes the title from the trail too: the entries keep the session's id and owner.
    const stored = JSON.stringify(server.app.db.prepare('SELECT * FROM audit_entries').all());
    expect(stored).not.toContain('Taller que se borra');
    // Gone already: 404, no second entry.
    expect((await call('DELETE', `/api/sessions/${session.id}`, { cookie: admin.cookie })).response.status).toBe(404);
    expect(await newEntries()).toEqual([]);
  });

  it('account changes: created and removed by an administrator; a refused removal records nothing', async () => {
    const created = await call('POST', '/api/accounts', {
      cookie: admin.cookie,
      body: { email: 'caro@serviciocivil.cl', name: 'Caro Díaz', password: 'contraseña-de-caro', role: 'facilitator' },
    });
    const caro = JSON.parse(created.text) as { id: string };
    expect(await newEntries()).toMatchObject([
      {
        action: 'account.created',
        actor: ana(),
        target: { kind: 'account', id: caro.id, label: 'caro@serviciocivil.cl' },
        detail: { role: 'facilitator' },
      },
    ]);
    expect((await call('DELETE', `/api/accounts/${admin.id}`, { cookie: admin.cookie })).response.status).toBe(400);
    expect((await call('DELETE', '/api/accounts/no-existe-esta', { cookie: admin.cookie })).response.status).toBe(404);
    expect(await newEntries()).toEqual([]);
    expect((await call('DELETE', `/api/accounts/${caro.id}`, { cookie: admin.cookie })).response.status).toBe(204);
    expect(await newEntries()).toMatchObject([
      { action: 'account.deleted', actor: ana(), target: { id: caro.id, label: 'caro@serviciocivil.cl' } },
    ]);
  });

  it('retention changes, and each session whose participant data they remove', async () => {
    const old = await createSession(facilitator.cookie, 'Taller antiguo');
    clock.advance(40 * DAY_MS);
    // Sign-ins last 12 hours on the server's clock too: both sign in again, 40 days later.
    admin.cookie = await signIn(ADMIN.email, ADMIN.password);
    facilitator.cookie = await signIn(FACILITATOR.email, FACILITATOR.password);
    await newEntries();
    const { response } = await call('PUT', '/api/settings/retention', { cookie: admin.cookie, body: { days: 30 } });
    expect(response.status).toBe(200);
    const entries = await newEntries();
    expect(entries[0]).toMatchObject({
      action: 'retention.changed',
      actor: ana(),
      target: { kind: 'settings' },
      detail: { from: null, to: 30 },
    });
    const removed = entries.filter((e) => e.action === 'participant-data.removed');
    expect(removed.map((e) => e.target?.id)).toContain(old.id);
    expect(removed.every((e) => e.actor.kind === 'account' && e.actor.accountId === admin.id)).toBe(true);
    expect(entries.length).toBe(1 + removed.length);
  });
});

describe('the audit routes', () => {
  it('refuse a facilitator (403) and a stranger (401), and a bad filter (400), with nothing changed', async () => {
    const before = rowCount();
    for (const path of ['/api/audit', '/api/audit.csv']) {
      const asFacilitator = await call('GET', path, { cookie: facilitator.cookie });
      expect(asFacilitator.response.status).toBe(403);
      expect((JSON.parse(asFacilitator.text) as { error: ErrorBody }).error.code).toBe('FORBIDDEN');
      expect((await call('GET', path)).response.status).toBe(401);
      expect((await call('GET', `${path}?action=borrar-todo`, { cookie: admin.cookie })).response.status).toBe(400);
    }
    expect((await call('GET', '/api/audit?page=0', { cookie: admin.cookie })).response.status).toBe(400);
    expect(rowCount()).toBe(before);
  });

  it('list newest first, filter by action and by account, and page by 50', async () => {
    const all = JSON.parse((await call('GET', '/api/audit', { cookie: admin.cookie })).text) as AuditPageBody;
    expect(all.total).toBe(rowCount());
    expect(all.keepDays).toBe(AUDIT_KEEP_DAYS);
    const times = all.entries.map((e) => [e.at, e.id]);
    expect(times).toEqual([...times].sort((a, b) => b[0]! - a[0]! || b[1]! - a[1]!));

    const failed = JSON.parse((await call('GET', '/api/audit?action=sign-in.failed', { cookie: admin.cookie })).text) as AuditPageBody;
    expect(failed.total).toBe(2);
    expect(failed.entries.every((e) => e.action === 'sign-in.failed')).toBe(true);

    const byBea = JSON.parse((await call('GET', `/api/audit?accountId=${facilitator.id}`, { cookie: admin.cookie })).text) as AuditPageBody;
    expect(byBea.total).toBeGreaterThan(0);
    expect(byBea.entries.every((e) => e.actor.kind === 'account' && e.actor.accountId === facilitator.id)).toBe(true);

    // 60 downloads: page 1 holds 50, page 2 the rest.
    const session = await createSession(facilitator.cookie, 'Taller de muchas descargas');
    for (let i = 0; i < 60; i++) await call('GET', `/api/sessions/${session.id}/report.json`, { token: session.facilitatorToken });
    const query = '/api/audit?action=report.downloaded';
    const first = JSON.parse((await call('GET', query, { cookie: admin.cookie })).text) as AuditPageBody;
    const secondPage = await call('GET', `${query}&page=2`, { cookie: admin.cookie });
    expect(secondPage.response.status, secondPage.text).toBe(200);
    const second = JSON.parse(secondPage.text) as AuditPageBody;
    expect(first.entries).toHaveLength(50);
    expect(second.entries).toHaveLength(first.total - 50);
    expect(new Set([...first.entries, ...second.entries].map((e) => e.id)).size).toBe(first.total);
  });

  it('export the filtered entries as CSV', async () => {
    const { response, text } = await call('GET', '/api/audit.csv?action=account.deleted', { cookie: admin.cookie });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="registro-de-auditoria.csv"');
    const rows = parseCsv(text.replace(/^\uFEFF/, ''), ',');
    expect(rows[0]).toEqual([
      'at',
      'action',
      'actor_kind',
      'actor_account_id',
      'actor_email',
      'target_kind',
      'target_id',
      'target_label',
      'target_owner_account_id',
      'detail',
    ]);
    expect(rows.slice(1)).toHaveLength(1);
    expect(rows[1]).toMatchObject({ 1: 'account.deleted', 3: admin.id, 4: ADMIN.email, 7: 'caro@serviciocivil.cl' });
  });

  it('forgets entries past the keeping period with the hourly retention job', async () => {
    const before = rowCount();
    clock.advance((AUDIT_KEEP_DAYS + 1) * DAY_MS);
    expect(await server.app.services.audit.prune()).toBe(before);
    expect(rowCount()).toBe(0);
  });
});
