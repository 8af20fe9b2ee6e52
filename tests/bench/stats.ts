/** Percentiles, the answer-to-presenter matching, and /proc readings for the benchmark. */
import { readFileSync } from 'node:fs';

/** Nearest-rank percentile (p in 0..100) of values already sorted ascending; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values as ArrayLike<number>).sort();
}

export interface PresenterUpdate {
  /** When the presenter received it, µs since t0. */
  atUs: number;
  /** How many answers the aggregate includes. */
  answers: number;
}

/**
 * Time from an answer's emit to the presenter receiving an aggregate that includes it.
 *
 * The presenter sees totals only, so answers are matched by count: the k-th answer stored
 * (ranking the acknowledged new answers by emit time) is on screen from the first update whose
 * total reaches k. An update that counts k answers was sent after k answers had been stored, all
 * emitted before it, so a latency is never negative; with answers in flight on many
 * connections the ranking by emit time stands for the order the server stored them.
 * Returns one latency per answer in `emitsUs` (sorted ascending); NaN where no update reached it.
 */
export function updateLatencies(emitsUs: Float64Array, updates: readonly PresenterUpdate[], offset = 0): Float64Array {
  const latencies = new Float64Array(emitsUs.length).fill(Number.NaN);
  let u = 0;
  let seen = 0;
  for (let i = 0; i < emitsUs.length; i++) {
    const k = offset + i + 1;
    while (u < updates.length && seen < k) {
      seen = Math.max(seen, updates[u]!.answers);
      if (seen >= k) break;
      u++;
    }
    if (u >= updates.length || seen < k) break;
    latencies[i] = updates[u]!.atUs - emitsUs[i]!;
  }
  return latencies;
}

export interface TimelinePoint {
  /** Start of the window, ms since the phase started. */
  atMs: number;
  count: number;
  p99Ms: number;
  maxMs: number;
}

/** Acknowledgement latencies by window of `windowMs` (when the ack arrived): where the tail comes from. */
export function latencyTimeline(atUs: ArrayLike<number>, latencyUs: ArrayLike<number>, startUs: number, windowMs: number): TimelinePoint[] {
  const windows = new Map<number, number[]>();
  for (let i = 0; i < atUs.length; i++) {
    const w = Math.floor((atUs[i]! - startUs) / (windowMs * 1_000));
    let list = windows.get(w);
    if (!list) windows.set(w, (list = []));
    list.push(latencyUs[i]!);
  }
  return [...windows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([w, list]) => {
      const sorted = sortedCopy(list);
      return { atMs: w * windowMs, count: sorted.length, p99Ms: percentile(sorted, 99) / 1_000, maxMs: sorted[sorted.length - 1]! / 1_000 };
    });
}

/** USER_HZ: 100 on every Linux that matters here (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SECOND = 100;

/** Resident set size of a process, in bytes (VmRSS in /proc/<pid>/status). */
export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1_024 : Number.NaN;
}

/**
 * Fields of /proc/<pid>/stat as numbers, counted from the state (0; the ppid is 1, utime 11,
 * stime 12, and the waited-for children's cutime 13 and cstime 14, in clock ticks).
 */
export function procStat(pid: number, indices: readonly number[]): number[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3, the state.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return indices.map((i) => Number(fields[i]));
}

/** CPU time a process has used (utime + stime from /proc/<pid>/stat), in µs; clock ticks of 10 ms. */
export function cpuUs(pid: number): number {
  const [utime, stime] = procStat(pid, [11, 12]);
  return ticksToUs(utime! + stime!);
}

/** Clock ticks of /proc to µs. */
export const ticksToUs = (ticks: number): number => (ticks * 1_000_000) / CLOCK_TICKS_PER_SECOND;

/**
 * Busy CPU time of the whole machine, every core, from /proc/stat, in µs: `processes` (user,
 * nice, system, and steal — time another VM took) and `interrupts` (irq and softirq, where the
 * kernel's loopback networking runs without being charged to any process).
 */
export function machineBusyUs(): { processes: number; interrupts: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [, user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).map(Number);
  const us = (ticks: number) => (ticks * 1_000_000) / CLOCK_TICKS_PER_SECOND;
  return { processes: us(user + nice + system + steal), interrupts: us(irq + softirq) };
}
