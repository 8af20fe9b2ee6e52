import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity, AgendaDocument, CreatedSession } from '../../shared/types.ts';
import { createSession, startServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

const post = (body: unknown) =>
  fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function exported(session: CreatedSession): Promise<AgendaDocument> {
  const response = await fetch(`${server.url}/api/sessions/${session.id}/agenda`, {
    headers: { authorization: `Bearer ${session.facilitatorToken}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return (await response.json()) as AgendaDocument;
}

const withoutIds = (activities: Activity[]) => activities.map(({ id: _id, ...rest }) => rest);
const sessionCount = () => (server.app.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;

describe('agenda export and import', () => {
  it('exports the versioned JSON, and importing it gives back the same agenda with new ids', async () => {
    const original = await createSession(server.url);
    const document = await exported(original);
    expect(document).toMatchObject({ format: 'plenario-agenda', version: 1 });
    expect(document.activities.map((a) => a.kind)).toContain('synthesis');

    const response = await post({ title: 'Sesión 2 — Región de Valparaíso', agenda: document });
    expect(response.status).toBe(201);
    const copy = (await response.json()) as CreatedSession;
    const again = await exported(copy);
    expect(withoutIds(again.activities)).toEqual(withoutIds(document.activities));
    const originalIds = new Set(document.activities.map((a) => a.id));
    expect(again.activities.some((a) => originalIds.has(a.id))).toBe(false);
  });

  it('reports every one of ten mistakes with its JSON path, creating nothing', async () => {
    const document = await exported(await createSession(server.url));
    const broken = structuredClone(document) as unknown as { format: string; version: number; activities: Array<Record<string, unknown>> };
    const find = (kind: string) => broken.activities.findIndex((a) => a.kind === kind);
    const choice = find('choice');
    const rating = find('rating');
    const breakout = find('breakout');
    const content = find('content');
    broken.format = 'mentimeter'; // 1
    broken.version = 7; // 2
    (broken.activities[choice]!.options as Array<Record<string, unknown>>)[1]!.id = 'nada'; // 3 duplicate id
    broken.activities[choice]!.multiple = 'sí'; // 4
    broken.activities[rating]!.title = ''; // 5
    (broken.activities[rating]!.items as unknown[]).splice(0); // 6 no items
    broken.activities[breakout]!.discussionSeconds = 5; // 7
    broken.activities[breakout]!.mode = 'al azar'; // 8
    broken.activities[content]!.color = 'rojo'; // 9 unknown field
    broken.activities.push({ kind: 'encuesta', title: 'x' }); // 10 unknown kind
    const before = sessionCount();

    const response = await post({ title: 'Con errores', agenda: broken });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as {
      error: { code: string; message: string; details: Array<{ path: string; message: string }> };
    };
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.map((d) => d.path).sort()).toEqual(
      [
        '/agenda/format',
        '/agenda/version',
        `/agenda/activities/${choice}/options/1/id`,
        `/agenda/activities/${choice}/multiple`,
        `/agenda/activities/${rating}/title`,
        `/agenda/activities/${rating}/items`,
        `/agenda/activities/${breakout}/discussionSeconds`,
        `/agenda/activities/${breakout}/mode`,
        `/agenda/activities/${content}/color`,
        `/agenda/activities/${broken.activities.length - 1}/kind`,
      ].sort(),
    );
    for (const detail of error.details) expect(detail.message.length).toBeGreaterThan(5);
    expect(sessionCount()).toBe(before);
  });

  it('refuses a template and an agenda together, a synthesis with no salas before it, and reading without the secret', async () => {
    const session = await createSession(server.url);
    const document = await exported(session);
    expect((await post({ title: 'Ambas', template: 'bienestar-sesion-2', agenda: document })).status).toBe(400);
    const synthesisFirst = { ...document, activities: document.activities.filter((a) => a.kind !== 'breakout') };
    const response = await post({ title: 'Sin salas', agenda: synthesisFirst });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { details: Array<{ path: string }> } };
    expect(body.error.details).toHaveLength(1);
    expect(body.error.details[0]!.path).toMatch(/^\/agenda\/activities\/\d+\/kind$/);
    for (const headers of [{}, { authorization: 'Bearer wrong-token-1234567890' }] as Array<Record<string, string>>) {
      expect((await fetch(`${server.url}/api/sessions/${session.id}/agenda`, { headers })).status).toBe(401);
    }
  });

  it('saves a session’s agenda as a template to start the next session from (session 2 from session 1)', async () => {
    const first = await createSession(server.url);
    const unauthorised = await fetch(`${server.url}/api/sessions/${first.id}/templates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'x' }),
    });
    expect(unauthorised.status).toBe(401);
    const saved = await fetch(`${server.url}/api/sessions/${first.id}/templates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${first.facilitatorToken}` },
      body: JSON.stringify({ title: 'Serie Valparaíso' }),
    });
    expect(saved.status).toBe(201);
    const template = (await saved.json()) as { id: string; title: string; builtIn: boolean };
    expect(template).toMatchObject({ title: 'Serie Valparaíso', builtIn: false });
    const list = (await (await fetch(`${server.url}/api/templates`)).json()) as Array<{ id: string; builtIn: boolean }>;
    expect(list.at(-1)).toEqual({ id: template.id, title: 'Serie Valparaíso', builtIn: false });

    const second = await createSession(server.url, { title: 'Sesión 3', template: template.id });
    expect(withoutIds((await exported(second)).activities)).toEqual(withoutIds((await exported(first)).activities));
  });

  it('offers a blank template', async () => {
    const templates = (await (await fetch(`${server.url}/api/templates`)).json()) as Array<{ id: string }>;
    expect(templates.map((t) => t.id)).toEqual(expect.arrayContaining(['blank', 'bienestar-sesion-2']));
    const blank = await createSession(server.url, { title: 'Vacía', template: 'blank' });
    expect((await exported(blank)).activities).toEqual([]);
  });
});
