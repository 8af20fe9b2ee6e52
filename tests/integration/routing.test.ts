import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTING_PARAM } from '../../shared/routing.ts';
import { startHaproxy, type HaproxyProcess } from '../../server/cli/cluster/haproxy-process.ts';
import { ensureHaproxy, haproxyCommand } from '../support/haproxy.ts';
import { exited, freePort, startServerProcess, type ServerProcess } from './support/process.ts';
import { eventually, request, tempDataDir, type ClientSocket } from './support/server.ts';

/**
 * HAProxy with the generated configuration in front of three real server processes (issue 18):
 * everything that carries a session's id reaches one node, ids spread over the nodes, and a
 * session whose node dies moves to another one and stays there once the dead node is back.
 */

const NODES = ['node-1', 'node-2', 'node-3'];
const PATIENCE_MS = 30_000;

interface Node {
  name: string;
  port: number;
  dataDir: string;
  process: ServerProcess;
}

let dir: string;
let proxy: HaproxyProcess;
let proxyUrl: string;
let statsSocket: string;
const nodes: Node[] = [];
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  const haproxy = ensureHaproxy();
  dir = mkdtempSync(join(tmpdir(), 'plenario-routing-'));
  for (const name of NODES) {
    const dataDir = tempDataDir();
    const process = await startServerProcess(dataDir, { env: { NODE_ID: name, TRUST_PROXY: '1' } });
    nodes.push({ name, port: Number(new URL(process.url).port), dataDir, process });
  }
  const proxyPort = await freePort();
  proxyUrl = `http://127.0.0.1:${proxyPort}`;
  statsSocket = join(dir, 'haproxy.sock');
  // startHaproxy checks the configuration with `haproxy -c` first.
  proxy = await startHaproxy(haproxy, dir, proxyPort, {
    bind: `127.0.0.1:${proxyPort}`,
    statsSocket,
    nodes: nodes.map(({ name, port }) => ({ name, host: '127.0.0.1', port })),
  });
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const node of nodes) {
    node.process.child.kill('SIGKILL');
    rmSync(node.dataDir, { recursive: true, force: true });
  }
  proxy?.child.kill('SIGTERM');
  if (proxy) await exited(proxy.child);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Which node answered /healthz for requests carrying this session id. */
