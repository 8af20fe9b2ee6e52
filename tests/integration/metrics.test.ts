import { afterEach, describe, expect, it } from 'vitest';
import type { RatingActivity } from '../../shared/types.ts';
import {
  connect,
  connectFacilitator,
  createSession,
  ok,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from './support/server.ts';

const TOKEN = 'metricas-'.padEnd(40, 'x');
let server: TestServer | null = null;
let sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const s of sockets) s.close();
  sockets = [];
  await server?.close();
  server = null;
});

const scrape = (url: string, authorization?: string) => fetch(`${url}/metrics`, authorization ? { headers: { authorization } } : {});

/** The value of one sample (`name{labels}` exactly as Prometheus' text format writes it). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no ${series} in\n${text.slice(0, 2000)}`);
  return Number(line.slice(series.length + 1));
}

describe('/metrics', () => {
  it('is off without METRICS_TOKEN', async () => {
    server = await startServer();
    const response = await scrape(server.url, `Bearer ${TOKEN}`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('needs the token, and counts connections, live sessions and answers by outcome without naming anyone', async () => {
    server = await startServer({ env: { METRICS_TOKEN: TOKEN } });
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, TOKEN, `Basic ${TOKEN}`]) {
      const refused = await scrape(server.url, authorization);
      expect(refused.status, authorization).toBe(401);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    }

    const session = await createSession(server.url, { title: 'Taller secreto de Rancagua', template: 'bienestar-sesion-2' });
    const facilitator = await connectFacilitator(server.url, session);
    sockets.push(facilitator);
    const rating = (await facilitator.snapshot).session.agenda.find((a): a is RatingActivity => a.kind === 'rating')!;
    ok(await request(facilitator, 'agenda:goto', { activityId: rating.id }));
    const value = { kind: 'rating' as const, ratings: { [rating.items[0]!.id]: 4 } };
    for (let i = 0; i < 3; i++) {
      const phone = await connect(server.url);
      sockets.push(phone);
      ok(await request(phone, 'session:join', { code: session.code }));
      ok(await request(phone, 'answer:submit', { activityId: rating.id, clientAnswerId: `m-${i}-metrics`, value }));
      if (i === 0) {
        expect(
          ok(await request(phone, 'answer:submit', { activityId: rating.id, clientAnswerId: `m-${i}-metrics`, value })).duplicate,
        ).toBe(true);
        const refused = await request(phone, 'answer:submit', { activityId: 'no-existe', clientAnswerId: 'm-x-metrics', value });
        expect(refused.ok).toBe(false);
      }
    }
    sockets.push(await connect(server.url));

    const response = await scrape(server.url, `Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type' as never] ?? response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, 'plenario_connections{role="participant"}')).toBe(3);
    expect(sample(text, 'plenario_connections{role="facilitator"}')).toBe(1);
    expect(sample(text, 'plenario_connections{role="none"}')).toBe(1);
    expect(sample(text, 'plenario_sessions_live')).toBe(1);
    expect(sample(text, 'plenario_answers_total{outcome="stored"}')).toBe(3);
    expect(sample(text, 'plenario_answers_total{outcome="duplicate"}')).toBe(1);
    expect(sample(text, 'plenario_answers_total{outcome="ACTIVITY_NOT_FOUND"}')).toBe(1);
    expect(sample(text, 'plenario_ack_seconds_count{event="answer:submit"}')).toBe(5);
    // The retry goes through the batch too: it is recognised inside the write.
    expect(sample(text, 'plenario_commit_batch_items_sum{queue="answers"}')).toBe(4);
    expect(sample(text, 'plenario_commit_batch_items_sum{queue="participants"}')).toBe(3);
    expect(sample(text, 'plenario_commit_seconds_count{queue="answers"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'plenario_backup_age_seconds')).toBe(-1);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);
    for (const personal of ['Rancagua', session.code, session.id, rating.id]) expect(text).not.toContain(personal);
  });
});
