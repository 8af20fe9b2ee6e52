/**
 * The server's own view of the answer phase, from its /metrics (docs/operations.md#metrics):
 * how long the answers' group commits took, and the event loop's longest stall. Read at the
 * start and the end of the phase; the difference says whether an ack's tail was spent waiting
 * for the database or for the server's own thread.
 */
import { randomBytes } from 'node:crypto';

/** A METRICS_TOKEN for the bench's server (long enough for config.ts). */
export const benchMetricsToken = (): string => randomBytes(24).toString('hex');

/** Samples of Prometheus' text format: `name{labels}` → value. */
export type MetricsSample = Map<string, number>;

export async function readMetrics(url: string, token: string): Promise<MetricsSample> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
  return parseMetrics(await response.text());
}

export function parseMetrics(text: string): MetricsSample {
  const sample: MetricsSample = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    sample.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return sample;
}

export interface CommitFigures {
  /** Answer batches committed in the phase, and answers per batch on average. */
  commits: number;
  answersPerCommit: number;
  /** Mean time of one batch's write (the database's round trip and flush, for PostgreSQL). */
  commitMeanMs: number;
  /** Batches that took longer than 50 and 100 ms (the histogram's bucket bounds). */
  commitsOver50Ms: number;
  commitsOver100Ms: number;
  /** The event loop's longest delay during the phase (a stall of the server's own thread: GC, a long task). */
  eventLoopMaxLagMs: number;
}

const QUEUE = 'queue="answers"';
const valueOf = (sample: MetricsSample, name: string, label = QUEUE): number => sample.get(`${name}{${label}}`) ?? 0;
const bucket = (sample: MetricsSample, le: string) => valueOf(sample, 'plenario_commit_seconds_bucket', `le="${le}",${QUEUE}`);

/** The answers' commits between two readings; the event loop's max lag is since the first (prom-client resets it at each read). */
export function commitFigures(before: MetricsSample, after: MetricsSample): CommitFigures {
  const delta = (read: (s: MetricsSample) => number) => read(after) - read(before);
  const commits = delta((s) => valueOf(s, 'plenario_commit_seconds_count'));
  const all = delta((s) => bucket(s, '+Inf'));
  return {
    commits,
    answersPerCommit: delta((s) => valueOf(s, 'plenario_commit_batch_items_sum')) / Math.max(1, commits),
    commitMeanMs: (delta((s) => valueOf(s, 'plenario_commit_seconds_sum')) / Math.max(1, commits)) * 1_000,
    commitsOver50Ms: all - delta((s) => bucket(s, '0.05')),
    commitsOver100Ms: all - delta((s) => bucket(s, '0.1')),
    eventLoopMaxLagMs: (after.get('nodejs_eventloop_lag_max_seconds') ?? Number.NaN) * 1_000,
  };
}
