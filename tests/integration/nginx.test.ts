import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChoiceActivity } from '../../shared/types.ts';
import { startNginx } from './support/nginx.ts';
import { exited, freePort, startServerProcess, type ServerProcess } from './support/process.ts';
import { eventually, ok, request, tempDataDir, type ClientSocket } from './support/server.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A phone through nginx: TLS with the test's self-signed certificate, the given transports. */
function phone(url: string, transports: string[], reconnection = false): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, { forceNew: true, transports, reconnection, reconnectionDelay: 200, rejectUnauthorized: false });
  cleanups.push(() => socket.close());
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

describe('behind nginx (docs/deploy.md)', () => {
  it('phones join and answer over wss and over polling, and come back after the server restarts', async () => {
    const dataDir = tempDataDir();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const [serverPort, proxyPort] = [await freePort(), await freePort()];
    const publicUrl = `https://127.0.0.1:${proxyPort}`;
    const env = { TRUST_PROXY: '1', PUBLIC_URL: publicUrl };
    let server: ServerProcess = await startServerProcess(dataDir, { port: serverPort, env });
    cleanups.push(() => server.child.kill('SIGKILL'));
    const nginx = startNginx(join(dataDir, 'nginx'), proxyPort, serverPort);
    // TERM, not KILL: nginx's master stops its workers on TERM; killed, it would leave them behind.
    cleanups.push(() => nginx.kill('SIGTERM'));
    // nginx is up once it answers the server's health check.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    cleanups.push(() => delete process.env.NODE_TLS_REJECT_UNAUTHORIZED);
    await eventually(async () => (await fetch(`${publicUrl}/healthz`).catch(() => null))?.ok === true);

    const created = await fetch(`${publicUrl}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: publicUrl },
      body: JSON.stringify({ title: 'Taller tras el proxy', template: 'bienestar-sesion-2' }),
    });
    expect(created.status).toBe(201);
    const session = (await created.json()) as { id: string; code: string; facilitatorToken: string };
    const facilitator: ClientSocket = io(publicUrl, {
      forceNew: true,
      transports: ['websocket'],
      rejectUnauthorized: false,
      auth: { sessionId: session.id, facilitatorToken: session.facilitatorToken },
    });
    cleanups.push(() => facilitator.close());
    const snapshot = await new Promise<{ session: { agenda: Array<{ kind: string }> } }>((r) =>
      facilitator.once('session:snapshot', r as never),
    );
    const choice = snapshot.session.agenda.find((a): a is ChoiceActivity => a.kind === 'choice')!;
    ok(await request(facilitator, 'agenda:goto', { activityId: choice.id }));

    const tokens: string[] = [];
    for (const transports of [['websocket'], ['polling']]) {
      const socket = await phone(publicUrl, transports);
      const { participantToken } = ok(await request(socket, 'session:join', { code: session.code }));
      tokens.push(participantToken);
      ok(
        await request(socket, 'answer:submit', {
          activityId: choice.id,
          clientAnswerId: `nginx-${transports[0]}`,
          value: { kind: 'choice', optionIds: [choice.options[0]!.id] },
        }),
      );
      expect(socket.io.engine.transport.name).toBe(transports[0]);
    }

    // A phone left connected rides out a restart of the server behind nginx.
    const steady = await phone(publicUrl, ['websocket'], true);
    ok(await request(steady, 'session:join', { code: session.code, participantToken: tokens[0]! }));
    // Listening first: the phone may be back before the new server's health check has answered.
    const back = new Promise<void>((r) => steady.once('connect', () => r()));
    // A server stopping says goodbye, after which Socket.IO waits to be told: the client knocks again (live-connection.svelte.ts).
    steady.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') setTimeout(() => steady.connect(), 200);
    });
    server.child.kill('SIGTERM');
    await exited(server.child);
    server = await startServerProcess(dataDir, { port: serverPort, env });
    await back;
    const again = ok(await request(steady, 'session:join', { code: session.code, participantToken: tokens[0]! }));
    expect(again.snapshot.myAnswers[choice.id]).toEqual({ kind: 'choice', optionIds: [choice.options[0]!.id] });
    const view = await fetch(`${publicUrl}/api/sessions/${session.id}`, {
      headers: { authorization: `Bearer ${session.facilitatorToken}` },
    });
    expect(((await view.json()) as { results: Record<string, { respondents: number }> }).results[choice.id]!.respondents).toBe(2);
  });
});
