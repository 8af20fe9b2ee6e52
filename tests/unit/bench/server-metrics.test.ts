import { describe, expect, it } from 'vitest';
import { Metrics } from '../../../server/metrics/metrics.ts';
import { commitFigures, parseMetrics } from '../../bench/server-metrics.ts';

const metrics = () => new Metrics({ connections: () => [], backupLastAt: () => null, now: () => 0 });

describe("the bench's reading of the server's /metrics", () => {
  it("counts only the answers' commits made between two readings, by the histogram's bounds", async () => {
    const server = metrics();
    const answers = server.commitObserver('answers');
    const joins = server.commitObserver('participants');
    answers(10, 0.002);
    const before = parseMetrics(await server.text());
    answers(40, 0.004);
    answers(60, 0.07);
    answers(100, 0.3);
    joins(500, 2);
    const after = parseMetrics(await server.text());

    const figures = commitFigures(before, after);
    expect(figures.commits).toBe(3);
    expect(figures.answersPerCommit).toBeCloseTo(200 / 3);
    expect(figures.commitMeanMs).toBeCloseTo((4 + 70 + 300) / 3);
    expect(figures.commitsOver50Ms).toBe(2);
    expect(figures.commitsOver100Ms).toBe(1);
    expect(figures.eventLoopMaxLagMs).toBeGreaterThanOrEqual(0);
  });

  it('reads nothing where no answer was committed', async () => {
    const server = metrics();
    const sample = parseMetrics(await server.text());
    expect(commitFigures(sample, sample)).toMatchObject({
      commits: 0,
      answersPerCommit: 0,
      commitMeanMs: 0,
      commitsOver50Ms: 0,
      commitsOver100Ms: 0,
    });
  });
});
