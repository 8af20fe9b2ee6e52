import { connect as tcpConnect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SERVER_TIMEOUTS } from '../../server/app.ts';
import { connect, createSession, ok, request, startServer, type ClientSocket, type TestServer } from './support/server.ts';

let server: TestServer;
let sockets: ClientSocket[] = [];

beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await server.close();
});

/**
 * Opens a TCP connection and sends a request's headers one line every half second, never
 * finishing them (a slowloris client). Resolves with what the server answered once it closed.
 */
function trickleHeaders(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const tcp = tcpConnect(Number(port), hostname);
    let received = '';
    let line = 0;
    const timer = setInterval(() => tcp.write(line++ === 0 ? 'GET /healthz HTTP/1.1\r\nHost: x\r\n' : `X-Slow-${line}: 1\r\n`), 500);
    tcp.on('data', (chunk: Buffer) => (received += chunk.toString()));
    tcp.once('close', () => {
      clearInterval(timer);
      resolve(received);
    });
    tcp.once('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
  });
}

describe('server timeouts', () => {
  // Node's default would keep such a connection 60 s and more; the test's own timeout stays
  // below that, with room for a busy machine above the server's limit.
  const testTimeoutMs = Math.min(55_000, SERVER_TIMEOUTS.headersMs + SERVER_TIMEOUTS.checkEveryMs + 30_000);

  it(
    'closes a connection that sends its headers slowly, with 408, while Socket.IO keeps long-polling',
    async () => {
      const session = await createSession(server.url);
      // A long-polling client (its requests are held open for up to pingInterval) stays connected.
      const polling = await connect(server.url, { transports: ['polling'] });
      sockets.push(polling);
      let dropped = false;
      polling.on('disconnect', () => (dropped = true));

      const answer = await trickleHeaders(server.url);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(dropped).toBe(false);
      ok(await request(polling, 'session:join', { code: session.code }));
    },
    testTimeoutMs,
  );
});
