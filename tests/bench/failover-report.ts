/** The failover run's figures: their shape (the JSON of --json) and the table printed at the end. */
import type { Figures, Report } from './report.ts';

export interface FailoverFigures {
  /** What was driven ("one node (SQLite)"). */
  target: string;
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
  /** Kill → each phone of the killed session joined again: percentiles and max over those that came back. */
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
  /** Phones of the killed session that lost their connection, and of those, the ones that never joined again. */
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
    ['first phone back (ms after the kill)', ms(f.rejoinFirstMs), ''],
    ['connection open again p50 / p95 (ms after the kill)', `${ms(f.reconnectP50Ms)} / ${ms(f.reconnectP95Ms)}`, ''],
    ['failover.rejoinP50Ms', ms(f.rejoinP50Ms), ''],
    ['failover.rejoinP95Ms', ms(f.rejoinP95Ms), '≤ 10,000'],
    ['failover.rejoinMaxMs', ms(f.rejoinMaxMs), '≤ 30,000'],
    ['phones of the killed session cut / not back', `${int(f.phonesDisconnected)} / ${int(f.phonesNotBack)}`, '— / 0'],
    [
      'failover.otherSessionsDisconnects',
      f.otherSessionsOnKilledNode === report.sessions - 1 ? 'n/a' : int(f.otherSessionsDisconnects),
      f.otherSessionsOnKilledNode === report.sessions - 1 ? 'no other session on a surviving node' : '0',
    ],
    [
      'restarted node owns a session it lost',
      f.restartedOwnsLost === null ? 'n/a' : int(f.restartedOwnsLost),
      f.restartedOwnsLost === null ? '' : '0',
    ],
    [
      'failover.commitsWithoutLock',
      f.commitsWithoutLock === null ? 'n/a' : int(f.commitsWithoutLock),
      f.commitsWithoutLock === null ? '' : '0',
    ],
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
    `Plenario failover benchmark — ${f.target}: ${report.participants.toLocaleString('en-US')} participants in ${report.sessions} sessions, ${String(report.options.rate)} answers/s, ${f.killed ? `owner of session ${f.killedSession} killed (SIGKILL) at ${((f.killAtMs ?? 0) / 1_000).toFixed(1)} s` : 'no kill'}`,
    `${m.cpus} × ${m.cpuModel}, Node ${m.node}${m.pinned ? ', server on core 0, generators on core 1' : ', not pinned'}; load average ${report.loadAverage.before.map((l) => l.toFixed(2)).join(' ')} before, ${report.loadAverage.after.map((l) => l.toFixed(2)).join(' ')} after`,
    '',
    ...rows.map(([label, value, target]) => `${label.padEnd(widths[0]!)}  ${value.padStart(widths[1]!)}  ${target}`.trimEnd()),
    '',
    `correctness: ${f.ackedLost === 0 ? 'no acknowledged answer lost' : `${f.ackedLost} ACKNOWLEDGED ANSWERS LOST (${f.ackedMissing} missing, ${f.supersededWrongly} superseded)`}; counts ${f.countsExact ? 'exact' : `MISMATCH in sessions ${f.sessionsExact.flatMap((ok, i) => (ok ? [] : [i])).join(', ')}`}${f.identityChanges ? `; ${f.identityChanges} REJOINS CAME BACK AS ANOTHER PARTICIPANT` : ''}`,
    ...f.notes,
    errors ? `errors: ${errors}` : '',
  ]
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n');
}
