import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import type { Ack, AckOf, ClientEvent, ClientToServerEvents, EmitArgs, ServerToClientEvents } from '../../../shared/events.ts';
import type { CreatedSession, SessionSnapshot } from '../../../shared/types.ts';
import { buildApp, type App } from '../../../server/app.ts';
import { loadConfig } from '../../../server/config.ts';
import { ContractChecker, type OpenApiDocument, type RecordedResponse } from './contract.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * How long the helpers below wait for an answer, an event or a condition before failing: long,
 * since on a busy machine things are merely slow; a test passes as soon as they happen.
 */
export const PATIENCE_MS = 15_000;

export interface TestServer {
  app: App;
  url: string;
  dataDir: string;
  /** Every HTTP response the server sent to a documented route, in order. */
  responses: RecordedResponse[];
  /** Closes the server; removes the data directory unless keepData. Fails if a response broke the OpenAPI document. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'plenario-test-'));
}

/**
 * The real app on an ephemeral port (or `port`) with a real SQLite file in a temporary directory; `now`
 * gives its services a clock the test moves (see clock.ts), for rules about time.
 */
export async function startServer(
  options: { dataDir?: string; env?: NodeJS.ProcessEnv; now?: () => number; port?: number } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, CLIENT_DIR: join(dataDir, 'no-client'), ...options.env });
  const app = await buildApp(config, { logger: false, ...(options.now ? { now: options.now } : {}) });
  const responses = recordResponses(app);
  // A port known beforehand when the address must be registered elsewhere first (an OIDC provider's redirect URI).
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    responses,
    close: async ({ keepData = false } = {}) => {
      const contract = new ContractChecker(app.swagger() as unknown as OpenApiDocument);
      await app.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
      const problems = responses.flatMap((response) => contract.problems(response));
      if (problems.length > 0) throw new Error(`Responses that break the OpenAPI document:\n${problems.join('\n')}`);
    },
  };
}

/** Keeps every response to a documented route (the API, not static files or Socket.IO), with its body. */
function recordResponses(app: App): RecordedResponse[] {
  const responses: RecordedResponse[] = [];
  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url;
    if (route !== undefined && (route.startsWith('/api/') || route === '/healthz')) {
      const contentType = reply.getHeader('content-type');
      responses.push({
        method: request.method,
        route,
        status: reply.statusCode,
        contentType: typeof contentType === 'string' ? contentType : null,
        body: typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : null,
      });
    }
    return payload;
  });
  return responses;
}

export async function createSession(
  url: string,
  body: Record<string, unknown> = { title: 'Taller de prueba', template: 'bienestar-sesion-2' },
): Promise<CreatedSession> {
  const response = await fetch(`${url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreatedSession;
}

/** How long `request` waits for an ack (the socket's ackTimeout). */
const ACK_TIMEOUT_MS = PATIENCE_MS;

/** A connected socket; rejects on connect_error. */
export function connect(
  url: string,
  options: {
    auth?: Record<string, unknown>;
    extraHeaders?: Record<string, string>;
    transports?: string[];
    query?: Record<string, string>;
  } = {},
  beforeConnect: (socket: ClientSocket) => void = () => {},
): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    forceNew: true,
    reconnection: false,
    ackTimeout: ACK_TIMEOUT_MS,
    transports: options.transports ?? ['websocket'],
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
    ...(options.query ? { query: options.query } : {}),
  });
  beforeConnect(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** A facilitator socket and the snapshot the server sends it on connection. */
export async function connectFacilitator(
  url: string,
  session: CreatedSession,
  screen?: 'console' | 'presenter',
  /** The handshake query: a node of a cluster wants the session named (shared/routing.ts). */
  query?: Record<string, string>,
): Promise<ClientSocket & { snapshot: Promise<SessionSnapshot> }> {
  let resolveSnapshot!: (s: SessionSnapshot) => void;
  const snapshot = new Promise<SessionSnapshot>((resolve) => (resolveSnapshot = resolve));
  // Listen before connecting: the snapshot is the first thing the server sends.
  const auth = { sessionId: session.id, facilitatorToken: session.facilitatorToken, ...(screen ? { screen } : {}) };
  const socket = await connect(url, { auth, ...(query ? { query } : {}) }, (s) => s.once('session:snapshot', resolveSnapshot));
  return Object.assign(socket, { snapshot });
}

/** Emits with an ack and returns the ack (typed by the contract); rejects after ACK_TIMEOUT_MS. */
export function request<E extends ClientEvent>(socket: ClientSocket, event: E, ...payload: EmitArgs<E>): Promise<AckOf<E>> {
  return socket.emitWithAck(event, ...payload);
}

/** The data of a successful ack; fails the test with the error otherwise. */
export function ok<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok ack, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

/** Resolves with the first event matching the predicate. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  predicate: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
  timeoutMs = PATIENCE_MS,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (...args: Parameters<ServerToClientEvents[E]>) => {
      if (!predicate(...args)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(args[0]);
    };
    socket.on(event, listener as never);
  });
}

/** Polls a condition (for what arrives in coalesced messages). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = PATIENCE_MS): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function getSession(url: string, session: CreatedSession) {
  const response = await fetch(`${url}/api/sessions/${session.id}`, { headers: { authorization: `Bearer ${session.facilitatorToken}` } });
  if (response.status !== 200) throw new Error(`get failed: ${response.status}`);
  return (await response.json()) as SessionSnapshot;
}
