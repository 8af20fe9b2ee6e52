/**
 * `npm run bench`: drives the real server, then a minimal Socket.IO server, with the same
 * simulated participants, and prints what each sustained (see docs/performance.md).
 *
 *   npm run bench -- --participants 10000 --rate 5000 --duration 10 --json bench.json
 *
 * Each server runs as its own process pinned to core 0; the participant workers and this
 * orchestrator (which holds the facilitator and presenter sockets) are pinned to core 1.
 * With --postgres the same server runs a second time on PostgreSQL (DATABASE_URL to a private
 * cluster, fsync on, its processes on core 1 beside the generators: see stores.ts and
 * docs/performance.md). Every phase is bounded in time, and the whole run stops itself after a
 * deadline.
 *
 * With --sessions or --kill-owner-at it is the failover run instead (failover.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, EmitArgs, ServerToClientEvents } from '../../shared/events.ts';
import type { CreatedSession, LiveState, RatingActivity, SessionSnapshot } from '../../shared/types.ts';
import { routingQuery } from '../../shared/routing.ts';
import { ensureServerBuilt, SERVER_ENTRY } from '../../server/cli/build.ts';
import { freePort } from '../integration/support/process.ts';
import {
  MAX_ANSWERS_PER_PARTICIPANT,
  answersIn,
  sinceUs,
  type AnswerReport,
  type Counters,
  type FromWorker,
  type JoinReport,
  type ToWorker,
} from './protocol.ts';
import { isFailoverRun, parseFailoverOptions, runFailover } from './failover.ts';
import { startBenchPostgres, sqliteStoredAnswers, type BenchPostgres } from './stores.ts';
import { benchMetricsToken, commitFigures, readMetrics, type CommitFigures } from './server-metrics.ts';
import { canPin, machine, sleep, spawnNode, startWorkers, stopProcess, tail, waitForQuiet, waitHealthy, type Worker } from './processes.ts';
import { formatTable, ratios, type Figures, type Report } from './report.ts';
import { cpuUs, latencyTimeline, machineBusyUs, percentile, rssBytes, sortedCopy, updateLatencies, type PresenterUpdate } from './stats.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** Plenario on SQLite, Plenario on PostgreSQL (--postgres), the minimal server. */
type Target = 'plenario' | 'postgres' | 'minimal';

export interface BenchOptions {
  participants: number;
  /** Seconds of the answer phase. */
  duration: number;
  /** Answers per second in total; null: each participant answers again as soon as acknowledged. */
  rate: number | null;
  json: string | null;
  workers: number;
  joinConcurrency: number;
  /** Seconds with results shown to participants while answers trickle in at revealRate. */
  revealDuration: number;
  revealRate: number;
  retryFraction: number;
  /** Write a CPU profile of Plenario's server (node --cpu-prof) into this folder. */
  profileDir: string | null;
  /** Extra Node flags for both servers (e.g. a V8 heap setting), to try a tuning on each alike. */
  nodeFlags: string[];
  baseline: boolean;
  /** Run Plenario on PostgreSQL too, between the SQLite run and the minimal server's. */
  postgres: boolean;
  /** Pin the server to core 0 and the generators to core 1 (when taskset and two cores exist). */
  pin: boolean;
  /** Print the table (the smoke test turns it off). */
  print: boolean;
  /** Seconds to wait for the rest of the machine to be quiet before each server's run (0: don't). */
  quietTimeout: number;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Answers a participant may still give once results are shown (the rest go to the answer phase). */
const REVEAL_RESERVE = 2;
/** How long the facilitator's commands wait for their ack (the sockets' ackTimeout). */
const ACK_TIMEOUT_MS = 10_000;

function connect(url: string, auth: Record<string, string>, before: (s: ClientSocket) => void = () => {}): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    // Named as the real client names it, which a node on PostgreSQL requires (shared/routing.ts).
    query: routingQuery(auth.sessionId),
    forceNew: true,
    reconnection: false,
    transports: ['websocket'],
    ackTimeout: ACK_TIMEOUT_MS,
    auth,
  });
  before(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** The facilitator's commands the bench sends: both ack with the session's LiveState. */
async function command<E extends 'agenda:goto' | 'display:set'>(
  socket: ClientSocket,
  event: E,
  ...payload: EmitArgs<E>
): Promise<LiveState> {
  const ack = await socket.emitWithAck(event, ...payload);
  if (!ack.ok) throw new Error(`${event} refused: ${ack.error.code}`);
  return ack.data;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const mergeCounts = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [code, n] of Object.entries(from)) into[code] = (into[code] ?? 0) + n;
};

