/** The failover run's figures: their shape (the JSON of --json) and the table printed at the end. */
import type { Figures, Report } from './report.ts';

/** What happened during the run: an owner killed, PostgreSQL or HAProxy restarted (null: a steady run). */
export type FailoverEvent = 'kill' | 'postgres-restart' | 'haproxy-restart';

/** One session's acknowledgements: its owner (node name) before the event, how many, and their latency (ms). */
export interface SessionAcks {
  owner: string;
  acks: number;
  p50Ms: number | null;
  p99Ms: number | null;
  /** p99 of the acks received before the event and after it; null: no event, or no ack on that side. */
  p99BeforeMs: number | null;
  p99AfterMs: number | null;
}

export interface FailoverFigures {
  /** What was driven ("one node (SQLite)"). */
  target: string;
  event: FailoverEvent | null;
  /** When the event began, ms into the answer phase. */
  eventAtMs: number | null;
  /** Whether an owner was killed (false: a steady-state run, the checks alone). */
  killed: boolean;
  /** Index of the session whose owner was killed, and when (ms into the answer phase). */
  killedSession: number | null;
  killAtMs: number | null;
  /** Kill → the node healthy again (one node: the restart on the same data). */
  restartMs: number | null;
  /** Acknowledged new answers missing from the store, or the last acknowledged one of a participant superseded by another value. */
  ackedLost: number;
  ackedMissing: number;
  supersededWrongly: number;
  /** Presenter's last tally = the store's = the phones' own log of their last acknowledged answers, in every session. */
  countsExact: boolean;
  sessionsExact: boolean[];
  /**
   * Event → each phone it cut (the killed session's; every session's for a PostgreSQL or HAProxy
   * restart) joined again: percentiles and max over those that came back.
   */
  rejoinP50Ms: number | null;
  /**
   * Kill → the phone's connection open again (before its join is acknowledged): Socket.IO's
   * backoff and the node's restart; the gap to the rejoin is the node taking the rejoin storm.
   */
  reconnectP50Ms: number | null;
  reconnectP95Ms: number | null;
  /** Kill → the first phone joined again: the node back and taking joins (what comes after is the rejoin storm). */
  rejoinFirstMs: number | null;
  rejoinP95Ms: number | null;
  rejoinMaxMs: number | null;
  /** Phones cut by the event (as for the rejoin), and of those, the ones that never joined again. */
  phonesDisconnected: number;
  phonesNotBack: number;
  /** Sockets (phones, presenters, facilitators) of the other sessions on surviving nodes that lost their connection after the kill. */
  otherSessionsDisconnects: number;
  /** How many of the other sessions the killed node owned too (one node: all of them; not in otherSessionsDisconnects). */
  otherSessionsOnKilledNode: number;
  /** Of the sessions the killed node owned, how many it owns again once restarted (must be 0); null: no ownership (one node) or no kill. */
  restartedOwnsLost: number | null;
  /** Answer rows committed by a connection not holding the session's lock; null: not applicable (one node has no ownership lock). */
  commitsWithoutLock: number | null;
  /** Submissions acknowledged `duplicate: true` (answers sent again after a rejoin whose first copy was stored). */
  duplicatesAcked: number;
  /** Phones not joined or holding an unacknowledged answer when the run stopped waiting. */
  unsettled: number;
  /** Rejoins with the stored token that came back as another participant. */
  identityChanges: number;
  /**
   * Joins and facilitator handshakes the nodes refused with SESSION_MOVED (the sum of their
   * /healthz `refusedNotOwner`; a killed node's read just before the kill): connections that
   * reached a node not owning their session. 0 in a steady run.
   */
  misrouted: number;
  /**
   * Sessions the nodes gave up because HAProxy sent their connections to another node, which kept
   * refusing them (the sum of their /healthz `handedOver`; server/services/handover.ts). 0 in a steady run.
   */
  handedOver: number;
  /** The sessions' owners (node names) just before the event, and at the end ('none': no node owns it). */
  ownersBefore: string[] | null;
  ownersAfter: string[];
  sessionsAck: SessionAcks[];
  /** Kill: ack p99 of the sessions on surviving nodes, before the kill and after it; null otherwise. */
  survivorsAckP99Ms: { before: number | null; after: number | null } | null;
  /**
   * PostgreSQL restart: pg_ctl stop's duration and the whole outage (stop → accepting again), ms;
   * the acks received in the first `marginMs` after the stop (a commit just before it can be
   * acknowledged a moment later) and after that until PostgreSQL was back, each with how many of
   * their answers are stored. Null for other runs.
   */
  outage: {
    stopMs: number;
    downMs: number;
    marginMs: number;
    acksInMargin: number;
    acksInMarginStored: number;
    acksDuringOutage: number;
    acksDuringOutageStored: number;
  } | null;
  /** `outage.acksDuringOutage`: acks `ok: true` received while PostgreSQL was down, past the margin (must be 0). */
  acksDuringOutage: number | null;
  /** Cluster: HAProxy's "Server nodes/<node> is DOWN|UP" lines during the run (a node marked down has its sessions redispatched); null on one node. */
  haproxyServerChanges: string[] | null;
  /** What the figures mean on this target. */
  notes: string[];
}

