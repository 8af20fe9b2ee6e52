import { afterEach, describe, expect, it } from 'vitest';
import type { SessionReport } from '../../shared/report.ts';
import type { CreatedSession } from '../../shared/types.ts';
import { runDemo } from './support/demo.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const FACILITATOR = { email: 'ana@serviciocivil.cl', name: 'Ana', password: 'contraseña-segura-1', role: 'facilitator' as const };

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
  }, 260_000);

  it('refuses --next-session without an account', async () => {
    server = await startServer();
    const result = await runDemo(['--participants', '2', '--url', server.url, '--next-session'], 60_000);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--next-session necesita una cuenta');
  });
});
