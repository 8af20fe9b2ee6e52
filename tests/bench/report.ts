/** The benchmark's figures: their shape (the JSON of --json) and the table printed at the end. */
import type { CommitFigures } from './server-metrics.ts';
import type { TimelinePoint } from './stats.ts';

/** What one run against one server measured. The first sixteen fields are the issue's. */
export interface Figures extends CommitFigures {
  participants: number;
  /** Participants connected and joined. */
  connected: number;
  /** Joined ÷ time from the first connection attempt to the last join ack (connecting included). */
  joinsPerSecond: number;
  /** New answers acknowledged ÷ time from the first emit to the last ack of the answer phase. */
  answersPerSecond: number;
  /** Answers acknowledged as new (`duplicate: false`), over every phase. */
  acknowledged: number;
  /** Answers in the presenter's last aggregate. */
  countedByPresenter: number;
  ackP50Ms: number;
  ackP99Ms: number;
  /** Emit → presenter holding an aggregate that includes the answer (answer phase). */
  updateP50Ms: number;
  updateP99Ms: number;
  /** `results:updated` messages received by the presenter per second of the answer phase. */
  presenterUpdatesPerSecond: number;
  /** The shortest gap between two presenter updates in the answer phase (coalescing keeps it near 100 ms or more). */
  presenterMinIntervalMs: number;
  /** Server RSS at the end of the answer phase. */
  rssBytes: number;
  /** (rssBytes − RSS before anyone joined) ÷ participants. */
  rssPerParticipantBytes: number;
  /** Server CPU during the answer phase ÷ submissions handled, in µs. */
  cpuUsPerAnswer: number;
  /** The database's own processes' CPU (PostgreSQL's cluster) ÷ submissions handled, in µs; NaN (null in JSON) where it works inside the server. */
  databaseCpuUsPerAnswer: number;
  /** Server and database processes together ÷ submissions handled, in µs (= cpuUsPerAnswer on SQLite). */
  totalCpuUsPerAnswer: number;
  /** The database's processes during the answer phase, % of one core (PostgreSQL only). */
  databaseCpuPercent: number;
  /** Answers the store's committed rows hold, read from the database after the run; NaN for the minimal server, which stores nothing. */
  storedAnswers: number;
  /** CPU of the generators (workers and orchestrator) during the answer phase, % of one core. */
  generatorCpuPercent: number;
  /** Failed joins, failed or unacknowledged submissions, unexpected disconnects. */
  errors: number;

  /** CPU used by other processes (and other VMs) during the answer phase, % of one core: noise. */
  otherCpuPercent: number;
  /** Interrupt time during the answer phase (the kernel's loopback networking), % of one core. */
  interruptCpuPercent: number;

  errorsByCode: Record<string, number>;
  /** Acknowledgement latency per 500 ms of the answer phase (JSON only). */
  ackTimeline: TimelinePoint[];
  sent: number;
  duplicates: number;
  answerPhaseSeconds: number;
  ackMaxMs: number;
  updateMaxMs: number;
  /** Answers no presenter update ever reached (should be 0). */
  updatesUnmatched: number;
  rssIdleBytes: number;
  rssAfterJoinBytes: number;
  serverCpuPercent: number;
  joinServerCpuPercent: number;
  joinGeneratorCpuPercent: number;
  /** Results shown to participants, answers trickling in: server CPU, % of one core. */
  revealServerCpuPercent: number;
  revealAnswersPerSecond: number;
  /** `results:updated` messages each participant received per second while results were shown. */
  participantResultsPerSecond: number;
  /** `session:live` messages each participant received per second during the join phase. */
  participantLivePerSecondWhileJoining: number;
}

export interface Report extends Figures {
  baseline: Figures | null;
  /** ours ÷ baseline for each numeric field of the issue's list. */
  ratios: Record<string, number>;
  /** The same server on PostgreSQL (--postgres), in the same run. */
  postgres: Figures | null;
  /** PostgreSQL ÷ SQLite for the same fields, and the CPU with the database's processes. */
  postgresRatios: Record<string, number>;
  /** The PostgreSQL settings of that run (fsync, synchronous_commit, …). */
  postgresSettings: Record<string, string> | null;
  machine: { cpus: number; cpuModel: string; memoryBytes: number; node: string; openFilesLimit: string; pinned: boolean };
  options: Record<string, unknown>;
  startedAt: string;
}