/** Today's fields that mean here what they mean in the throughput run (report.ts), and the failover's own. */
export interface FailoverReport extends Pick<
  Figures,
  'participants' | 'connected' | 'joinsPerSecond' | 'ackP50Ms' | 'ackP99Ms' | 'ackMaxMs' | 'sent' | 'errors' | 'errorsByCode'
> {
  sessions: number;
  /** Distinct answers acknowledged ÷ first emit to last ack of the answer phase (the outage included). */
  answersPerSecond: number;
  /** Distinct answers acknowledged (new, or a resend whose first copy was stored before the kill). */
  acknowledged: number;
  /** Answers in the presenters' last aggregates, summed over the sessions. */
  countedByPresenter: number;
  /**
   * The whole machine's busy CPU during the answer phase (this run's server and phones and
   * everything else on it), % of one core, and the load average before and after the run.
   */
  machineBusyPercent: number;
  loadAverage: { before: number[]; after: number[] };
  failover: FailoverFigures;
  machine: Report['machine'];
  options: Record<string, unknown>;
  startedAt: string;
}

const EVENT_NAMES: Record<FailoverEvent, (f: FailoverFigures) => string> = {
  kill: (f) => `owner of session ${f.killedSession} killed (SIGKILL)`,
  'postgres-restart': (f) => `PostgreSQL stopped (fast) for ${((f.outage?.downMs ?? 0) / 1_000).toFixed(1)} s`,
  'haproxy-restart': () => 'HAProxy killed and started again',
};

const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
const ms = (v: number | null) => (v !== null && Number.isFinite(v) ? v.toFixed(v < 10 ? 2 : 0) : '—');
const yes = (v: boolean) => (v ? 'yes' : 'NO');

