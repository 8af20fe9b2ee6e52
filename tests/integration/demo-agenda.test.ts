import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionReport } from '../../shared/report.ts';
import type { CreatedSession } from '../../shared/types.ts';
import { runDemo } from './support/demo.ts';
import { getSession, startServer, type TestServer } from './support/server.ts';

const EXAMPLE = 'docs/examples/all-kinds.agenda.json';

let server: TestServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

describe('npm run demo -- --agenda FILE', () => {
  it('plays the agenda with one activity of every kind, and the report holds each with its figures', async () => {
    server = await startServer();
    const result = await runDemo(['--participants', '8', '--agenda', EXAMPLE, '--url', server.url, '--pace', '0', '--json'], 180_000);
    expect(result.code, result.stderr).toBe(0);
    const created = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as CreatedSession;

    const snapshot = await getSession(server.url, created);
    const { agenda, live } = snapshot.session;
    expect(snapshot.session.title).toBe('Ensayo · Todas las actividades — ensayo');
    expect(live.currentActivityId).toBe(agenda.at(-1)!.id);
    const kinds = new Set(agenda.map((a) => a.kind));
    expect([...kinds].sort()).toEqual([
      'breakout',
      'choice',
      'commitment',
      'content',
      'experience',
      'open',
      'points',
      'qa',
      'ranking',
      'rating',
      'synthesis',
    ]);

    const response = await fetch(`${server.url}/api/sessions/${created.id}/report.json`, {
      headers: { authorization: `Bearer ${created.facilitatorToken}` },
    });
    const report = (await response.json()) as SessionReport;
    const byKind = (kind: string) => report.questions.find((q) => q.kind === kind);
    for (const kind of ['choice', 'rating', 'ranking', 'points', 'open']) {
      expect(byKind(kind)?.respondents, kind).toBeGreaterThan(0);
      expect(byKind(kind)?.facilitatorComments, kind).toBeTruthy();
    }

    const ranking = byKind('ranking');
    if (ranking?.kind !== 'ranking') throw new Error('no ranking in the report');
    expect(ranking.n).toBe(ranking.respondents);
    expect(ranking.items).toHaveLength(5);
    for (const item of ranking.items) {
      expect(item.meanPosition).toBeGreaterThanOrEqual(1);
      expect(item.meanPosition).toBeLessThanOrEqual(5);
      expect(item.firstShare).toBeGreaterThanOrEqual(0);
    }
    // Mean positions of a full ranking add up to 1 + 2 + … + 5; first places add up to everyone.
    expect(ranking.items.reduce((sum, item) => sum + item.meanPosition!, 0)).toBeCloseTo(15, 1);
    expect(ranking.items.reduce((sum, item) => sum + item.firstShare, 0)).toBeCloseTo(1, 10);

    const points = byKind('points');
    if (points?.kind !== 'points') throw new Error('no points in the report');
    expect(points.budget).toBe(100);
    expect(points.n).toBe(points.respondents);
    expect(points.items.reduce((sum, item) => sum + item.meanPoints!, 0)).toBeCloseTo(100, 1);

    expect(report.breakouts[0]!.salas.length).toBeGreaterThan(0);
    expect(report.syntheses[0]!.salas.every((sala) => sala.status === 'submitted')).toBe(true);

    const qa = byKind('qa');
    if (qa?.kind !== 'qa') throw new Error('no questions from the room in the report');
    expect(qa.respondents).toBeGreaterThan(0);
    expect(qa.questions.length + qa.hiddenCount + qa.pendingCount).toBeGreaterThan(0);
    const experience = agenda.find((a) => a.kind === 'experience')!;
    expect(report.experiences.some((card) => card.activityId === experience.id)).toBe(true);
    // Commitments are counted, never printed.
    const [commitment] = report.commitments;
    expect(report.commitments).toHaveLength(1);
    if (commitment?.mode !== 'write') throw new Error('no closing commitment in the report');
    expect(commitment.written).toBeGreaterThan(0);
  }, 200_000);

  it('refuses an unreadable file (usage, exit 2) and an invalid agenda (the server’s problems, exit 1)', async () => {
    server = await startServer();
    const missing = await runDemo(['--participants', '2', '--agenda', 'no/such/file.json', '--url', server.url], 60_000);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--agenda');

    const dir = mkdtempSync(join(tmpdir(), 'plenario-agenda-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'plenario-agenda', version: 1, activities: [{ kind: 'ranking', title: 'x', items: [] }] }));
    const refused = await runDemo(['--participants', '2', '--agenda', bad, '--url', server.url, '--pace', '0'], 60_000);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('/agenda/activities/0/items');
  }, 150_000);
});
