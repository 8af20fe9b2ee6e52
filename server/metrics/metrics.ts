import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the gauges read at each scrape: who is connected (by role and session) and the newest backup. */
export interface MetricSources {
  connections: () => Iterable<{ role: string; sessionId: string | null }>;
  backupLastAt: () => number | null;
  now: () => number;
}

/** The parts of an ack the metrics read. */
type AckReply = { ok: boolean; data?: { duplicate?: boolean }; error?: { code: string } };

/** A commit of a group-commit queue: how many items it wrote, and how long it took. */
export type CommitObserver = (items: number, seconds: number) => void;

/**
 * The server's Prometheus metrics (docs/operations.md#metrics). Labels are kinds, events and
 * error codes only: no session titles, codes, ids or anything a participant wrote.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #acks: Histogram<'event'>;
  readonly #answers: Counter<'outcome'>;
  readonly #commits: Histogram<'queue'>;
  readonly #batches: Histogram<'queue'>;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    // Process figures, the event-loop delay (nodejs_eventloop_lag_*) among them.
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'plenario_connections',
      help: 'Open Socket.IO connections by role (participant, facilitator, or not joined yet).',
      labelNames: ['role'],
      registers,
      collect() {
        this.reset();
        const counts = new Map<string, number>([
          ['participant', 0],
          ['facilitator', 0],
          ['none', 0],
        ]);
        for (const c of sources.connections()) counts.set(c.role, (counts.get(c.role) ?? 0) + 1);
        for (const [role, n] of counts) this.set({ role }, n);
      },
    });
    new Gauge({
      name: 'plenario_sessions_live',
      help: 'Sessions with at least one connection open.',
      registers,
      collect() {
        const live = new Set<string>();
        for (const c of sources.connections()) if (c.sessionId) live.add(c.sessionId);
        this.set(live.size);
      },
    });
    new Gauge({
      name: 'plenario_backup_age_seconds',
      help: 'Seconds since the newest scheduled backup was made; -1 when there is none.',
      registers,
      collect() {
        const at = sources.backupLastAt();
        this.set(at === null ? -1 : Math.max(0, (sources.now() - at) / 1000));
      },
    });
    this.#answers = new Counter({
      name: 'plenario_answers_total',
      help: 'Answer submissions by outcome: stored, duplicate (a retry), or the error code that refused them.',
      labelNames: ['outcome'],
      registers,
    });
    this.#acks = new Histogram({
      name: 'plenario_ack_seconds',
      help: 'Time from a socket event arriving to its acknowledgement leaving, by event.',
      labelNames: ['event'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.#commits = new Histogram({
      name: 'plenario_commit_seconds',
      help: 'Duration of one group-commit transaction, by queue (answers, participants).',
      labelNames: ['queue'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    this.#batches = new Histogram({
      name: 'plenario_commit_batch_items',
      help: 'Items written by one group-commit transaction, by queue.',
      labelNames: ['queue'],
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers,
    });
  }

  /** The ack callback of a socket event that arrived now, timing and counting the reply it sends. */
  timedAck(event: string, ack: (reply: never) => void): (reply: AckReply) => void {
    const started = performance.now();
    return (reply) => {
      this.#acks.observe({ event }, (performance.now() - started) / 1000);
      if (event === 'answer:submit') {
        this.#answers.inc({ outcome: reply.ok ? (reply.data?.duplicate ? 'duplicate' : 'stored') : (reply.error?.code ?? 'INTERNAL') });
      }
      (ack as (reply: AckReply) => void)(reply);
    };
  }

  commitObserver(queue: string): CommitObserver {
    return (items, seconds) => {
      this.#commits.observe({ queue }, seconds);
      this.#batches.observe({ queue }, items);
    };
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
