import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectFacilitator, createSession, eventually, startServer, type TestServer } from './support/server.ts';

interface Health {
  status: string;
  nodeId: string;
  sessionsOwned: string[];
  refusedNotOwner: number;
  handedOver: number;
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { NODE_ID: 'node-a' } });
});
afterAll(async () => {
  await server?.close();
});

const health = async (): Promise<Health> => (await (await fetch(`${server.url}/healthz`)).json()) as Health;

describe('/healthz', () => {
  it('names the node and lists the sessions it serves live, no more', async () => {
    expect(await health()).toEqual({ status: 'ok', nodeId: 'node-a', sessionsOwned: [], refusedNotOwner: 0, handedOver: 0 });
    const first = await createSession(server.url);
    const second = await createSession(server.url);
    const socket = await connectFacilitator(server.url, first);
    await socket.snapshot;
    expect((await health()).sessionsOwned).toEqual([first.id]);
    expect((await health()).sessionsOwned).not.toContain(second.id);

    socket.close();
    await eventually(async () => (await health()).sessionsOwned.length === 0);
  });
});
