import { get, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallClient } from './support/files.ts';
import { createSession, startServer, tempDataDir, type TestServer } from './support/server.ts';

let server: TestServer;

beforeAll(async () => {
  const dataDir = tempDataDir();
  server = await startServer({ dataDir, env: { CLIENT_DIR: smallClient(dataDir, 'console.log("Plenario");') } });
});

afterAll(async () => {
  await server?.close();
});

/** The CSP's directives, by name. */
function directives(policy: string | null): Map<string, string[]> {
  return new Map(
    (policy ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  );
}

/** What every response must carry, pages or not (the CSP is checked by its directives). */
const EXPECTED = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** A response's headers, from fetch or from node:http. */
type HeaderReader = { get(name: string): string | null };

function expectSecurityHeaders(response: { headers: HeaderReader }, what: string): void {
  const found = Object.fromEntries(Object.keys(EXPECTED).map((name) => [name, response.headers.get(name)]));
  expect(found, what).toEqual(EXPECTED);
  const csp = directives(response.headers.get('content-security-policy'));
  expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(csp.get('default-src'), what).toEqual(["'self'"]);
}

function conditionalGet(url: string, etag: string): Promise<{ status: number; headers: HeaderReader }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'if-none-match': etag } }, (response) => {
      response.resume();
      const headers: IncomingHttpHeaders = response.headers;
      const read = (name: string) => {
        const value = headers[name];
        return Array.isArray(value) ? value.join(', ') : (value ?? null);
      };
      resolve({ status: response.statusCode ?? 0, headers: { get: read } });
    }).on('error', reject);
  });
}

describe('security headers', () => {
  it('are on pages, on a page revalidated with 304, and on assets', async () => {
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expectSecurityHeaders(home, 'GET /');
    // An app path served as index.html by the fallback.
    const join = await fetch(`${server.url}/j/482913`);
    expect(join.headers.get('content-type')).toMatch(/^text\/html/);
    expectSecurityHeaders(join, 'GET /j/482913');
    // A browser revalidating a page stores the headers of the 304 (fetch would not revalidate:
    // it adds Cache-Control: no-cache to a conditional request, so node:http asks here).
    const etag = join.headers.get('etag');
    expect(etag).not.toBeNull();
    const revalidated = await conditionalGet(`${server.url}/j/482913`, etag!);
    expect(revalidated.status).toBe(304);
    expectSecurityHeaders(revalidated, 'GET / (304)');
    expectSecurityHeaders(await fetch(`${server.url}/assets/app.js`), 'GET /assets/app.js');
  });

  it('make the page policy strict: scripts and styles from our origin only, nothing inline, no plugins, no base', async () => {
    const csp = directives((await fetch(`${server.url}/`)).headers.get('content-security-policy'));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect([...csp.values()].flat()).not.toContain("'unsafe-inline'");
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it('are on API answers, errors and report downloads', async () => {
    const session = await createSession(server.url);
    expectSecurityHeaders(await fetch(`${server.url}/api/join/${session.code}`), 'GET /api/join/:code');
    expectSecurityHeaders(await fetch(`${server.url}/healthz`), 'GET /healthz');
    const missing = await fetch(`${server.url}/api/no-such-route`);
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing, 'GET /api/no-such-route');
    const invalid = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title": 42}',
    });
    expect(invalid.status).toBe(400);
    expectSecurityHeaders(invalid, 'POST /api/sessions (invalid)');
    const report = await fetch(`${server.url}/api/sessions/${session.id}/report.csv`, {
      headers: { authorization: `Bearer ${session.facilitatorToken}` },
    });
    expect(report.status).toBe(200);
    expect(report.headers.get('content-disposition')).toMatch(/^attachment/);
    expectSecurityHeaders(report, 'GET /api/sessions/:id/report.csv');
  });

  it('are on what Socket.IO answers itself: polling, an unknown connection, a refused origin', async () => {
    const handshake = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    expect(handshake.status).toBe(200);
    expect(await handshake.text()).toContain('"sid"');
    expectSecurityHeaders(handshake, 'Socket.IO polling handshake');
    const unknown = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling&sid=unknown`);
    expect(unknown.status).toBe(400);
    expectSecurityHeaders(unknown, 'Socket.IO polling, unknown sid');
    const foreign = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expectSecurityHeaders(foreign, 'Socket.IO polling, foreign origin');
  });
});
