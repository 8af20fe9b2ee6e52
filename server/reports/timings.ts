/**
 * Every timing of a session report as flat entries, for the spreadsheet formats (CSV rows, the
 * XLSX "Tiempos" sheet): when each activity was first shown and its answering opened and
 * closed, when each breakout or synthesis phase began, and the planned breakout lengths.
 */
import type { MessageKey, MessageParams } from '../../shared/i18n/index.ts';
import type { SessionReport } from '../../shared/report.ts';

type Translate = (key: MessageKey, params?: MessageParams) => string;

export interface TimingEntry {
  position: number;
  activity: string;
  /** The activity's kind, translated. */
  kind: string;
  /** What happened ("Respuestas abiertas", "Comienza: conversación"). */
  moment: string;
  /** An instant (ISO 8601, UTC), or a length in seconds. */
  at: string | null;
  seconds: number | null;
}

const KINDS = ['content', 'choice', 'rating', 'ranking', 'points', 'open', 'breakout', 'synthesis', 'commitment'] as const;
const PHASES = ['pending', 'intro', 'discussion', 'return', 'writing', 'closed'] as const;

const known = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

export function timingEntries(report: SessionReport, t: Translate): TimingEntry[] {
  const entries: TimingEntry[] = [];
  const breakouts = new Map(report.breakouts.map((b) => [b.activityId, b]));
  for (const timing of report.timings) {
    const base = {
      position: timing.position,
      activity: timing.title,
      kind: known(KINDS, timing.kind) ? t(`exports.kind.${timing.kind}`) : timing.kind,
      seconds: null,
    };
    const instant = (moment: string, at: string | null) => {
      if (at !== null) entries.push({ ...base, moment, at });
    };
    instant(t('exports.timing.firstShownAt'), timing.firstShownAt);
    instant(t('exports.timing.answeringOpenedAt'), timing.answeringOpenedAt);
    instant(t('exports.timing.answeringClosedAt'), timing.answeringClosedAt);
    for (const { phase, at } of timing.phases)
      instant(t('exports.timing.phase', { phase: known(PHASES, phase) ? t(`exports.phase.${phase}`) : phase }), at);
    const breakout = breakouts.get(timing.activityId);
    if (breakout) {
      entries.push({ ...base, moment: t('exports.timing.discussionSeconds'), at: null, seconds: breakout.discussionSeconds });
      entries.push({ ...base, moment: t('exports.timing.returnSeconds'), at: null, seconds: breakout.returnSeconds });
    }
  }
  return entries;
}