interface Row {
  label: string;
  key: keyof Figures;
  format: (v: number) => string;
  target?: string;
  /** Whether a bigger figure is better (for the ratio column's wording). */
  higherIsBetter?: boolean;
}

const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 2 : 1) : '—');
const pct = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} %` : '—');
// Decimal units (1 MB = 10⁶ bytes), as the targets are written: the stricter reading of them.
const mb = (v: number) => (Number.isFinite(v) ? `${(v / 1e6).toFixed(1)} MB` : '—');
const kb = (v: number) => (Number.isFinite(v) ? `${(v / 1e3).toFixed(1)} KB` : '—');
const num = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');

const ROWS: Row[] = [
  { label: 'participants joined', key: 'connected', format: int },
  { label: 'joins per second', key: 'joinsPerSecond', format: int, target: '≥ 1,000', higherIsBetter: true },
  { label: 'answers per second', key: 'answersPerSecond', format: int, target: '10,000 (at 10k)', higherIsBetter: true },
  { label: 'acknowledged (new)', key: 'acknowledged', format: int },
  { label: 'counted by presenter', key: 'countedByPresenter', format: int, target: '= acknowledged' },
  { label: 'answers in the database', key: 'storedAnswers', format: int, target: '= acknowledged' },
  { label: 'ack p50 (ms)', key: 'ackP50Ms', format: ms },
  { label: 'ack p99 (ms)', key: 'ackP99Ms', format: ms, target: '≤ 50 at 5k/s (PostgreSQL ≤ 100)' },
  { label: 'update p50 (ms)', key: 'updateP50Ms', format: ms, target: '≤ 10 when sparse' },
  { label: 'update p99 (ms)', key: 'updateP99Ms', format: ms, target: '≤ 150 at 5k/s, 250 at 10k/s' },
  { label: 'presenter updates / s', key: 'presenterUpdatesPerSecond', format: num, target: '≤ 10' },
  { label: 'shortest presenter gap (ms)', key: 'presenterMinIntervalMs', format: ms, target: '≈ 100 or more' },
  { label: 'server RSS, idle', key: 'rssIdleBytes', format: mb },
  { label: 'server RSS once joined', key: 'rssAfterJoinBytes', format: mb },
  { label: 'server RSS, end of answers', key: 'rssBytes', format: mb, target: '≤ 300 MB at 10k' },
  { label: 'RSS per participant', key: 'rssPerParticipantBytes', format: kb, target: '≤ 25 KB' },
  { label: 'server CPU per answer (µs)', key: 'cpuUsPerAnswer', format: num, target: '≤ 50' },
  { label: 'PostgreSQL CPU per answer (µs)', key: 'databaseCpuUsPerAnswer', format: num },
  { label: 'server + database CPU / answer (µs)', key: 'totalCpuUsPerAnswer', format: num, target: 'PostgreSQL ≤ 2× SQLite' },
  { label: 'PostgreSQL CPU, answer phase', key: 'databaseCpuPercent', format: pct },
  { label: 'answers per commit', key: 'answersPerCommit', format: num },
  { label: 'commit mean (ms)', key: 'commitMeanMs', format: ms },
  { label: 'commits over 50 ms', key: 'commitsOver50Ms', format: int },
  { label: 'commits over 100 ms', key: 'commitsOver100Ms', format: int },
  { label: 'event loop, longest stall (ms)', key: 'eventLoopMaxLagMs', format: ms },
  { label: 'server CPU, answer phase', key: 'serverCpuPercent', format: pct },
  { label: 'generator CPU, answer phase', key: 'generatorCpuPercent', format: pct, target: '< 100 % (else it measured itself)' },
  { label: 'server CPU, results shown', key: 'revealServerCpuPercent', format: pct, target: '≤ 20 % at 10k' },
  { label: 'results per phone per second', key: 'participantResultsPerSecond', format: num, target: '≤ 1' },
  { label: "other processes' CPU", key: 'otherCpuPercent', format: pct, target: '≈ 0 (else the run was disturbed)' },
  { label: 'errors', key: 'errors', format: int, target: '0' },
];

/** The issue's sixteen fields (and the baseline holds the same). */
export const ISSUE_FIELDS = [
  'participants',
  'connected',
  'joinsPerSecond',
  'answersPerSecond',
  'acknowledged',
  'countedByPresenter',
  'ackP50Ms',
  'ackP99Ms',
  'updateP50Ms',
  'updateP99Ms',
  'presenterUpdatesPerSecond',
  'rssBytes',
  'rssPerParticipantBytes',
  'cpuUsPerAnswer',
  'generatorCpuPercent',
  'errors',
] as const satisfies ReadonlyArray<keyof Figures>;

/** The fields compared between two runs: the issue's, and the CPU with the database's processes. */
const RATIO_FIELDS = [...ISSUE_FIELDS, 'totalCpuUsPerAnswer'] as const;

export function ratios(ours: Figures, baseline: Figures | null): Record<string, number> {
  if (!baseline) return {};
  const out: Record<string, number> = {};
  for (const key of RATIO_FIELDS) {
    const a = ours[key];
    const b = baseline[key];
    if (Number.isFinite(a) && Number.isFinite(b) && b !== 0) out[key] = Math.round((a / b) * 100) / 100;
  }
  return out;
}

const ratioOf = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${(a / b).toFixed(2)}×` : '');

