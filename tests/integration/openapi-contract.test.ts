import SwaggerParser from '@apidevtools/swagger-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits.ts';
import { SERIES_REPORT_FORMATS, SESSION_REPORT_FORMATS } from '../../shared/report.ts';
import { ROUTE_SECURITY } from '../../server/openapi.ts';
import { ContractChecker, openApiPath, type OpenApiDocument } from './support/contract.ts';
import type { CreatedSession } from '../../shared/types.ts';
import { startServer, type TestServer } from './support/server.ts';

const PASSWORD = 'contraseña-segura-1';
let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

interface Operation {
  parameters?: { name: string; in: string }[];
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

async function documentOf(url: string): Promise<OpenApiDocument & { components: Record<string, Record<string, unknown>> }> {
  return (await (await fetch(`${url}/api/openapi.json`)).json()) as never;
}

const operations = (doc: OpenApiDocument) =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation: operation as Operation })),
  );

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.0.3 document that says who may call every operation', async () => {
    server = await startServer();
    const doc = await documentOf(server.url);
    expect(doc.openapi).toBe('3.0.3');
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
    expect(Object.keys(doc.components.securitySchemes!)).toEqual(['facilitatorToken', 'signInCookie', 'metricsToken']);
    // Every route is in ROUTE_SECURITY and every entry is a route: neither can drift from the other.
    const documented = operations(doc).map((o) => o.key);
    expect(documented.sort()).toEqual(
      Object.keys(ROUTE_SECURITY)
        .map((key) => openApiPath(key))
        .sort(),
    );
    for (const { key, operation } of operations(doc)) {
      expect(operation.security, key).toBeDefined();
      const named = operation.security!.flatMap((requirement) => Object.keys(requirement));
      for (const name of named) expect(['facilitatorToken', 'signInCookie', 'metricsToken'], key).toContain(name);
      if (operation.parameters?.some((p) => p.in === 'path' && p.name === 'id')) expect(operation.responses['400'], key).toBeDefined();
    }
    const withBody = operations(doc).filter(({ key }) => /^(POST|PUT) /.test(key) && !key.endsWith('/facilitator-links'));
    for (const { key, operation } of withBody) if (key !== 'POST /api/auth/sign-out') expect(operation.responses['413'], key).toBeDefined();
  });

  it('describes every report download: media type, the JSON schema, and the separator on CSV only', async () => {
    server = await startServer();
    const doc = await documentOf(server.url);
    const mediaTypes = {
      json: 'application/json',
      csv: 'text/csv',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      pdf: 'application/pdf',
      pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    };
    const routes = [
      ...SESSION_REPORT_FORMATS.map((format) => ({ format, path: `/api/sessions/{id}/report.${format}`, root: 'session' })),
      ...SERIES_REPORT_FORMATS.map((format) => ({ format, path: `/api/series/{id}/report.${format}`, root: 'series' })),
    ];
    expect(routes).toHaveLength(8);
    for (const { format, path, root } of routes) {
      const operation = doc.paths[path]!.get as unknown as Operation;
      const content = operation.responses['200']?.content;
      expect(Object.keys(content ?? {}), path).toEqual([mediaTypes[format]]);
      const schema = content![mediaTypes[format]]!.schema!;
      if (format === 'json') {
        expect(schema.type, path).toBe('object');
        expect(schema.required, path).toEqual(expect.arrayContaining(['format', 'version', 'generatedAt', root]));
      } else expect(schema, path).toEqual({ type: 'string', format: 'binary' });
      const query = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      expect(query, path).toEqual(format === 'csv' ? ['locale', 'separator'] : ['locale']);
      for (const status of ['400', '401', '403', '404']) expect(operation.responses[status], `${path} ${status}`).toBeDefined();
    }
    const snapshot = (doc.paths['/api/sessions/{id}']!.get as unknown as Operation).responses['200']!.content!['application/json']!.schema!;
    expect(snapshot.required).toEqual(['session', 'breakouts', 'syntheses', 'results', 'qa']);
  });

  it('its checker catches an undocumented status, a wrong content type and a body that breaks its schema', async () => {
    server = await startServer();
    const checker = new ContractChecker(await documentOf(server.url));
    const base = { method: 'GET', route: '/api/sessions/:id/report.json', contentType: 'application/json; charset=utf-8' };
    expect(checker.problems({ ...base, status: 418, body: '{}' })[0]).toMatch(/status not documented/);
    expect(checker.problems({ ...base, status: 200, contentType: 'text/html', body: '<p>' })[0]).toMatch(/content type "text\/html"/);
    expect(checker.problems({ ...base, status: 200, body: '{"format":"plenario-session-report"}' })[0]).toMatch(/does not match/);
    expect(checker.problems({ ...base, status: 404, body: '{"error":{"code":"SESSION_NOT_FOUND","message":"No"}}' })).toEqual([]);
    expect(checker.problems({ ...base, route: '/not/documented', status: 200, body: null })).toEqual([]);
  });
});

describe('responses against the document', () => {
  it('every report route, the session view, a malformed id and an oversized body answer as documented', async () => {
    server = await startServer();
    const { url } = server;
    await server.app.accounts.createAccount({ email: 'ana@example.cl', name: 'Ana', password: PASSWORD, role: 'admin' });
    const signIn = await fetch(`${url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ana@example.cl', password: PASSWORD }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const series = (await (
      await fetch(`${url}/api/series`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: '{"title":"Serie"}',
      })
    ).json()) as { id: string };
    const created = await fetch(`${url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ title: 'Contrato', template: 'bienestar-sesion-2', seriesId: series.id }),
    });
    const session = (await created.json()) as CreatedSession;
    const bearer = { authorization: `Bearer ${session.facilitatorToken}` };
    for (const format of SESSION_REPORT_FORMATS)
      expect((await fetch(`${url}/api/sessions/${session.id}/report.${format}`, { headers: bearer })).status).toBe(200);
    for (const format of SERIES_REPORT_FORMATS)
      expect((await fetch(`${url}/api/series/${series.id}/report.${format}`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${url}/api/sessions/${session.id}`, { headers: bearer })).status).toBe(200);
    expect((await fetch(`${url}/api/sessions/${session.id}/report.pdf?separator=comma`, { headers: bearer })).status).toBe(400);
    expect((await fetch(`${url}/api/sessions/no%20such%20id/report.json`, { headers: bearer })).status).toBe(400);
    expect((await fetch(`${url}/api/sessions/${session.id}/report.json`)).status).toBe(401);
    const big = await fetch(`${url}/api/series`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ title: 'x'.repeat(LIMITS.httpBodyBytes + 10) }),
    });
    expect(big.status).toBe(413);

    // The checker saw each of them; close() fails the test if any broke the document.
    const seen = new Set(server.responses.map((r) => `${r.method} ${r.route} ${r.status}`));
    for (const format of SESSION_REPORT_FORMATS) expect(seen).toContain(`GET /api/sessions/:id/report.${format} 200`);
    for (const format of SERIES_REPORT_FORMATS) expect(seen).toContain(`GET /api/series/:id/report.${format} 200`);
    expect(seen).toContain('GET /api/sessions/:id 200');
    expect(seen).toContain('POST /api/series 413');
    const contract = new ContractChecker(await documentOf(url));
    expect(server.responses.flatMap((r) => contract.problems(r))).toEqual([]);
  });
});