/** Runs every phase against one server and returns its figures. */
async function runAgainst(target: Target, options: BenchOptions, t0: bigint, postgres: BenchPostgres | null = null): Promise<Figures> {
  const log = (message: string) => options.print && console.error(`[${target}] ${message}`);
  const dataDir = mkdtempSync(join(os.tmpdir(), `plenario-bench-${target}-`));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Plenario's /metrics tell its commits and event-loop stalls apart (server-metrics.ts).
  const metricsToken = target === 'minimal' ? null : benchMetricsToken();
  // Both run as bundles, without a TypeScript loader: Plenario as `npm start` runs it.
  const serverArgs =
    target !== 'minimal'
      ? [...options.nodeFlags, ...(options.profileDir ? ['--cpu-prof', '--cpu-prof-dir', resolve(options.profileDir)] : []), SERVER_ENTRY]
      : [...options.nodeFlags, MINIMAL_SERVER_ENTRY];
  const server = spawnNode(serverArgs, {
    core: options.pin ? 0 : null,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIR: join(dataDir, 'no-client'),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...(postgres ? { DATABASE_URL: postgres.url, NODE_ID: 'bench' } : {}),
      ...(metricsToken ? { METRICS_TOKEN: metricsToken } : {}),
    },
  });
  const serverOutput = tail(server);
  const sockets: ClientSocket[] = [];
  const workers: Worker[] = [];
  try {
    await waitHealthy(url, server, serverOutput);
    const pid = server.pid!;
    const response = await fetch(`${url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Benchmark', template: 'bienestar-sesion-2' }),
    });
    if (response.status !== 201) throw new Error(`session not created: ${response.status} ${await response.text()}`);
    const session = (await response.json()) as CreatedSession;
    const auth = { sessionId: session.id, facilitatorToken: session.facilitatorToken };

    let snapshot!: Promise<SessionSnapshot>;
    const facilitator = await connect(url, auth, (s) => (snapshot = new Promise((r) => s.once('session:snapshot', r))));
    sockets.push(facilitator);
    const rating = (await snapshot).session.agenda.find((a): a is RatingActivity => a.kind === 'rating');
    if (!rating) throw new Error('the template has no rating activity');
    const live = await command(facilitator, 'agenda:goto', { activityId: rating.id });
    if (live.answering[rating.id] !== 'open') throw new Error('answering did not open');

    // The presenter screen: every aggregate of the rating, when it arrived and how many answers it holds.
    const updates: PresenterUpdate[] = [];
    const presenter = await connect(url, auth, (s) =>
      s.on('results:updated', (update) => {
        if (update.activityId !== rating.id) return;
        const count = (update as { count?: unknown }).count;
        const answers = typeof count === 'number' ? count : update.results.kind === 'rating' ? answersIn(update.results) : 0;
        updates.push({ atUs: sinceUs(t0), answers });
      }),
    );
    sockets.push(presenter);
    // Pauses that let the server settle before a memory reading: longer with more sockets.
    const settleMs = Math.min(1_500, 300 + options.participants / 5);
    await sleep(settleMs);
    const rssIdleBytes = rssBytes(pid);

    // Bounded, but generous enough for a slow server to show its join rate rather than time out.
    const joinTimeoutMs = Math.max(60_000, options.participants * 15);
    const joinConcurrency = Math.max(1, Math.ceil(options.joinConcurrency / options.workers));
    await startWorkers<ToWorker, FromWorker>(
      'tests/bench/participant-worker.ts',
      options,
      (first, count) => {
        const itemIds = rating.items.map((i) => i.id);
        return {
          type: 'init',
          url,
          query: routingQuery(session.id),
          code: session.code,
          activityId: rating.id,
          itemIds,
          first,
          count,
          t0,
          joinConcurrency,
          joinTimeoutMs,
        };
      },
      workers,
    );
    const generatorPids = [process.pid, ...workers.map((w) => w.child.pid!)];
    const generatorCpu = () => sum(generatorPids.map(cpuUs));
    // The database's own processes (PostgreSQL's); SQLite works inside the server's.
    const databaseCpu = () => postgres?.cpuUs() ?? 0;
    const counters = async () => {
      const all = await Promise.all(workers.map((w) => w.request({ type: 'counters' }, 'counters', 10_000)));
      return {
        live: sum(all.map((c: Counters) => c.live)),
        results: sum(all.map((c) => c.results)),
        disconnects: sum(all.map((c) => c.disconnects)),
      };
    };

    // ---- Join: every participant connects and joins by code.
    log(`joining ${options.participants} participants`);
    const errorsByCode: Record<string, number> = {};
    let [serverCpu0, generatorCpu0, wall0] = [cpuUs(pid), generatorCpu(), Date.now()];
    const joins: JoinReport[] = await Promise.all(workers.map((w) => w.request({ type: 'join' }, 'joined', joinTimeoutMs + 30_000)));
    let [serverCpu1, generatorCpu1, wall1] = [cpuUs(pid), generatorCpu(), Date.now()];
    const connected = sum(joins.map((j) => j.joined));
    for (const j of joins) mergeCounts(errorsByCode, j.errors);
    const joinSeconds = (Math.max(...joins.map((j) => j.lastJoinUs)) - Math.min(...joins.map((j) => j.firstStartUs))) / 1e6;
    const joinServerCpuPercent = ((serverCpu1 - serverCpu0) / ((wall1 - wall0) * 1_000)) * 100;
    const joinGeneratorCpuPercent = ((generatorCpu1 - generatorCpu0) / ((wall1 - wall0) * 1_000)) * 100;
    const liveWhileJoining = (await counters()).live;
    await sleep(settleMs);
    const rssAfterJoinBytes = rssBytes(pid);
    log(`${connected} joined in ${joinSeconds.toFixed(2)} s`);

    // ---- Answers: the rating, at the rate asked or as fast as acknowledged.
    const answerCommand = (rate: number | null, durationS: number, maxAnswers: number, startUs: number, worker: number): ToWorker => ({
      type: 'answer',
      rate: rate === null ? null : rate / workers.length,
      // Worker w sends its answers w/W of an interval after worker 0's: evenly spaced in total.
      offsetMs: rate === null ? 0 : (worker / workers.length) * (1_000 / (rate / workers.length)),
      startUs,
      durationMs: Math.round(durationS * 1_000),
      maxAnswers,
      retryFraction: options.retryFraction,
    });
    const metrics0 = metricsToken ? await readMetrics(url, metricsToken) : null;
    const startUs = sinceUs(t0) + 300_000;
    log(`answering for ${options.duration} s${options.rate === null ? ', as fast as acknowledged' : ` at ${options.rate}/s`}`);
    const pending = Promise.all(
      workers.map((w, i) =>
        w.request(
          answerCommand(options.rate, options.duration, MAX_ANSWERS_PER_PARTICIPANT - REVEAL_RESERVE, startUs, i),
          'answered',
          options.duration * 1_000 + 60_000,
        ),
      ),
    );
    await sleep(Math.max(0, (startUs - sinceUs(t0)) / 1_000));
    [serverCpu0, generatorCpu0, wall0] = [cpuUs(pid), generatorCpu(), Date.now()];
    const [machine0, databaseCpu0] = [machineBusyUs(), databaseCpu()];
    const answered: AnswerReport[] = await pending;
    [serverCpu1, generatorCpu1, wall1] = [cpuUs(pid), generatorCpu(), Date.now()];
    const [machine1, databaseCpu1] = [machineBusyUs(), databaseCpu()];
    const rssEndBytes = rssBytes(pid);
    const commits: CommitFigures | null = metrics0 ? commitFigures(metrics0, await readMetrics(url, metricsToken!)) : null;
    for (const a of answered) mergeCounts(errorsByCode, a.errors);
    const fresh = sum(answered.map((a) => a.fresh));
    const handled = sum(answered.map((a) => a.fresh + a.duplicates + sum(Object.values(a.errors))));
    const firstEmitUs = Math.min(...answered.map((a) => a.firstEmitUs || Number.POSITIVE_INFINITY));
    const lastAckUs = Math.max(...answered.map((a) => a.lastAckUs));
    const answerSeconds = Math.max(1e-6, (lastAckUs - firstEmitUs) / 1e6);
    const phaseWallUs = (wall1 - wall0) * 1_000;
    // The presenter's rate from the gaps between its updates (the phase's answers, up to the
    // trailing flush after the last ack): n updates span n − 1 gaps, so a short phase is not
    // overstated by its edges.
    const presenterTimes = updates.filter((u) => u.atUs >= firstEmitUs && u.atUs <= lastAckUs + 150_000).map((u) => u.atUs);
    const presenterGapsUs = presenterTimes.slice(1).map((at, i) => at - presenterTimes[i]!);
    log(`${fresh} new answers acknowledged in ${answerSeconds.toFixed(2)} s`);

    // Returns as soon as the presenter holds them all; the deadline is for a busy machine.
    const drained = async (expected: number) => {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && (updates.at(-1)?.answers ?? 0) < expected) await sleep(20);
    };
    await drained(fresh);

    // ---- Results shown: participants get results (at most once a second) while answers trickle in.
    log(`results shown for ${options.revealDuration} s, ${options.revealRate} answers/s`);
    const revealBefore = await counters();
    const revealStartUs = sinceUs(t0) + 200_000;
    const revealPending = Promise.all(
      workers.map((w, i) =>
        w.request(
          answerCommand(options.revealRate, options.revealDuration, MAX_ANSWERS_PER_PARTICIPANT, revealStartUs, i),
          'answered',
          options.revealDuration * 1_000 + 60_000,
        ),
      ),
    );
    await sleep(Math.max(0, (revealStartUs - sinceUs(t0)) / 1_000 - 100));
    const [revealCpu0, revealWall0] = [cpuUs(pid), Date.now()];
    await command(facilitator, 'display:set', { resultsVisible: true });
    const revealed: AnswerReport[] = await revealPending;
    const [revealCpu1, revealWall1] = [cpuUs(pid), Date.now()];
    const revealAfter = await counters();
    await command(facilitator, 'display:set', { resultsVisible: false });
    for (const a of revealed) mergeCounts(errorsByCode, a.errors);
    const revealFresh = sum(revealed.map((a) => a.fresh));
    const revealSeconds = (revealWall1 - revealWall0) / 1_000;

    const acknowledged = fresh + revealFresh;
    await drained(acknowledged);
    const countedByPresenter = updates.reduce((max, u) => Math.max(max, u.answers), 0);
    const storedAnswers =
      target === 'minimal' ? Number.NaN : postgres ? await postgres.storedAnswers(session.id) : sqliteStoredAnswers(dataDir, session.id);
    if (revealAfter.disconnects > 0) errorsByCode.DISCONNECTED = revealAfter.disconnects;

    // ---- Latencies.
    const ackLatencies = sortedCopy(answered.flatMap((a) => Array.from(a.ackLatencyUs)));
    const emits = sortedCopy([...answered, ...revealed].flatMap((a) => Array.from(a.freshEmitUs)));
    const allUpdateLatencies = updateLatencies(emits, updates);
    // The answer phase's answers are the first `fresh` by emit time (the reveal phase comes after).
    const phaseUpdates = allUpdateLatencies.subarray(0, fresh);
    const matched = sortedCopy(Array.from(phaseUpdates).filter((v) => !Number.isNaN(v)));
    const toMs = (us: number) => us / 1_000;

    const errors = sum(Object.values(errorsByCode));
    const databaseCpuUsPerAnswer = postgres ? (databaseCpu1 - databaseCpu0) / Math.max(1, handled) : Number.NaN;
    return {
      participants: options.participants,
      connected,
      joinsPerSecond: connected / Math.max(1e-6, joinSeconds),
      answersPerSecond: fresh / answerSeconds,
      acknowledged,
      countedByPresenter,
      ackP50Ms: toMs(percentile(ackLatencies, 50)),
      ackP99Ms: toMs(percentile(ackLatencies, 99)),
      updateP50Ms: toMs(percentile(matched, 50)),
      updateP99Ms: toMs(percentile(matched, 99)),
      presenterUpdatesPerSecond: presenterGapsUs.length
        ? presenterGapsUs.length / (sum(presenterGapsUs) / 1e6)
        : presenterTimes.length / answerSeconds,
      presenterMinIntervalMs: presenterGapsUs.length ? Math.min(...presenterGapsUs) / 1_000 : Number.NaN,
      rssBytes: rssEndBytes,
      rssPerParticipantBytes: (rssEndBytes - rssIdleBytes) / Math.max(1, options.participants),
      cpuUsPerAnswer: (serverCpu1 - serverCpu0) / Math.max(1, handled),
      databaseCpuUsPerAnswer,
      totalCpuUsPerAnswer: (serverCpu1 - serverCpu0 + databaseCpu1 - databaseCpu0) / Math.max(1, handled),
      databaseCpuPercent: postgres ? ((databaseCpu1 - databaseCpu0) / phaseWallUs) * 100 : Number.NaN,
      storedAnswers,
      ...(commits ?? NO_COMMITS),
      generatorCpuPercent: ((generatorCpu1 - generatorCpu0) / phaseWallUs) * 100,
      errors,
      otherCpuPercent: Math.max(
        0,
        ((machine1.processes -
          machine0.processes -
          (serverCpu1 - serverCpu0) -
          (generatorCpu1 - generatorCpu0) -
          (databaseCpu1 - databaseCpu0)) /
          phaseWallUs) *
          100,
      ),
      interruptCpuPercent: ((machine1.interrupts - machine0.interrupts) / phaseWallUs) * 100,
      errorsByCode,
      ackTimeline: latencyTimeline(
        answered.flatMap((a) => Array.from(a.ackAtUs)),
        answered.flatMap((a) => Array.from(a.ackLatencyUs)),
        startUs,
        500,
      ),
      sent: sum(answered.map((a) => a.sent)),
      duplicates: sum(answered.map((a) => a.duplicates)),
      answerPhaseSeconds: answerSeconds,
      ackMaxMs: toMs(ackLatencies.at(-1) ?? Number.NaN),
      updateMaxMs: toMs(matched.at(-1) ?? Number.NaN),
      updatesUnmatched: phaseUpdates.length - matched.length,
      rssIdleBytes,
      rssAfterJoinBytes,
      serverCpuPercent: ((serverCpu1 - serverCpu0) / phaseWallUs) * 100,
      joinServerCpuPercent,
      joinGeneratorCpuPercent,
      revealServerCpuPercent: ((revealCpu1 - revealCpu0) / (revealSeconds * 1e6)) * 100,
      revealAnswersPerSecond: revealFresh / Math.max(1e-6, revealSeconds),
      participantResultsPerSecond: (revealAfter.results - revealBefore.results) / Math.max(1, connected) / Math.max(1e-6, revealSeconds),
      participantLivePerSecondWhileJoining: liveWhileJoining / Math.max(1, connected) / Math.max(1e-6, joinSeconds),
    };
  } finally {
    await Promise.all(workers.map((w) => w.request({ type: 'close' }, 'closed', 10_000).catch(() => undefined)));
    await Promise.all(workers.map((w) => stopProcess(w.child, 2_000)));
    for (const s of sockets) s.close();
    // A CPU profile is written at exit: give it time.
    await stopProcess(server, 30_000);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The minimal server has no /metrics. */
const NO_COMMITS: CommitFigures = {
  commits: Number.NaN,
  answersPerCommit: Number.NaN,
  commitMeanMs: Number.NaN,
  commitsOver50Ms: Number.NaN,
  commitsOver100Ms: Number.NaN,
  eventLoopMaxLagMs: Number.NaN,
};

/** The minimal server bundled like Plenario's (under dist/, so its packages resolve from node_modules). */
const MINIMAL_SERVER_ENTRY = join(repoRoot, 'dist', 'bench', 'minimal-server.js');
async function buildMinimalServer(): Promise<void> {
  await build({
    entryPoints: [join(repoRoot, 'tests', 'bench', 'minimal-server.ts')],
    outfile: MINIMAL_SERVER_ENTRY,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

/**
 * Plenario on a private PostgreSQL with production's durability (stores.ts). Its processes go
 * on core 1 with the generators: in production the database has a machine of its own, so the
 * node keeps core 0 to itself as in the SQLite run, and what PostgreSQL costs is read apart.
 */
async function runOnPostgres(
  options: BenchOptions,
  t0: bigint,
  log: (message: string) => void,
): Promise<{ figures: Figures; settings: Record<string, string> }> {
  const postgres = await startBenchPostgres(options.pin ? 1 : null);
  try {
    log(
      `PostgreSQL: ${Object.entries(postgres.settings)
        .map(([name, value]) => `${name}=${value}`)
        .join(', ')}`,
    );
    if (options.quietTimeout > 0) await waitForQuiet(options.quietTimeout, log);
    return { figures: await runAgainst('postgres', options, t0, postgres), settings: postgres.settings };
  } finally {
    await postgres.stop();
  }
}

/** Runs the benchmark against Plenario (on SQLite, and with --postgres on PostgreSQL) and (unless told not to) the minimal server. */
export async function runBenchmark(options: BenchOptions): Promise<Report> {
  const pinned = options.pin && canPin();
  if (pinned) execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  const opts = { ...options, pin: pinned };
  const t0 = process.hrtime.bigint();
  const startedAt = new Date().toISOString();
  const log = (message: string) => opts.print && console.error(message);
  await ensureServerBuilt();
  if (opts.baseline) await buildMinimalServer();
  if (opts.quietTimeout > 0) await waitForQuiet(opts.quietTimeout, log);
  const ours = await runAgainst('plenario', opts, t0);
  const postgres = opts.postgres ? await runOnPostgres(opts, t0, log) : null;
  if (opts.baseline && opts.quietTimeout > 0) await waitForQuiet(opts.quietTimeout, log);
  const baseline = opts.baseline ? await runAgainst('minimal', opts, t0) : null;
  const report: Report = {
    ...ours,
    baseline,
    ratios: ratios(ours, baseline),
    postgres: postgres?.figures ?? null,
    postgresRatios: postgres ? ratios(postgres.figures, ours) : {},
    postgresSettings: postgres?.settings ?? null,
    machine: machine(pinned),
    options: {
      participants: opts.participants,
      duration: opts.duration,
      rate: opts.rate,
      workers: opts.workers,
      joinConcurrency: opts.joinConcurrency,
      revealDuration: opts.revealDuration,
      revealRate: opts.revealRate,
      retryFraction: opts.retryFraction,
      nodeFlags: opts.nodeFlags,
      postgres: opts.postgres,
    },
    startedAt,
  };
  if (opts.json) writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
  if (opts.print) console.log(formatTable(report));
  return report;
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      participants: { type: 'string', default: '1000' },
      duration: { type: 'string', default: '10' },
      rate: { type: 'string' },
      json: { type: 'string' },
      workers: { type: 'string', default: '2' },
      'join-concurrency': { type: 'string', default: '256' },
      'reveal-duration': { type: 'string', default: '5' },
      'reveal-rate': { type: 'string' },
      'retry-fraction': { type: 'string', default: '0.01' },
      profile: { type: 'string' },
      'node-flags': { type: 'string', default: '' },
      'no-baseline': { type: 'boolean', default: false },
      postgres: { type: 'boolean', default: false },
      'no-pin': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      'quiet-timeout': { type: 'string', default: '60' },
    },
  });
  const positive = (name: string, raw: string | undefined, integer: boolean): number => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
      throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got "${raw}"`);
    return n;
  };
  const participants = positive('participants', values.participants, true);
  const retryFraction = Number(values['retry-fraction']);
  if (!(retryFraction >= 0 && retryFraction < 1)) throw new Error('--retry-fraction must be in [0, 1)');
  return {
    participants,
    duration: positive('duration', values.duration, false),
    rate: values.rate === undefined ? null : positive('rate', values.rate, false),
    json: values.json ?? null,
    workers: positive('workers', values.workers, true),
    joinConcurrency: positive('join-concurrency', values['join-concurrency'], true),
    revealDuration: positive('reveal-duration', values['reveal-duration'], false),
    // A trickle: one participant in a hundred changes their answer each second.
    revealRate:
      values['reveal-rate'] === undefined ? Math.max(5, participants / 100) : positive('reveal-rate', values['reveal-rate'], false),
    retryFraction,
    profileDir: values.profile ?? null,
    nodeFlags: (values['node-flags'] ?? '').split(/\s+/).filter(Boolean),
    baseline: !values['no-baseline'],
    postgres: values.postgres,
    pin: !values['no-pin'],
    print: !values.quiet,
    quietTimeout: Number(values['quiet-timeout']) >= 0 ? Number(values['quiet-timeout']) : 60,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  // --sessions or --kill-owner-at: the failover run (failover.ts); otherwise the throughput run.
  const failover = isFailoverRun(argv) ? parseFailoverOptions(argv) : null;
  const options = failover ? null : parseOptions(argv);
  // Ctrl-C (or a kill) ends the run and everything it started (see `children`).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  // However the run goes, it ends: a generous deadline for every phase.
  const deadlineMs = failover
    ? (120 + failover.participants * 0.02 + failover.duration * 3 + failover.settle + failover.quietTimeout) * 2 * 1_000
    : (120 + options!.participants * 0.02 + (options!.duration + options!.revealDuration) * 3 + options!.quietTimeout) * 2 * 1_000;
  const watchdog = setTimeout(() => {
    console.error(`benchmark: no result after ${deadlineMs / 1_000} s, giving up`);
    process.exit(2);
  }, deadlineMs);
  watchdog.unref();
  (failover ? runFailover(failover) : runBenchmark(options!)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('benchmark failed:', error);
      process.exit(1);
    },
  );
}
