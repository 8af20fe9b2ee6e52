import { describe, expect, it } from 'vitest';
import { formatTable, ratios, type Figures, type Report } from '../../bench/report.ts';

/** Every numeric field of Figures: one run's figures are these at 1 but the ones a test sets. */
const NUMBERS = [
  'participants',
  'connected',
  'joinsPerSecond',
  'answersPerSecond',
  'acknowledged',
  'countedByPresenter',
  'storedAnswers',
  'ackP50Ms',
  'ackP99Ms',
  'ackMaxMs',
  'updateP50Ms',
  'updateP99Ms',
  'updateMaxMs',
  'updatesUnmatched',
  'presenterUpdatesPerSecond',
  'presenterMinIntervalMs',
  'rssBytes',
  'rssIdleBytes',
  'rssAfterJoinBytes',
  'rssPerParticipantBytes',
  'cpuUsPerAnswer',
  'databaseCpuUsPerAnswer',
  'totalCpuUsPerAnswer',
  'databaseCpuPercent',
  'generatorCpuPercent',
  'otherCpuPercent',
  'interruptCpuPercent',
  'serverCpuPercent',
  'joinServerCpuPercent',
  'joinGeneratorCpuPercent',
  'revealServerCpuPercent',
  'revealAnswersPerSecond',
  'participantResultsPerSecond',
  'participantLivePerSecondWhileJoining',
  'sent',
  'duplicates',
  'answerPhaseSeconds',
  'commits',
  'answersPerCommit',
  'commitMeanMs',
  'commitsOver50Ms',
  'commitsOver100Ms',
  'eventLoopMaxLagMs',
] as const satisfies ReadonlyArray<keyof Figures>;

function figures(set: Partial<Figures> = {}): Figures {
  return { ...Object.fromEntries(NUMBERS.map((k) => [k, 1])), errors: 0, errorsByCode: {}, ackTimeline: [], ...set } as Figures;
}

function report(ours: Figures, postgres: Figures | null): Report {
  return {
    ...ours,
    baseline: null,
    ratios: {},
    postgres,
    postgresRatios: postgres ? ratios(postgres, ours) : {},
    postgresSettings: postgres ? { fsync: 'on', synchronous_commit: 'on' } : null,
    machine: { cpus: 2, cpuModel: 'test', memoryBytes: 2 ** 30, node: 'v20', openFilesLimit: '1/1', pinned: true },
    options: { rate: 5000, duration: 15 },
    startedAt: '2026-12-06T00:00:00Z',
  };
}

describe("the bench's report with --postgres", () => {
  it('compares PostgreSQL to SQLite: its column, the ratio, the CPU with the database, the settings', () => {
    const sqlite = figures({ acknowledged: 100, countedByPresenter: 100, storedAnswers: 100, ackP99Ms: 20, totalCpuUsPerAnswer: 80 });
    const postgres = figures({ acknowledged: 90, countedByPresenter: 90, storedAnswers: 90, ackP99Ms: 40, totalCpuUsPerAnswer: 120 });
    const r = report(sqlite, postgres);
    expect(r.postgresRatios).toMatchObject({ ackP99Ms: 2, totalCpuUsPerAnswer: 1.5 });

    const table = formatTable(r);
    expect(table).toMatch(/SQLite\s+PostgreSQL\s+PG\/SQLite/);
    expect(table).toMatch(/ack p99 \(ms\)\s+20\.0\s+40\.0\s+2\.00×/);
    expect(table).toMatch(/server \+ database CPU \/ answer \(µs\)\s+80\.00\s+120\.00\s+1\.50×/);
    expect(table).toContain('exact (presenter = database); PostgreSQL: exact (presenter = database)');
    expect(table).toContain('PostgreSQL settings: fsync=on, synchronous_commit=on');
  });

  it('says MISMATCH when the database holds other than what was acknowledged', () => {
    const sqlite = figures({ acknowledged: 100, countedByPresenter: 100, storedAnswers: 100 });
    const postgres = figures({ acknowledged: 100, countedByPresenter: 100, storedAnswers: 99 });
    expect(formatTable(report(sqlite, postgres))).toContain('PostgreSQL: MISMATCH');
  });

  it('keeps the table of a run without --postgres as it was', () => {
    const table = formatTable(report(figures(), null));
    expect(table).toMatch(/Plenario\s+minimal\s+ratio\s+target/);
    expect(table).not.toContain('PostgreSQL settings');
  });
});