async function nodeFor(sessionId: string): Promise<string> {
  const response = await fetch(`${proxyUrl}/healthz?${ROUTING_PARAM}=${sessionId}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { nodeId: string }).nodeId;
}

/** The stick table: which node each session id is kept on. */
async function stuck(): Promise<Map<string, string>> {
  const table = await haproxyCommand(statsSocket, 'show table nodes');
  const entries = [...table.matchAll(/key=(\S+) .*server_key=(\S+)/g)];
  return new Map(entries.map((m) => [m[1]!, m[2]!]));
}

/** HAProxy's view of each node: true while it sends it requests. */
async function nodesUp(): Promise<Record<string, boolean>> {
  const state = await haproxyCommand(statsSocket, 'show servers state nodes');
  const up: Record<string, boolean> = {};
  // Columns: be_id be_name srv_id srv_name srv_addr srv_op_state (2: running) …
  for (const line of state.split('\n').filter((l) => /^\d+ nodes /.test(l))) {
    const fields = line.split(' ');
    up[fields[3]!] = fields[5] === '2';
  }
  return up;
}

/** A participant's socket through HAProxy with the session id in its query; it reconnects by itself. */
function socketFor(sessionId: string, transports: string[]): Promise<ClientSocket> {
  const socket: ClientSocket = io(proxyUrl, { forceNew: true, transports, query: { [ROUTING_PARAM]: sessionId }, ackTimeout: PATIENCE_MS });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** One ack round trip: on long-polling, a POST and a GET that both had to reach the node that made the connection. */
async function roundTrip(socket: ClientSocket): Promise<void> {
  const ack = await request(socket, 'session:sync', {});
  expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });
}

/** Session ids as the server makes them (21 characters), fixed so that the spread is the same on every run. */
const ids = Array.from({ length: 24 }, (_, i) => `routing-test-id-${String(i).padStart(5, '0')}`);

describe('HAProxy in front of three nodes', () => {
  it('sends every request with a session id to one node, and spreads the ids over all nodes', async () => {
    const owners = new Map<string, string>();
    for (const id of ids) {
      const first = await nodeFor(id);
      for (let i = 0; i < 3; i += 1) expect(await nodeFor(id)).toBe(first);
      owners.set(id, first);
    }
    expect(new Set(owners.values())).toEqual(new Set(NODES));

    // A session's HTTP routes carry the id in their path: the stick table keeps it on the same node.
    const [a, b] = ['routing-path-id-000001', 'routing-path-id-000002'];
    await fetch(`${proxyUrl}/api/sessions/${a}/details`);
    await fetch(`${proxyUrl}/api/experiences/${b}/activity/card`);
    const table = await stuck();
    expect(table.get(a)).toBe(await nodeFor(a));
    expect(table.get(b)).toBe(await nodeFor(b));
    for (const id of ids) expect(table.get(id)).toBe(owners.get(id));
  });

  it('keeps a Socket.IO connection on one node over long-polling and through the WebSocket upgrade, and moves it when that node dies', async () => {
    // One id per node.
    const byNode = new Map<string, string>();
    for (const id of ids) {
      const node = await nodeFor(id);
      if (!byNode.has(node)) byNode.set(node, id);
    }
    const victimNode = nodes[0]!;
    const moved = byNode.get(victimNode.name)!;
    const others = [...byNode.entries()].filter(([name]) => name !== victimNode.name).map(([, id]) => id);

    const polling = await socketFor(moved, ['polling']);
    const upgraded = await socketFor(moved, ['polling', 'websocket']);
    const websocket = await socketFor(moved, ['websocket']);
    const bystanders = await Promise.all(others.map((id) => socketFor(id, ['polling', 'websocket'])));
    for (const socket of [polling, upgraded, websocket, ...bystanders]) await roundTrip(socket);
    // The upgrade's request reached the node that made the connection, or it would have failed.
    await eventually(() => upgraded.io.engine.transport.name === 'websocket', PATIENCE_MS);
    await roundTrip(upgraded);

    const dropped = new Set<ClientSocket>();
    for (const socket of [polling, upgraded, websocket, ...bystanders]) socket.on('disconnect', () => dropped.add(socket));
    victimNode.process.child.kill('SIGKILL');
    await exited(victimNode.process.child);

    // Its connections drop (they were on it), the others' do not; the id now reaches another node.
    await eventually(() => dropped.size === 3, PATIENCE_MS);
    expect([...dropped]).toEqual(expect.arrayContaining([polling, upgraded, websocket]));
    await eventually(async () => (await nodesUp())[victimNode.name] === false, PATIENCE_MS);
    const heir = await nodeFor(moved);
    expect(heir).not.toBe(victimNode.name);
    for (const socket of [polling, upgraded, websocket]) {
      await eventually(() => socket.connected, PATIENCE_MS);
      await roundTrip(socket);
    }
    for (const socket of bystanders) expect(dropped.has(socket)).toBe(false);

    // The dead node comes back on its port: the moved id stays on its new node (the stick table),
    // while ids never seen before reach the returned node again.
    victimNode.process = await startServerProcess(victimNode.dataDir, { port: victimNode.port, env: { NODE_ID: victimNode.name } });
    await eventually(async () => (await nodesUp())[victimNode.name] === true, PATIENCE_MS);
    for (let i = 0; i < 3; i += 1) expect(await nodeFor(moved)).toBe(heir);
    expect((await stuck()).get(moved)).toBe(heir);
    const fresh = await Promise.all(Array.from({ length: 24 }, (_, i) => nodeFor(`routing-fresh-id-${String(i).padStart(5, '0')}`)));
    expect(fresh).toContain(victimNode.name);
    for (const socket of bystanders) expect(dropped.has(socket)).toBe(false);
  });
});
