import { afterEach, describe, expect, it } from 'vitest';
import type { BreakoutActivity, CreatedSession, RatingActivity, SynthesisActivity } from '../../shared/types.ts';
import { fieldKeys } from '../../server/domain/synthesis.ts';
import { runDemo } from './support/demo.ts';
import { getSession, startServer, type TestServer } from './support/server.ts';

let server: TestServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

describe('npm run demo (rehearsal mode)', () => {
  it('plays the whole workshop with 12 participants and leaves the session open and populated', async () => {
    server = await startServer();
    const result = await runDemo(['--participants', '12', '--url', server.url, '--json'], 180_000);
    expect(result.code, result.stderr).toBe(0);

    const lines = result.stdout.trim().split('\n');
    const created = JSON.parse(lines[lines.length - 1]!) as CreatedSession;
    expect(Object.keys(created).sort()).toEqual(['code', 'facilitatorToken', 'facilitatorUrl', 'id', 'joinUrl', 'presenterUrl']);

    const snapshot = await getSession(server.url, created);
    const { agenda, live } = snapshot.session;
    expect(live.status).toBe('open');
    expect(live.participantCount).toBe(12);
    expect(live.currentActivityId).toBe(agenda[agenda.length - 1]!.id);

    for (const question of agenda.filter((a) => a.kind === 'choice' || a.kind === 'rating')) {
      expect(snapshot.results[question.id]?.respondents, question.title).toBeGreaterThan(0);
    }
    const rating = agenda.find((a): a is RatingActivity => a.kind === 'rating')!;
    const ratingResults = snapshot.results[rating.id];
    expect(ratingResults?.kind).toBe('rating');

    const breakout = agenda.find((a): a is BreakoutActivity => a.kind === 'breakout')!;
    const salas = snapshot.breakouts[breakout.id]!.salas;
    expect(salas.length).toBeGreaterThanOrEqual(2);
    expect(salas.reduce((n, s) => n + s.members.length, 0)).toBe(12);
    for (const sala of salas) {
      expect(sala.roles.secretary, sala.name).not.toBeNull();
      expect(sala.members.map((m) => m.participantId)).toContain(sala.roles.secretary);
    }
    expect(snapshot.breakouts[breakout.id]!.message?.text).toBe('Quedan 5 minutos');

    const synthesisActivity = agenda.find((a): a is SynthesisActivity => a.kind === 'synthesis')!;
    const synthesis = snapshot.syntheses[synthesisActivity.id]!;
    expect(synthesis.focus.fieldKey).not.toBeNull();
    expect(synthesis.salas.map((s) => s.salaId).sort()).toEqual(salas.map((s) => s.id).sort());
    for (const sala of synthesis.salas) {
      expect(sala.submittedAt, sala.salaId).not.toBeNull();
      expect(sala.version).toBeGreaterThan(1);
      for (const key of fieldKeys(breakout)) expect(sala.content?.fields[key]?.trim(), key).toBeTruthy();
      expect(sala.content?.support.length).toBeGreaterThan(0);
    }
  }, 200_000);
});
