import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveConnection, type AppSocket } from '../../../client/src/lib/live-connection.svelte.ts';
import type { UiErrorCode } from '../../../client/src/lib/i18n.svelte.ts';

/**
 * A live connection against a real Socket.IO server standing in for a node that does not own
 * the session (issue 18): its SESSION_MOVED, in an ack or as the handshake's refusal, is a lost
 * connection, and every handshake names the session once the connection knows it.
 */

let http: HttpServer;
let server: Server;
let url: string;
/** The query of every handshake the server saw. */
let handshakes: Array<Record<string, unknown>>;
/** How many handshakes the server refuses (with `refuseWith`), then how many commands it answers SESSION_MOVED. */
let refuseHandshakes: number;
let refuseWith: string;
let moveCommands: number;
const connections: LiveConnection[] = [];

beforeAll(async () => {
  http = createServer();
  server = new Server(http);
  server.use((socket, next) => {
    handshakes.push({ ...socket.handshake.query });
    if (refuseHandshakes === 0) return next();
    refuseHandshakes -= 1;
    next(Object.assign(new Error(refuseWith), { data: { code: refuseWith } }));
  });
  server.on('connection', (socket) => {
    socket.on('session:sync', (_payload: unknown, ack: (response: unknown) => void) => {
      if (moveCommands === 0) return ack({ ok: true, data: 'synced' });
      moveCommands -= 1;
      ack({ ok: false, error: { code: 'SESSION_MOVED', message: 'La sesión se atiende en otro nodo.' } });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  handshakes = [];
  refuseHandshakes = 0;
  refuseWith = 'SESSION_MOVED';
  moveCommands = 0;
});

afterEach(() => {
  for (const connection of connections.splice(0)) connection.dispose();
});

/** A connection on a socket to the test server, with a short backoff; opened. */
function open(options: { sessionId?: string; onRefused?: (code: UiErrorCode) => void } = {}): LiveConnection {
  const socket: AppSocket = io(url, {
    autoConnect: false,
    forceNew: true,
    transports: ['websocket'],
    reconnectionDelay: 20,
    reconnectionDelayMax: 40,
  });
  const connection = new LiveConnection({ socket, ackTimeoutMs: 5000, ...options });
  connections.push(connection);
  connection.open();
  return connection;
}

describe('LiveConnection and a session owned by another node', () => {
  it('names its session in the handshake, and a command answered SESSION_MOVED reconnects, naming it again', async () => {
    const connection = open({ sessionId: 's-1' });
    await vi.waitFor(() => expect(connection.online).toBe(true));
    expect(handshakes).toEqual([{ session: 's-1', EIO: '4', transport: 'websocket' }]);

    moveCommands = 1;
    expect(await connection.command('session:sync', {})).toMatchObject({ ok: false, error: { code: 'SESSION_MOVED' } });
    await vi.waitFor(() => expect(handshakes).toHaveLength(2));
    await vi.waitFor(() => expect(connection.online).toBe(true));
    expect(handshakes[1]).toMatchObject({ session: 's-1' });
    expect(await connection.command('session:sync', {})).toEqual({ ok: true, data: 'synced' });
  });

  it('names the session it learns later in the next handshake, not breaking the connection it has', async () => {
    const connection = open();
    await vi.waitFor(() => expect(connection.online).toBe(true));
    expect(handshakes[0]).not.toHaveProperty('session');

    connection.route('s-2');
    expect(await connection.command('session:sync', {})).toEqual({ ok: true, data: 'synced' });
    expect(handshakes).toHaveLength(1);

    moveCommands = 1;
    await connection.command('session:sync', {});
    await vi.waitFor(() => expect(connection.online).toBe(true));
    expect(handshakes).toHaveLength(2);
    expect(handshakes[1]).toMatchObject({ session: 's-2' });
  });

  it('takes a handshake refused with SESSION_MOVED for a lost connection, not a refusal, and knocks again', async () => {
    refuseHandshakes = 2;
    const refused: UiErrorCode[] = [];
    const connection = open({ sessionId: 's-3', onRefused: (code) => refused.push(code) });
    await vi.waitFor(() => expect(connection.online).toBe(true));
    expect(handshakes).toHaveLength(3);
    expect(refused).toEqual([]);
    expect(connection.refusal).toBeNull();
  });

  it('takes a handshake refused with INTERNAL (the node failing inside, e.g. its database restarting) for a lost connection too', async () => {
    refuseHandshakes = 2;
    refuseWith = 'INTERNAL';
    const refused: UiErrorCode[] = [];
    const connection = open({ sessionId: 's-4', onRefused: (code) => refused.push(code) });
    await vi.waitFor(() => expect(connection.online).toBe(true));
    expect(handshakes).toHaveLength(3);
    expect(refused).toEqual([]);
  });

  it('still gives up on a handshake refused for good', async () => {
    server.use((_socket, next) => next(Object.assign(new Error('UNAUTHORIZED'), { data: { code: 'UNAUTHORIZED' } })));
    const refused: UiErrorCode[] = [];
    const connection = open({ onRefused: (code) => refused.push(code) });
    await vi.waitFor(() => expect(refused).toEqual(['UNAUTHORIZED']));
    expect(connection.state).toBe('refused');
  });
});