/**
 * A plain-text table: our figure, the minimal server's, their ratio, and the issue's target;
 * with --postgres, the PostgreSQL run and its ratio to SQLite after ours.
 */
export function formatTable(report: Report): string {
  const base = report.baseline;
  const pg = report.postgres;
  const header = ['', pg ? 'SQLite' : 'Plenario', ...(pg ? ['PostgreSQL', 'PG/SQLite'] : []), 'minimal', 'ratio', 'target'];
  const lines = ROWS.map((row) => {
    const ours = report[row.key] as number;
    const theirs = base ? (base[row.key] as number) : Number.NaN;
    const onPostgres = pg ? [row.format(pg[row.key] as number), ratioOf(pg[row.key] as number, ours)] : [];
    return [row.label, row.format(ours), ...onPostgres, base ? row.format(theirs) : '—', ratioOf(ours, theirs), row.target ?? ''];
  });
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const exact = (f: Figures) =>
    f.countedByPresenter === f.acknowledged && f.storedAnswers === f.acknowledged ? 'exact (presenter = database)' : 'MISMATCH';
  const codes = (f: Figures) =>
    Object.entries(f.errorsByCode)
      .map(([code, n]) => `${code}: ${n}`)
      .join(', ');
  const errors = codes(report);
  const pgErrors = pg ? codes(pg) : '';
  const machine = report.machine;
  return [
    `Plenario benchmark — ${report.participants.toLocaleString('en-US')} participants, ${report.options.rate === null ? 'answers as fast as acknowledged' : `${String(report.options.rate)} answers/s`}, ${String(report.options.duration)} s`,
    `${machine.cpus} × ${machine.cpuModel}, ${(machine.memoryBytes / 2 ** 30).toFixed(0)} GB, Node ${machine.node}${machine.pinned ? `, server on core 0, generators${pg ? ' and PostgreSQL' : ''} on core 1` : ', not pinned'}`,
    '',
    render(header),
    rule,
    ...lines.map(render),
    '',
    `correctness: presenter counts ${report.countedByPresenter.toLocaleString('en-US')} of ${report.acknowledged.toLocaleString('en-US')} acknowledged — ${exact(report)}` +
      (pg ? `; PostgreSQL: ${exact(pg)}` : '') +
      (report.baseline ? `; minimal: ${report.baseline.countedByPresenter === report.baseline.acknowledged ? 'exact' : 'MISMATCH'}` : ''),
    report.postgresSettings
      ? `PostgreSQL settings: ${Object.entries(report.postgresSettings)
          .map(([name, value]) => `${name}=${value}`)
          .join(', ')}`
      : '',
    errors ? `errors: ${errors}` : '',
    pgErrors ? `errors on PostgreSQL: ${pgErrors}` : '',
  ]
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n');
}
