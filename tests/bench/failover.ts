/**
 * `npm run bench -- --sessions S --participants N --rate R --kill-owner-at T`: several sessions
 * at once, phones that behave like the real one on a lost connection (failover-worker.ts), and,
 * T seconds into the answer phase, SIGKILL of the node that owns session 0, which the target
 * then brings back (one node: restarted on the same data and port). On a cluster the event may
 * instead be a PostgreSQL fast stop and start (`--restart-postgres-at T --postgres-down S`) or
 * HAProxy killed and started again (`--restart-haproxy-at T`); with none, a steady run. Then it
 * checks that no acknowledged answer was lost and that every session's counts are exact, counts
 * the connections that reached a node not owning their session (`misrouted`), and measures how
 * long the phones took to join again (docs/performance.md, "Failover").
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events.ts';
import type { CreatedSession, RatingActivity, RatingResults, SessionSnapshot } from '../../shared/types.ts';
import { ensureServerBuilt } from '../../server/cli/build.ts';
import { acksInOutage, checkAcked, sameTally, tallyOf, tallyOfResults, type Tally } from './failover-check.ts';
import {
  KNOCK_AGAIN_MS,
  type AckedAnswer,
  type PhoneAnswerReport,
  type PhoneFromWorker,
  type PhoneSession,
  type PhoneToWorker,
} from './failover-protocol.ts';
import { formatFailoverTable, type FailoverEvent, type FailoverFigures, type FailoverReport, type SessionAcks } from './failover-report.ts';
import { canPin, machine, sleep, startWorkers, stopProcess, waitForQuiet, type Worker } from './processes.ts';
import { answersIn, MAX_ANSWERS_PER_PARTICIPANT, sinceUs, type JoinReport } from './protocol.ts';
import { machineBusyUs, percentile, sortedCopy } from './stats.ts';
import { ClusterTarget } from './cluster-target.ts';
import { SingleNodeTarget, type Target, type TargetNode } from './target.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface FailoverOptions {
  sessions: number;
  participants: number;
  /** New answers per second in total. */
  rate: number;
  /** Seconds of the answer phase. */
  duration: number;
  /** Seconds into the answer phase to kill session 0's owner; null: no kill (the checks alone). */
  killOwnerAt: number | null;
  /** Cluster: seconds into the answer phase to stop PostgreSQL (fast), for `postgresDown` seconds; null: not. */
  restartPostgresAt: number | null;
  postgresDown: number;
  /** Cluster: seconds into the answer phase to kill HAProxy and start it again; null: not. */
  restartHaproxyAt: number | null;
  /** Seconds to wait, after the phase, for every phone to be back with nothing unacknowledged. */
  settle: number;
  json: string | null;
  workers: number;
  joinConcurrency: number;
  pin: boolean;
  print: boolean;
  nodeFlags: string[];
  quietTimeout: number;
  /** Nodes of a local cluster (PostgreSQL, HAProxy) to drive; null: one node on SQLite. */
  cluster: number | null;
}

/** Facilitators' commands and presenters wait this long for an ack. */
const ACK_TIMEOUT_MS = 10_000;
/**
 * An ack received this soon after PostgreSQL was told to stop may be the answer to a commit that
 * finished just before (its ack was on its way): counted apart from `acksDuringOutage`, and each
 * checked against the rows like every ack.
 */
const OUTAGE_MARGIN_MS = 1_000;

/** The options that make `npm run bench` a failover run. */
export const isFailoverRun = (argv: readonly string[]) =>
  argv.some((a) => /^--(sessions|kill-owner-at|restart-postgres-at|restart-haproxy-at|cluster)(=|$)/.test(a));

