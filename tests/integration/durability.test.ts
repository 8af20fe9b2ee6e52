import { rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChoiceActivity, RatingActivity, RatingResults } from '../../shared/types.ts';
import { exited, spawnServer, startServerProcess, type ServerProcess } from './support/process.ts';
import { connect, connectFacilitator, createSession, getSession, ok, request, tempDataDir, type ClientSocket } from './support/server.ts';

const dirs: string[] = [];
const processes: ServerProcess[] = [];
let sockets: ClientSocket[] = [];

afterEach(() => {
  for (const s of sockets) s.close();
  sockets = [];
  for (const p of processes.splice(0)) p.child.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function newDataDir(): string {
  const dir = tempDataDir();
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string): Promise<ServerProcess> {
  const server = await startServerProcess(dataDir);
  processes.push(server);
  return server;
}

describe('durability', () => {
  it('keeps every acknowledged answer and the session’s place through kill -9 and a restart', async () => {
    const dataDir = newDataDir();
    let server = await start(dataDir);
    const session = await createSession(server.url);
    const facilitator = await connectFacilitator(server.url, session);
    sockets.push(facilitator);
    const { session: view } = await facilitator.snapshot;
    const choice = view.agenda.find((a): a is ChoiceActivity => a.kind === 'choice' && !a.multiple)!;
    const rating = view.agenda.find((a): a is RatingActivity => a.kind === 'rating')!;

    ok(await request(facilitator, 'agenda:goto', { activityId: choice.id }));
    ok(await request(facilitator, 'answering:set', { activityId: rating.id, open: true }));
    const tokens: string[] = [];
    for (let i = 0; i < 12; i++) {
      const p = await connect(server.url);
      sockets.push(p);
      const joined = ok(await request(p, 'session:join', { code: session.code }));
      tokens.push(joined.participantToken);
      ok(
        await request(p, 'answer:submit', {
          activityId: choice.id,
          clientAnswerId: `c-${i}-durable`,
          value: { kind: 'choice', optionIds: [choice.options[i % 2]!.id] },
        }),
      );
      ok(
        await request(p, 'answer:submit', {
          activityId: rating.id,
          clientAnswerId: `r-${i}-durable`,
          value: { kind: 'rating', ratings: { [rating.items[0]!.id]: (i % 5) + 1 } },
        }),
      );
    }
    ok(await request(facilitator, 'display:set', { resultsVisible: true }));
    const before = await getSession(server.url, session);

    // No graceful shutdown: the process dies mid-flight.
    server.child.kill('SIGKILL');
    await exited(server.child);
    for (const s of sockets) s.close();
    sockets = [];

    server = await start(dataDir);
    const after = await getSession(server.url, session);
    expect(after.results).toEqual(before.results);
    expect(after.session.live).toEqual(before.session.live);
    expect((after.results[rating.id] as RatingResults).items[rating.items[0]!.id]!.n).toBe(12);

    // A participant coming back with their token gets a full snapshot with their own answers.
    const back = await connect(server.url);
    sockets.push(back);
    const rejoined = ok(await request(back, 'session:join', { code: session.code, participantToken: tokens[3]! }));
    expect(rejoined.snapshot.myAnswers[choice.id]).toEqual({ kind: 'choice', optionIds: [choice.options[1]!.id] });
    expect(rejoined.snapshot.myAnswers[rating.id]).toEqual({ kind: 'rating', ratings: { [rating.items[0]!.id]: 4 } });
    expect(rejoined.snapshot.session.live.currentActivityId).toBe(choice.id);
    expect(rejoined.snapshot.results[choice.id]).toEqual(before.results[choice.id]);

    // A retry of an answer acknowledged before the crash is still recognised.
    const retry = ok(
      await request(back, 'answer:submit', {
        activityId: choice.id,
        clientAnswerId: 'c-3-durable',
        value: { kind: 'choice', optionIds: [choice.options[1]!.id] },
      }),
    );
    expect(retry.duplicate).toBe(true);
    expect((await getSession(server.url, session)).results).toEqual(before.results);

    // The facilitator carries on from another laptop with the same link.
    const again = await connectFacilitator(server.url, session);
    sockets.push(again);
    expect((await again.snapshot).session.live.currentActivityId).toBe(choice.id);

    // The report renderers load on first use, from their own chunks of the server's bundle.
    const auth = { authorization: `Bearer ${session.facilitatorToken}` };
    const pdf = await fetch(`${server.url}/api/sessions/${session.id}/report.pdf`, { headers: auth });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    const xlsx = await fetch(`${server.url}/api/sessions/${session.id}/report.xlsx`, { headers: auth });
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
  });

  it('refuses to start on a database newer than its code, saying why', async () => {
    const dataDir = newDataDir();
    const server = await start(dataDir);
    server.child.kill('SIGKILL');
    await exited(server.child);
    const db = new BetterSqlite3(join(dataDir, 'plenario.sqlite'));
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, ?, ?)').run('from_the_future', Date.now());
    db.close();

    const child = spawnServer({ PORT: '0', DATA_DIR: dataDir });
    expect(await exited(child)).toBe(1);
    expect(child.output()).toMatch(/schema version 9999.*newer/);
  });
});
