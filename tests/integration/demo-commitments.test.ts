import { afterEach, describe, expect, it } from 'vitest';
import type { SeriesReport, SessionReport } from '../../shared/report.ts';
import type { CreatedSession } from '../../shared/types.ts';
import { runDemo } from './support/demo.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const FACILITATOR = { email: 'ana@serviciocivil.cl', name: 'Ana', password: 'contraseña-segura-1', role: 'facilitator' as const };

async function signInCookie(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: FACILITATOR.email, password: FACILITATOR.password }),
  });
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

describe('npm run demo -- --next-session (commitments)', () => {
  it('writes commitments at the close of one session and takes them up at the next session of the series', async () => {
    server = await startServer();
    await server.app.accounts.createAccount(FACILITATOR);
    const args = [
      '--participants',
      '8',
      '--url',
      server.url,
      '--pace',
      '0',
      '--json',
      '--email',
      FACILITATOR.email,
      '--password',
      FACILITATOR.password,
    ];
    const result = await runDemo([...args, '--next-session'], 240_000);
    expect(result.code, result.stderr).toBe(0);
    const second = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as CreatedSession;

    const db = server.app.db;
    const sessions = db.prepare('SELECT id, series_id FROM sessions ORDER BY created_at').all() as Array<{
      id: string;
      series_id: string | null;
    }>;
    expect(sessions).toHaveLength(2);
    expect(sessions[1]!.id).toBe(second.id);
    expect(sessions[0]!.series_id).not.toBeNull();
    expect(sessions[1]!.series_id).toBe(sessions[0]!.series_id);
    const writtenBefore = (db.prepare('SELECT COUNT(*) AS n FROM commitments WHERE session_id = ?').get(sessions[0]!.id) as { n: number })
      .n;
    expect(writtenBefore).toBeGreaterThan(0);

    const response = await fetch(`${server.url}/api/sessions/${second.id}/report.json`, {
      headers: { authorization: `Bearer ${second.facilitatorToken}` },
    });
    const report = (await response.json()) as SessionReport;
    const review = report.commitments.find((c) => c.mode === 'review');
    const write = report.commitments.find((c) => c.mode === 'write');
    // Everyone who wrote at the first session came back and answered (by key or by code).
    expect(review).toMatchObject({ section: 'Retomando…', answered: writtenBefore, suppressed: writtenBefore < 5 });
    if (review?.mode === 'review' && review.outcomes) {
      expect(review.outcomes.done + review.outcomes.started + review.outcomes.notYet).toBe(writtenBefore);
    }
    expect(write?.mode === 'write' && write.written).toBeGreaterThan(0);
    expect(JSON.stringify(report)).not.toContain('Conversar con mi jefatura');

    // Session 2's "Retomando" opens with what came of session 1's support register.
    const followedUp = db.prepare("SELECT note FROM support_entries WHERE session_id = ? AND note <> ''").all(sessions[0]!.id) as Array<{
      note: string;
    }>;
    expect(followedUp.length).toBeGreaterThan(0);
    const slides = (
      db.prepare("SELECT spec FROM activities WHERE session_id = ? AND kind = 'content'").all(second.id) as Array<{ spec: string }>
    ).map((row) => row.spec);
    const registerSlide = slides.find((spec) => spec.includes('Lo que pidieron y lo que hicimos'));
    expect(registerSlide).toBeDefined();
    for (const { note } of followedUp) expect(registerSlide).toContain(JSON.stringify(note).slice(1, -1));

    // The series comparison has each agency, session by session.
    const seriesResponse = await fetch(`${server.url}/api/series/${sessions[0]!.series_id}/report.json`, {
      headers: { cookie: await signInCookie(server.url) },
    });
    expect(seriesResponse.status).toBe(200);
    const series = (await seriesResponse.json()) as SeriesReport;
    expect(series.agencies.length).toBeGreaterThan(0);
    for (const agency of series.agencies) expect(agency.sessions.map((s) => s.sessionId)).toEqual(sessions.map((s) => s.id));
  }, 260_000);

  it('refuses --next-session without an account', async () => {
    server = await startServer();
    const result = await runDemo(['--participants', '2', '--url', server.url, '--next-session'], 60_000);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--next-session necesita una cuenta');
  });
});