/** One session as the orchestrator holds it: a facilitator to drive it, a presenter to read its tally. */
interface LiveSession {
  id: string;
  code: string;
  rating: RatingActivity;
  facilitator: ClientSocket;
  presenter: ClientSocket;
  /** The presenter's latest aggregate of the rating (from a snapshot after each connect, or an update). */
  results: RatingResults | null;
  /** Disconnects of its facilitator and presenter sockets, µs since t0. */
  disconnectsUs: number[];
}

function socketFor(target: Target, sessionId: string, auth: Record<string, string>): ClientSocket {
  // Socket.IO's reconnection on, as the console and presenter screens have it.
  const socket = io(target.url, {
    forceNew: true,
    transports: ['websocket'],
    ackTimeout: ACK_TIMEOUT_MS,
    auth,
    query: target.query(sessionId),
  });
  // A handshake refused by a node that does not own the session, or failing inside it (its
  // database restarting), leaves the socket inactive: knock again, as LiveConnection does.
  socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
    const code = error.data?.code ?? error.message;
    if (code === 'SESSION_MOVED' || code === 'INTERNAL') setTimeout(() => socket.active || socket.connect(), socket.io.reconnectionDelay());
  });
  // Dropped by a node that lost the session (its owner connection to PostgreSQL): knock again, as LiveConnection does.
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') setTimeout(() => socket.active || socket.connect(), KNOCK_AGAIN_MS);
  });
  return socket;
}

const connected = (socket: ClientSocket) =>
  new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