export function formatFailoverTable(report: FailoverReport): string {
  const f = report.failover;
  const rows: Array<[string, string, string]> = [
    ['participants joined', `${int(report.connected)} of ${int(report.participants)}`, ''],
    ['sessions', int(report.sessions), ''],
    ['joins per second', int(report.joinsPerSecond), ''],
    ['answers per second (outage included)', int(report.answersPerSecond), ''],
    ['acknowledged (distinct answers)', int(report.acknowledged), ''],
    ['counted by presenters', int(report.countedByPresenter), '= acknowledged'],
    ['ack p50 / p99 / max (ms)', `${ms(report.ackP50Ms)} / ${ms(report.ackP99Ms)} / ${ms(report.ackMaxMs)}`, ''],
    ['errors', int(report.errors), '0'],
    ['failover.ackedLost', int(f.ackedLost), '0'],
    ['failover.countsExact', yes(f.countsExact), 'yes'],
    ['failover.misrouted (SESSION_MOVED refusals)', int(f.misrouted), f.event === 'kill' ? '' : '0'],
    ['failover.handedOver (sessions given up to where HAProxy sends them)', int(f.handedOver), f.event === 'kill' ? '' : '0'],
    [
      'owners before → after the event',
      f.ownersBefore ? `${f.ownersBefore.join(' ')} → ${f.ownersAfter.join(' ')}` : f.ownersAfter.join(' '),
      '',
    ],
    ['first phone back (ms after the event)', ms(f.rejoinFirstMs), ''],
    ['connection open again p50 / p95 (ms after the event)', `${ms(f.reconnectP50Ms)} / ${ms(f.reconnectP95Ms)}`, ''],
    ['failover.rejoinP50Ms', ms(f.rejoinP50Ms), ''],
    ['failover.rejoinP95Ms', ms(f.rejoinP95Ms), '≤ 10,000'],
    ['failover.rejoinMaxMs', ms(f.rejoinMaxMs), '≤ 30,000'],
    ['phones cut by the event / not back', `${int(f.phonesDisconnected)} / ${int(f.phonesNotBack)}`, '— / 0'],
    [
      'failover.otherSessionsDisconnects',
      f.otherSessionsOnKilledNode === report.sessions - 1 ? 'n/a' : int(f.otherSessionsDisconnects),
      f.otherSessionsOnKilledNode === report.sessions - 1 ? 'no other session on a surviving node' : '0',
    ],
    [
      'restarted node owns a session it lost',
      f.restartedOwnsLost === null ? 'n/a' : int(f.restartedOwnsLost),
      f.restartedOwnsLost === null ? '' : '≤ handedOver',
    ],
    [
      'failover.commitsWithoutLock',
      f.commitsWithoutLock === null ? 'n/a' : int(f.commitsWithoutLock),
      f.commitsWithoutLock === null ? '' : '0',
    ],
    [
      'failover.survivorsAckP99Ms before / after the kill',
      f.survivorsAckP99Ms ? `${ms(f.survivorsAckP99Ms.before)} / ${ms(f.survivorsAckP99Ms.after)}` : 'n/a',
      '',
    ],
    ...(f.outage
      ? ([
          ['PostgreSQL stop / whole outage (ms)', `${ms(f.outage.stopMs)} / ${ms(f.outage.downMs)}`, ''],
          [
            `acks in the first ${f.outage.marginMs} ms after the stop (stored)`,
            `${int(f.outage.acksInMargin)} (${int(f.outage.acksInMarginStored)})`,
            '= stored',
          ],
          ['failover.acksDuringOutage (stored)', `${int(f.outage.acksDuringOutage)} (${int(f.outage.acksDuringOutageStored)})`, '0'],
        ] as Array<[string, string, string]>)
      : []),
    ['resends acknowledged as duplicates', int(f.duplicatesAcked), ''],
    ['restart: kill → healthy (ms)', ms(f.restartMs), ''],
    ['unsettled phones at the end', int(f.unsettled), '0'],
    ['machine busy, answer phase (all processes)', `${report.machineBusyPercent.toFixed(1)} % of a core`, ''],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const errors = Object.entries(report.errorsByCode)
    .map(([code, n]) => `${code}: ${n}`)
    .join(', ');
  const m = report.machine;
  return [
    `Plenario failover benchmark — ${f.target}: ${report.participants.toLocaleString('en-US')} participants in ${report.sessions} sessions, ${String(report.options.rate)} answers/s, ${f.event ? `${EVENT_NAMES[f.event](f)} at ${((f.eventAtMs ?? 0) / 1_000).toFixed(1)} s` : 'steady (no event)'}`,
    `${m.cpus} × ${m.cpuModel}, Node ${m.node}${m.pinned ? ', server on core 0, generators on core 1' : ', not pinned'}; load average ${report.loadAverage.before.map((l) => l.toFixed(2)).join(' ')} before, ${report.loadAverage.after.map((l) => l.toFixed(2)).join(' ')} after`,
    '',
    ...rows.map(([label, value, target]) => `${label.padEnd(widths[0]!)}  ${value.padStart(widths[1]!)}  ${target}`.trimEnd()),
    '',
    ...f.sessionsAck.map(
      (a, i) =>
        `session ${i} on ${a.owner}: ${int(a.acks)} acks, p50 / p99 ${ms(a.p50Ms)} / ${ms(a.p99Ms)} ms${f.event ? `; p99 before / after the event ${ms(a.p99BeforeMs)} / ${ms(a.p99AfterMs)} ms` : ''}`,
    ),
    '',
    `correctness: ${f.ackedLost === 0 ? 'no acknowledged answer lost' : `${f.ackedLost} ACKNOWLEDGED ANSWERS LOST (${f.ackedMissing} missing, ${f.supersededWrongly} superseded)`}; counts ${f.countsExact ? 'exact' : `MISMATCH in sessions ${f.sessionsExact.flatMap((ok, i) => (ok ? [] : [i])).join(', ')}`}${f.identityChanges ? `; ${f.identityChanges} REJOINS CAME BACK AS ANOTHER PARTICIPANT` : ''}`,
    ...f.notes,
    errors ? `errors: ${errors}` : '',
  ]
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n');
}
