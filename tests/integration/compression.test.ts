import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../server/cli/precompress.ts';
import { smallClient } from './support/files.ts';
import { createSession, startServer, tempDataDir, type TestServer } from './support/server.ts';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request as a browser sends it, the body as it came over the wire (fetch would decode it). */
function raw(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const decode = (response: Raw): string => {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.body).toString();
  if (encoding === 'gzip') return gunzipSync(response.body).toString();
  return response.body.toString();
};

const BROWSER = { 'accept-encoding': 'gzip, deflate, br, zstd' };
const SCRIPT = 'export const greet = (name) => `Hola, ${name}`;\n'.repeat(400);

let server: TestServer;

beforeAll(async () => {
  // A built client of our own, precompressed as the build does it.
  const dataDir = tempDataDir();
  const clientDir = smallClient(dataDir, SCRIPT);
  precompressDir(clientDir);
  server = await startServer({ dataDir, env: { CLIENT_DIR: clientDir } });
});

afterAll(async () => {
  await server?.close();
});

describe('compression', () => {
  it('sends the built client as its brotli copy, or gzip, or as it is, by Accept-Encoding', async () => {
    const url = `${server.url}/assets/app.js`;
    const br = await raw(url, { headers: BROWSER });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^(?:text|application)\/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(decode(br)).toBe(SCRIPT);

    const gzip = await raw(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(decode(gzip)).toBe(SCRIPT);

    for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
      const plain = await raw(url, { headers });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(SCRIPT);
    }
  });

  it('compresses JSON made per request, and says so', async () => {
    const session = await createSession(server.url);
    const auth = { authorization: `Bearer ${session.facilitatorToken}` };
    const url = `${server.url}/api/sessions/${session.id}/report.json`;
    const plain = await raw(url, { headers: auth });
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const compressed = await raw(url, { headers: { ...auth, 'accept-encoding': accept } });
      expect(compressed.status).toBe(200);
      expect(compressed.headers['content-encoding']).toBe(encoding);
      expect(compressed.headers.vary).toMatch(/accept-encoding/i);
      expect(compressed.body.length).toBeLessThan(plain.body.length / 2);
      // The same report, but for the moment it was made.
      const { generatedAt, ...report } = JSON.parse(decode(compressed)) as { generatedAt: string };
      const { generatedAt: _plainAt, ...plainReport } = JSON.parse(plain.body.toString()) as { generatedAt: string };
      expect(generatedAt).toMatch(/^\d{4}-/);
      expect(report).toEqual(plainReport);
    }
  });

  it('never compresses XLSX or PDF, which are compressed already', async () => {
    const session = await createSession(server.url);
    for (const format of ['xlsx', 'pdf']) {
      const report = await raw(`${server.url}/api/sessions/${session.id}/report.${format}`, {
        headers: { ...BROWSER, authorization: `Bearer ${session.facilitatorToken}` },
      });
      expect(report.status, format).toBe(200);
      expect(report.headers['content-encoding'], format).toBeUndefined();
      expect(report.body.subarray(0, 4).toString('latin1'), format).toBe(format === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
    }
  });

  it('refuses a compressed request body instead of inflating it', async () => {
    const response = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: new Uint8Array(
        await new Response(new Blob(['{"title":"x"}']).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer(),
      ),
    });
    expect(response.status).toBe(400);
  });
});

describe('HEAD on pages', () => {
  it('answers as GET does, without the body', async () => {
    for (const path of ['/', '/j/123456', '/present/abc', '/sessions']) {
      const get = await raw(`${server.url}${path}`);
      const head = await raw(`${server.url}${path}`, { method: 'HEAD' });
      expect(head.status, path).toBe(200);
      expect(head.status).toBe(get.status);
      expect(head.headers['content-type']).toBe(get.headers['content-type']);
      expect(head.headers['content-length']).toBe(get.headers['content-length']);
      expect(head.headers.etag).toBe(get.headers.etag);
      expect(head.headers['content-security-policy']).toBe(get.headers['content-security-policy']);
      expect(head.body.length).toBe(0);
    }
  });

  it('still answers 404 for unknown API paths and refuses other methods on pages', async () => {
    expect((await raw(`${server.url}/api/nothing-here`, { method: 'HEAD' })).status).toBe(404);
    expect((await raw(`${server.url}/j/123456`, { method: 'DELETE' })).status).toBe(404);
  });
});