async function openSession(target: Target, t0: bigint, index: number): Promise<LiveSession> {
  const response = await fetch(`${target.url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: `Failover ${index + 1}`, template: 'bienestar-sesion-2' }),
  });
  if (response.status !== 201) throw new Error(`session not created: ${response.status} ${await response.text()}`);
  const created = (await response.json()) as CreatedSession;
  const auth = { sessionId: created.id, facilitatorToken: created.facilitatorToken };
  const facilitator = socketFor(target, created.id, auth);
  const snapshot = new Promise<SessionSnapshot>((r) => facilitator.once('session:snapshot', r));
  await connected(facilitator);
  const rating = (await snapshot).session.agenda.find((a): a is RatingActivity => a.kind === 'rating');
  if (!rating) throw new Error('the template has no rating activity');
  const ack = await facilitator.emitWithAck('agenda:goto', { activityId: rating.id });
  if (!ack.ok || ack.data.answering[rating.id] !== 'open') throw new Error('answering did not open');
  const presenter = socketFor(target, created.id, auth);
  const session: LiveSession = { id: created.id, code: created.code, rating, facilitator, presenter, results: null, disconnectsUs: [] };
  presenter.on('session:snapshot', (s) => {
    const results = s.results[rating.id];
    if (results?.kind === 'rating') session.results = results;
  });
  presenter.on('results:updated', ({ activityId, results }) => {
    if (activityId === rating.id && results.kind === 'rating') session.results = results;
  });
  for (const socket of [facilitator, presenter]) socket.on('disconnect', () => session.disconnectsUs.push(sinceUs(t0)));
  await connected(presenter);
  return session;
}

/**
 * Opens session `index`, on a cluster preferably on a node that owns none of `sessions` yet (a
 * session's owner is where HAProxy's hash sends it; a few tries spread them), so that the kill
 * leaves other sessions on surviving nodes. Sessions tried and set aside stay idle.
 */
async function openSpread(target: Target, t0: bigint, index: number, sessions: LiveSession[]): Promise<LiveSession> {
  const nodes = target.nodes().length;
  const used = new Set(await Promise.all(sessions.map((s) => target.ownerPid(s.id))));
  for (let tries = 0; ; tries++) {
    const session = await openSession(target, t0, index);
    if (nodes <= 1 || used.size >= nodes || tries >= 8 || !used.has(await target.ownerPid(session.id))) return session;
    for (const socket of [session.facilitator, session.presenter]) socket.close();
  }
}

/** Waits (bounded) until a node other than `pid` owns the session. */
async function waitForNewOwner(target: Target, sessionId: string, pid: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if ((await target.ownerPid(sessionId).catch(() => pid)) !== pid) return;
    await sleep(100);
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * The joins and handshakes these nodes refused with SESSION_MOVED, and the sessions they handed
 * over to the node HAProxy sent them to (their /healthz `refusedNotOwner` and `handedOver`).
 */
async function routingCounts(nodes: TargetNode[]): Promise<{ refused: number; handedOver: number }> {
  type Health = { refusedNotOwner: number; handedOver: number };
  const healths = await Promise.all(nodes.map(async (n) => (await (await fetch(`${n.url}/healthz`)).json()) as Health));
  return { refused: sum(healths.map((h) => h.refusedNotOwner)), handedOver: sum(healths.map((h) => h.handedOver)) };
}

const clusterOnly = (target: Target, option: string): ClusterTarget => {
  if (!(target instanceof ClusterTarget)) throw new Error(`${option} needs a cluster (--cluster N)`);
  return target;
};

/** Ack p50 and p99 (ms) of these acknowledgements; null for none. */
function ackPercentiles(acks: readonly AckedAnswer[]): { p50: number; p99: number } | null {
  if (acks.length === 0) return null;
  const sorted = sortedCopy(acks.map((a) => a.latencyUs));
  return { p50: percentile(sorted, 50) / 1_000, p99: percentile(sorted, 99) / 1_000 };
}

/**
 * For a phone that lost its connection at or after `fromUs`: the first of `backUs` (connects,
 * joins) after that loss, in ms after `fromUs`; null: never back; undefined: never cut.
 */
function backAfter(fromUs: number, disconnectsUs: number[], backUs: number[]): number | null | undefined {
  const cut = disconnectsUs.find((at) => at >= fromUs);
  if (cut === undefined) return undefined;
  const back = backUs.find((at) => at >= cut);
  return back === undefined ? null : (back - fromUs) / 1_000;
}

/** `afterChecks`: a test's own checks on the target while it still runs, once the run's checks are done (the sessions in order). */
export interface FailoverHooks {
  afterChecks?: (target: Target, sessions: Array<{ id: string; code: string }>) => Promise<void>;
}

export async function runFailover(
  options: FailoverOptions,
  makeTarget?: (pin: boolean) => Promise<Target>,
  hooks: FailoverHooks = {},
): Promise<FailoverReport> {
  // A cluster's nodes share both cores with PostgreSQL and HAProxy: nothing is pinned.
  const pinned = options.pin && canPin() && options.cluster === null;
  if (pinned) execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  const log = (message: string) => options.print && console.error(`[failover] ${message}`);
  const t0 = process.hrtime.bigint();
  const startedAt = new Date().toISOString();
  await ensureServerBuilt();
  if (options.quietTimeout > 0) await waitForQuiet(options.quietTimeout, log);
  const loadBefore = os.loadavg();
  const defaultTarget = (pin: boolean) =>
    options.cluster === null ? SingleNodeTarget.start({ pin, nodeFlags: options.nodeFlags }) : ClusterTarget.start(options.cluster);
  const target = await (makeTarget ?? defaultTarget)(pinned);
  const sessions: LiveSession[] = [];
  const workers: Array<Worker<PhoneToWorker, PhoneFromWorker>> = [];
  try {
    for (let s = 0; s < options.sessions; s++) sessions.push(await openSpread(target, t0, s, sessions));
    const phoneSessions: PhoneSession[] = sessions.map((s) => ({
      code: s.code,
      activityId: s.rating.id,
      itemIds: s.rating.items.map((i) => i.id),
      query: target.query(s.id),
    }));

    const joinTimeoutMs = Math.max(60_000, options.participants * 15);
    const joinConcurrency = Math.max(1, Math.ceil(options.joinConcurrency / options.workers));
    await startWorkers<PhoneToWorker, PhoneFromWorker>(
      'tests/bench/failover-worker.ts',
      { ...options, pin: pinned },
      (first, count) => ({ type: 'init', url: target.url, sessions: phoneSessions, first, count, t0, joinConcurrency, joinTimeoutMs }),
      workers,
    );

    log(`joining ${options.participants} participants into ${options.sessions} sessions (${target.description})`);
    const joins: JoinReport[] = await Promise.all(workers.map((w) => w.request({ type: 'join' }, 'joined', joinTimeoutMs + 30_000)));
    const joined = sum(joins.map((j) => j.joined));
    const joinSeconds = (Math.max(...joins.map((j) => j.lastJoinUs)) - Math.min(...joins.map((j) => j.firstStartUs))) / 1e6;
    log(`${joined} joined in ${joinSeconds.toFixed(2)} s`);

    // ---- Answers, and the kill.
    const startUs = sinceUs(t0) + 300_000;
    const perWorkerRate = options.rate / workers.length;
    log(
      `answering for ${options.duration} s at ${options.rate}/s${options.killOwnerAt === null ? '' : `, killing session 0's owner at ${options.killOwnerAt} s`}`,
    );
    const pending = Promise.all(
      workers.map((w, i) =>
        w.request(
          {
            type: 'answer',
            rate: perWorkerRate,
            offsetMs: (i / workers.length) * (1_000 / perWorkerRate),
            startUs,
            durationMs: Math.round(options.duration * 1_000),
            maxAnswers: MAX_ANSWERS_PER_PARTICIPANT,
            settleMs: options.settle * 1_000,
          },
          'answered',
          (options.duration + options.settle) * 1_000 + 60_000,
        ),
      ),
    );
    await sleep(Math.max(0, (startUs - sinceUs(t0)) / 1_000));
    const machine0 = machineBusyUs();
    let kill: {
      session: number;
      pid: number;
      atUs: number;
      restartMs: number;
      /** The sessions' owners just before the kill (pids). */
      owners: number[];
      /** What the killed node owned (null: no ownership, one node), and the pid it came back with. */
      lost: string[] | null;
      restartedPid: number;
    } | null = null;
    /** The event (kill, PostgreSQL or HAProxy restart): when it began, and the sessions' owners (node names) just before. */
    let event: { kind: FailoverEvent; atUs: number; owners: string[] } | null = null;
    /** PostgreSQL's outage: told to stop, down, accepting connections again (µs since t0). */
    let outage: { stopUs: number; downUs: number; upUs: number } | null = null;
    /** The killed node's SESSION_MOVED refusals, read just before the kill (its count dies with it). */
    let killedCounts = { refused: 0, handedOver: 0 };
    const nodeName = (pid: number) => target.nodes().find((n) => n.pid === pid)?.id ?? `pid ${pid}`;
    const eventAt = options.killOwnerAt ?? options.restartPostgresAt ?? options.restartHaproxyAt;
    if (eventAt !== null) {
      await sleep(Math.max(0, (startUs + eventAt * 1e6 - sinceUs(t0)) / 1_000));
      const owners = await Promise.all(sessions.map((s) => target.ownerPid(s.id)));
      const names = owners.map(nodeName);
      if (options.killOwnerAt !== null) {
        const pid = owners[0]!;
        const lost = await target.owned(pid);
        killedCounts = await routingCounts(target.nodes().filter((n) => n.pid === pid));
        const atUs = sinceUs(t0);
        event = { kind: 'kill', atUs, owners: names };
        log(`SIGKILL to pid ${pid}, owner of session 0`);
        await target.kill(pid);
        // With ownership (a cluster), the node comes back once another has taken session 0 over, as an
        // operator's restart would: the stick table keeps it there, and the restarted node must not take it back.
        if (lost) await waitForNewOwner(target, sessions[0]!.id, pid);
        const restartedPid = await target.restart(pid);
        const restartMs = (sinceUs(t0) - atUs) / 1_000;
        log(`back (${target.description}) ${restartMs.toFixed(0)} ms after the kill`);
        kill = { session: 0, pid, atUs, restartMs, owners, lost, restartedPid };
      } else if (options.restartPostgresAt !== null) {
        const cluster = clusterOnly(target, '--restart-postgres-at');
        const stopUs = sinceUs(t0);
        event = { kind: 'postgres-restart', atUs: stopUs, owners: names };
        log(`stopping PostgreSQL (pg_ctl stop -m fast) for ${options.postgresDown} s`);
        await cluster.stopPostgres();
        const downUs = sinceUs(t0);
        await sleep(options.postgresDown * 1_000);
        await cluster.startPostgres();
        outage = { stopUs, downUs, upUs: sinceUs(t0) };
        log(`PostgreSQL back ${((outage.upUs - stopUs) / 1_000).toFixed(0)} ms after the stop`);
      } else {
        const cluster = clusterOnly(target, '--restart-haproxy-at');
        const atUs = sinceUs(t0);
        event = { kind: 'haproxy-restart', atUs, owners: names };
        log('SIGKILL to HAProxy, then started again');
        await cluster.restartHaproxy();
        log(`HAProxy back ${((sinceUs(t0) - atUs) / 1_000).toFixed(0)} ms after the kill`);
      }
    }
    const answered: PhoneAnswerReport[] = await pending;
    const machine1 = machineBusyUs();
    const phaseEndUs = sinceUs(t0);

    // ---- Checks: the store, the phones' logs, the presenters.
    const acked = answered.flatMap((a) => a.acked);
    const bySession = (s: number) => acked.filter((a) => a.session === s);
    const stored = await Promise.all(sessions.map((s) => target.storedAnswers(s.id)));
    const expected: Tally[] = sessions.map((s, i) =>
      tallyOf(
        phoneSessions[i]!.itemIds,
        stored[i]!.filter((r) => r.activityId === s.rating.id && r.value.kind === 'rating').map((r) =>
          r.value.kind === 'rating' ? r.value.ratings : {},
        ),
      ),
    );
    // The presenters hold the store's tally once their last update has come (bounded wait for that state).
    const presenterTally = (i: number) => {
      const results = sessions[i]!.results;
      return results ? tallyOfResults(phoneSessions[i]!.itemIds, results) : tallyOf(phoneSessions[i]!.itemIds, []);
    };
    const presentersCaughtUp = () => sessions.every((_, i) => sameTally(presenterTally(i), expected[i]!));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !presentersCaughtUp()) await sleep(50);

    let missing = 0;
    let superseded = 0;
    const sessionsExact = sessions.map((s, i) => {
      const itemIds = phoneSessions[i]!.itemIds;
      const check = checkAcked(itemIds, bySession(i), stored[i]!);
      missing += check.missing;
      superseded += check.superseded;
      const phones = tallyOf(
        itemIds,
        [...check.lastAcked.values()].filter((a: AckedAnswer) => a.activityId === s.rating.id).map((a) => a.ratings),
      );
      return sameTally(presenterTally(i), expected[i]!) && sameTally(phones, expected[i]!);
    });

    const connections = answered.flatMap((a) => a.connections);
    const rejoins: number[] = [];
    const reconnects: number[] = [];
    let phonesDisconnected = 0;
    let otherDisconnects = 0;
    if (event) {
      // A kill cuts the killed session's phones; a PostgreSQL or HAProxy restart cuts every session's.
      const affected = (session: number) => !kill || session === kill.session;
      for (const c of connections) {
        if (affected(c.session)) {
          const rejoin = backAfter(event.atUs, c.disconnectsUs, c.joinsUs);
          if (rejoin === undefined) continue;
          phonesDisconnected++;
          if (rejoin !== null) rejoins.push(rejoin);
          const reconnect = backAfter(event.atUs, c.disconnectsUs, c.connectsUs);
          if (reconnect) reconnects.push(reconnect);
        } else if (kill && kill.owners[c.session] !== kill.pid) {
          otherDisconnects += c.disconnectsUs.filter((at) => at >= kill.atUs).length;
        }
      }
      if (kill)
        sessions.forEach((s, i) => {
          if (i !== kill.session && kill.owners[i] !== kill.pid) otherDisconnects += s.disconnectsUs.filter((at) => at >= kill.atUs).length;
        });
    }
    const otherOnNode = kill ? kill.owners.filter((o, i) => i !== kill.session && o === kill.pid).length : 0;
    // The restarted node must own nothing it lost (its sessions stay with their new owners).
    const ownedAgain = kill?.lost ? await target.owned(kill.restartedPid) : null;
    const restartedOwnsLost = kill?.lost && ownedAgain ? ownedAgain.filter((id) => kill.lost!.includes(id)).length : null;
    const sortedRejoins = sortedCopy(rejoins);
    const sortedReconnects = sortedCopy(reconnects);
    const commitsWithoutLock = await target.commitsWithoutLock();
    const counts = await routingCounts(target.nodes());
    const misrouted = killedCounts.refused + counts.refused;
    const handedOver = killedCounts.handedOver + counts.handedOver;
    const ownersAfter = await Promise.all(sessions.map((s) => target.ownerPid(s.id).then(nodeName, () => 'none')));

    // Acks per session, and before and after the event; for a kill, those of the sessions on surviving nodes together.
    const sessionsAck: SessionAcks[] = sessions.map((_, i) => {
      const all = bySession(i);
      const whole = ackPercentiles(all);
      return {
        owner: event?.owners[i] ?? ownersAfter[i]!,
        acks: all.length,
        p50Ms: whole?.p50 ?? null,
        p99Ms: whole?.p99 ?? null,
        p99BeforeMs: event ? (ackPercentiles(all.filter((a) => a.atUs < event.atUs))?.p99 ?? null) : null,
        p99AfterMs: event ? (ackPercentiles(all.filter((a) => a.atUs >= event.atUs))?.p99 ?? null) : null,
      };
    });
    const survivors = kill ? acked.filter((a) => a.session !== kill.session && kill.owners[a.session] !== kill.pid) : [];
    const survivorsAckP99Ms =
      kill && survivors.length
        ? {
            before: ackPercentiles(survivors.filter((a) => a.atUs < kill.atUs))?.p99 ?? null,
            after: ackPercentiles(survivors.filter((a) => a.atUs >= kill.atUs))?.p99 ?? null,
          }
        : null;

    // PostgreSQL's outage: the acks the phones received while it was down, and whether each one's answer is stored.
    const outageFigures: FailoverFigures['outage'] = outage
      ? {
          stopMs: (outage.downUs - outage.stopUs) / 1_000,
          downMs: (outage.upUs - outage.stopUs) / 1_000,
          marginMs: OUTAGE_MARGIN_MS,
          ...acksInOutage(acked, stored, { fromUs: outage.stopUs, toUs: outage.upUs, marginUs: OUTAGE_MARGIN_MS * 1_000 }),
        }
      : null;
    const notes: string[] = [];
    const serverChanges = target instanceof ClusterTarget ? target.haproxyServerChanges() : null;
    if (serverChanges?.length)
      notes.push(
        `note: HAProxy marked nodes down or up during the run (${serverChanges.join('; ')}): a session whose node was down meanwhile is redispatched, so its owner can change.`,
      );
    if (otherOnNode > 0)
      notes.push(
        `note: the killed node owned ${otherOnNode} of the ${sessions.length - 1} other sessions too (${target.description}), so their sockets had to reconnect; otherSessionsDisconnects counts only the ${sessions.length - 1 - otherOnNode} on surviving nodes.`,
      );
    notes.push(
      commitsWithoutLock === null
        ? 'note: commitsWithoutLock is not applicable here: no ownership lock on one node.'
        : "note: commitsWithoutLock counts answer rows whose committing connection did not hold the session's advisory lock, checked by a trigger in PostgreSQL on every write (cluster-target.ts).",
    );

    const failover: FailoverFigures = {
      target: target.description,
      event: event?.kind ?? null,
      eventAtMs: event ? (event.atUs - startUs) / 1_000 : null,
      killed: kill !== null,
      killedSession: kill?.session ?? null,
      killAtMs: kill ? (kill.atUs - startUs) / 1_000 : null,
      restartMs: kill?.restartMs ?? null,
      ackedLost: missing + superseded,
      ackedMissing: missing,
      supersededWrongly: superseded,
      countsExact: sessionsExact.every(Boolean),
      sessionsExact,
      rejoinP50Ms: rejoins.length ? percentile(sortedRejoins, 50) : null,
      reconnectP50Ms: reconnects.length ? percentile(sortedReconnects, 50) : null,
      reconnectP95Ms: reconnects.length ? percentile(sortedReconnects, 95) : null,
      rejoinFirstMs: rejoins.length ? sortedRejoins[0]! : null,
      rejoinP95Ms: rejoins.length ? percentile(sortedRejoins, 95) : null,
      rejoinMaxMs: rejoins.length ? sortedRejoins[sortedRejoins.length - 1]! : null,
      phonesDisconnected,
      phonesNotBack: phonesDisconnected - rejoins.length,
      otherSessionsDisconnects: otherDisconnects,
      otherSessionsOnKilledNode: otherOnNode,
      restartedOwnsLost,
      commitsWithoutLock,
      duplicatesAcked: acked.filter((a) => a.duplicate).length,
      unsettled: sum(answered.map((a) => a.unsettled)),
      identityChanges: sum(answered.map((a) => a.identityChanges)),
      misrouted,
      handedOver,
      ownersBefore: event?.owners ?? null,
      ownersAfter,
      sessionsAck,
      survivorsAckP99Ms,
      outage: outageFigures,
      acksDuringOutage: outageFigures?.acksDuringOutage ?? null,
      haproxyServerChanges: serverChanges,
      notes,
    };

    const errorsByCode: Record<string, number> = {};
    for (const report of [...joins, ...answered])
      for (const [code, n] of Object.entries(report.errors)) errorsByCode[code] = (errorsByCode[code] ?? 0) + n;
    if (failover.unsettled) errorsByCode.UNSETTLED = failover.unsettled;
    const distinct = new Set(acked.map((a) => `${a.participantId} ${a.clientAnswerId}`)).size;
    const firstEmitUs = Math.min(...answered.map((a) => a.firstEmitUs || Number.POSITIVE_INFINITY));
    const lastAckUs = Math.max(...answered.map((a) => a.lastAckUs));
    const latencies = sortedCopy(acked.map((a) => a.latencyUs));
    const phaseWallUs = Math.max(1, phaseEndUs - startUs);
    const report: FailoverReport = {
      participants: options.participants,
      sessions: options.sessions,
      connected: joined,
      joinsPerSecond: joined / Math.max(1e-6, joinSeconds),
      answersPerSecond: distinct / Math.max(1e-6, (lastAckUs - firstEmitUs) / 1e6),
      acknowledged: distinct,
      countedByPresenter: sum(sessions.map((s) => (s.results ? answersIn(s.results) : 0))),
      ackP50Ms: percentile(latencies, 50) / 1_000,
      ackP99Ms: percentile(latencies, 99) / 1_000,
      ackMaxMs: (latencies.at(-1) ?? Number.NaN) / 1_000,
      sent: sum(answered.map((a) => a.sent)),
      errors: sum(Object.values(errorsByCode)),
      errorsByCode,
      machineBusyPercent: ((machine1.processes - machine0.processes) / phaseWallUs) * 100,
      loadAverage: { before: loadBefore, after: os.loadavg() },
      failover,
      machine: machine(pinned),
      options: { ...options, json: undefined, print: undefined },
      startedAt,
    };
    await hooks.afterChecks?.(
      target,
      sessions.map(({ id, code }) => ({ id, code })),
    );
    if (options.json) writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    if (options.print) console.log(formatFailoverTable(report));
    return report;
  } finally {
    await Promise.all(workers.map((w) => w.request({ type: 'close' }, 'closed', 10_000).catch(() => undefined)));
    await Promise.all(workers.map((w) => stopProcess(w.child, 2_000)));
    for (const s of sessions) for (const socket of [s.facilitator, s.presenter]) socket.close();
    await target.stop();
  }
}

export function parseFailoverOptions(argv: string[]): FailoverOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      sessions: { type: 'string', default: '3' },
      participants: { type: 'string', default: '1000' },
      rate: { type: 'string', default: '200' },
      duration: { type: 'string' },
      'kill-owner-at': { type: 'string' },
      'restart-postgres-at': { type: 'string' },
      'postgres-down': { type: 'string', default: '2' },
      'restart-haproxy-at': { type: 'string' },
      settle: { type: 'string', default: '45' },
      json: { type: 'string' },
      workers: { type: 'string', default: '2' },
      'join-concurrency': { type: 'string', default: '256' },
      'node-flags': { type: 'string', default: '' },
      'no-pin': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      'quiet-timeout': { type: 'string', default: '60' },
      cluster: { type: 'string' },
    },
  });
  const positive = (name: string, raw: string | undefined, integer: boolean): number => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
      throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got "${raw}"`);
    return n;
  };
  const at = (name: 'kill-owner-at' | 'restart-postgres-at' | 'restart-haproxy-at') =>
    values[name] === undefined ? null : positive(name, values[name], false);
  const killOwnerAt = at('kill-owner-at');
  const restartPostgresAt = at('restart-postgres-at');
  const restartHaproxyAt = at('restart-haproxy-at');
  const events = [killOwnerAt, restartPostgresAt, restartHaproxyAt].filter((t) => t !== null);
  if (events.length > 1) throw new Error('one event per run: --kill-owner-at, --restart-postgres-at or --restart-haproxy-at');
  const eventAt = events[0] ?? null;
  const duration = values.duration === undefined ? Math.max(10, (eventAt ?? 0) + 20) : positive('duration', values.duration, false);
  if (eventAt !== null && eventAt >= duration)
    throw new Error('the event (--kill-owner-at, --restart-…-at) must come before the end of --duration');
  const cluster = values.cluster === undefined ? null : positive('cluster', values.cluster, true);
  if ((restartPostgresAt !== null || restartHaproxyAt !== null) && cluster === null)
    throw new Error('--restart-postgres-at and --restart-haproxy-at need a cluster (--cluster N)');
  const sessions = positive('sessions', values.sessions, true);
  const participants = positive('participants', values.participants, true);
  if (participants < sessions) throw new Error('--participants must be at least --sessions');
  return {
    sessions,
    participants,
    rate: positive('rate', values.rate, false),
    duration,
    killOwnerAt,
    restartPostgresAt,
    postgresDown: positive('postgres-down', values['postgres-down'], false),
    restartHaproxyAt,
    settle: positive('settle', values.settle, false),
    json: values.json ?? null,
    workers: positive('workers', values.workers, true),
    joinConcurrency: positive('join-concurrency', values['join-concurrency'], true),
    pin: !values['no-pin'],
    print: !values.quiet,
    nodeFlags: (values['node-flags'] ?? '').split(/\s+/).filter(Boolean),
    quietTimeout: Number(values['quiet-timeout']) >= 0 ? Number(values['quiet-timeout']) : 60,
    cluster,
  };
}
