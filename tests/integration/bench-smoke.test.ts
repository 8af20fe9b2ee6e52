import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ISSUE_FIELDS, type Report } from '../bench/report.ts';
import { parseOptions, runBenchmark } from '../bench/run.ts';

const dir = mkdtempSync(join(tmpdir(), 'plenario-bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run bench --postgres (smoke: 50 participants; Plenario on SQLite and on PostgreSQL, the minimal server)', () => {
  it('reports every figure, counts exactly what was acknowledged and stored, and meets no error', { timeout: 180_000 }, async () => {
    const json = join(dir, 'bench.json');
    const options = parseOptions(['--participants', '50', '--duration', '2', '--reveal-duration', '1', '--postgres', '--json', json]);
    // Other test files run beside this one: no pinning, no waiting for a quiet machine.
    await runBenchmark({ ...options, pin: false, print: false, quietTimeout: 0 });

    const written = JSON.parse(readFileSync(json, 'utf8')) as Report;
    expect(written.postgres).not.toBeNull();
    for (const figures of [written, written.postgres!, written.baseline!]) {
      for (const field of ISSUE_FIELDS) expect(typeof figures[field], field).toBe('number');
      expect(figures.participants).toBe(50);
      expect(figures.connected).toBe(50);
      expect(figures.errors).toBe(0);
      expect(figures.acknowledged).toBeGreaterThan(0);
      expect(figures.countedByPresenter).toBe(figures.acknowledged);
    }
    // What was committed: the answers the database's rows hold (SQLite's file, PostgreSQL's tables).
    for (const figures of [written, written.postgres!]) {
      expect(figures.storedAnswers).toBe(figures.acknowledged);
      expect(typeof figures.totalCpuUsPerAnswer).toBe('number');
    }
    expect(typeof written.postgres!.databaseCpuUsPerAnswer).toBe('number');
    expect(written.postgresSettings).toMatchObject({ fsync: 'on', synchronous_commit: 'on' });
    expect(Object.keys(written.ratios)).toContain('answersPerSecond');
    expect(Object.keys(written.postgresRatios)).toEqual(expect.arrayContaining(['ackP99Ms', 'totalCpuUsPerAnswer']));
    // Rates and gaps (updates per second, the shortest presenter gap, results per phone per
    // second) are how fast this machine was, not whether the server kept its rules: a client
    // that falls behind receives two well-spaced updates in one tick. They are `npm run bench`'s
    // figures; the spacing itself is checked on the server's clock in tests/unit/realtime/publisher.test.ts.
  });
});
