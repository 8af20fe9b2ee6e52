/**
 * The report of a session and the comparison of a series, built from the same aggregates the
 * live screens show. Pure: the report service loads the inputs, renderers draw the result.
 * Nothing here names a participant unless the facilitator chose so for the session, and no
 * sala figure of fewer than LIMITS.smallGroupMin respondents survives.
 */
import type { ExperienceRecord } from '../db/experience-repository.ts';
import { experienceReports } from './experience.ts';
import { breakoutFor, isQuestion } from '../../shared/agenda.ts';
import { AXES } from '../../shared/axes.ts';
import type { CommitmentReport } from '../../shared/commitment.ts';
import { LIMITS } from '../../shared/limits.ts';
import {
  REPORT_VERSION,
  SERIES_REPORT_FORMAT,
  type AgencyParticipation,
  SESSION_REPORT_FORMAT,
  type ActivityTiming,
  type BreakoutReport,
  type QuestionReport,
  type RatingQuestionReport,
  type SalaRating,
  type SeriesAgencyEntry,
  type SeriesReport,
  type SessionReport,
  type SynthesisReport,
} from '../../shared/report.ts';
import type { Activity, ActivityResults, BreakoutActivity, BreakoutView, SalaNumbersView, SynthesisView } from '../../shared/types.ts';
import { groupFigureAllowed } from './breakout.ts';
import { pointsReport, salaPoints } from './points-report.ts';
import { rankingReport, salaRanking } from './ranking-report.ts';
import { seriesComparisons } from './series-comparisons.ts';
import { fieldKeys } from './synthesis.ts';
import type { StoredSupportEntry } from './support-register.ts';
import type { QaFigures } from './qa.ts';
import { qaReport } from './qa-report.ts';

/** Something that happened in a session, for the report's timings. */
export interface SessionEvent {
  at: number;
  activityId: string | null;
  /** "shown", "answering:open", "answering:closed", "phase:<phase>". */
  event: string;
}

export interface SessionReportInput {
  session: {
    id: string;
    title: string;
    code: string;
    status: 'open' | 'closed';
    createdAt: number;
    closedAt: number | null;
    series: { id: string; title: string } | null;
    agencies: string[];
    namesInReports: boolean;
    participantDataRemovedAt: number | null;
  };
  agenda: readonly Activity[];
  /** The live aggregates (every open answer listed), or null once participant data was removed. */
  live: {
    participants: number;
    respondents: number;
    results: Record<string, ActivityResults>;
    breakouts: Record<string, BreakoutView>;
    /** Each formed breakout's sala numbers (suppressed below the minimum already). */
    salaNumbers: Record<string, SalaNumbersView>;
    /** Turns to speak given in each sala, by sala id (absent: none). */
    turns: Record<string, number>;
    /** Each Q&A activity's questions as the report keeps them, by activity id. */
    qa: Record<string, QaFigures>;
    /** Each participant's agency (null: not said) and whether they answered a question. */
    people: Array<{ agency: string | null; responded: boolean }>;
    /** Each agency's own results on the five-axis questions (fiveAxisQuestionIds). */
    agencyProfiles: AgencyProfiles;
    /** Counts of the commitment activities (never a text). */
    commitments: CommitmentReport[];
  } | null;
  /** What was kept when participant data was removed (see archiveOf). */
  archive: ReportArchive | null;
  /** Facilitator views: every sala's content. */
  syntheses: Record<string, SynthesisView>;
  /** Sala names by id, for syntheses whose sala members are gone. */
  salaNames: Record<string, string>;
  /** The session's experience cards (kept with the session; contacts until the retention period ends). */
  experiences: readonly ExperienceRecord[];
  /** The facilitator's comments by activity id (they are not participant data: kept when that is removed). */
  comments: Record<string, string>;
  events: readonly SessionEvent[];
  /** The session's support register entries (not participant data: kept when that is removed). */
  support: readonly StoredSupportEntry[];
  generatedAt: number;
}

/** The participant-derived parts of a report, kept when the participant data is removed. */
export type ReportArchive = Pick<SessionReport, 'participation' | 'questions' | 'breakouts' | 'agencies' | 'commitments'>;

/**
 * Each listed agency's participants, respondents and five-axis profile, as people said at join; an
 * agency with fewer than LIMITS.smallGroupMin respondents has no figures (nor how many joined: 6
 * joined and 4 answered would say who did not), and a profile question fewer than that many of
 * it answered is suppressed on its own.
 */
export function agencyParticipation(
  agencies: readonly string[],
  people: ReadonlyArray<{ agency: string | null; responded: boolean }>,
  profiles: AgencyProfiles = {},
): AgencyParticipation[] {
  return agencies.map((name) => {
    const own = people.filter((p) => p.agency === name);
    const respondents = own.filter((p) => p.responded).length;
    if (!groupFigureAllowed(respondents, LIMITS.smallGroupMin)) {
      return { name, suppressed: true, participants: null, respondents: null, ratings: [] };
    }
    const ratings = Object.entries(profiles[name] ?? {}).map(([activityId, results]) => groupRating(activityId, results));
    return { name, suppressed: false, participants: own.length, respondents, ratings };
  });
}

/** Each agency's own results on the five-axis questions (agency name → activity id → results). */
export type AgencyProfiles = Record<string, Record<string, ActivityResults | null>>;

/** A group's own figures on a rating question, or suppressed below LIMITS.smallGroupMin respondents. */
function groupRating(activityId: string, results: ActivityResults | null | undefined): SalaRating {
  if (!results || results.kind !== 'rating' || !groupFigureAllowed(results.respondents, LIMITS.smallGroupMin)) {
    return { activityId, suppressed: true, respondents: null, items: null };
  }
  const items = Object.entries(results.items).map(([id, item]) => ({ id, n: item.n, mean: item.mean }));
  return { activityId, suppressed: false, respondents: results.respondents, items };
}

/** The five-axis rating questions of an agenda: an agency's profile is its answers to these. */
export function fiveAxisQuestionIds(agenda: readonly Activity[]): string[] {
  return agenda.filter((a) => a.kind === 'rating' && isFiveAxes(a.items.map((item) => item.id))).map((a) => a.id);
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

const isFiveAxes = (ids: readonly string[]) => ids.length === AXES.length && AXES.every((axis) => ids.includes(axis.id));

function questionReport(activity: Activity, position: number, results: ActivityResults | undefined): QuestionReport | null {
  const base = {
    activityId: activity.id,
    position,
    section: activity.section ?? null,
    premise: isQuestion(activity) ? (activity.premise ?? null) : null,
    title: activity.title,
    body: activity.body ?? null,
    facilitatorComments: null,
  };
  if (activity.kind === 'choice') {
    const counted = results?.kind === 'choice' ? results : { respondents: 0, counts: {} as Record<string, number> };
    return {
      ...base,
      kind: 'choice',
      respondents: counted.respondents,
      multiple: activity.multiple,
      options: activity.options.map((option) => {
        const count = counted.counts[option.id] ?? 0;
        return { id: option.id, label: option.label, count, share: counted.respondents === 0 ? 0 : count / counted.respondents };
      }),
    };
  }
  if (activity.kind === 'rating') {
    const counted = results?.kind === 'rating' ? results : null;
    return {
      ...base,
      kind: 'rating',
      respondents: counted?.respondents ?? 0,
      minLabel: activity.minLabel ?? null,
      maxLabel: activity.maxLabel ?? null,
      fiveAxes: isFiveAxes(activity.items.map((item) => item.id)),
      items: activity.items.map((item) => {
        const figures = counted?.items[item.id];
        return {
          id: item.id,
          label: item.label,
          counts: figures ? [...figures.counts] : [0, 0, 0, 0, 0],
          n: figures?.n ?? 0,
          mean: figures?.mean ?? null,
        };
      }),
    };
  }
  if (activity.kind === 'ranking') return rankingReport(base, activity, results);
  if (activity.kind === 'points') return pointsReport(base, activity, results);
  if (activity.kind === 'open') {
    const counted = results?.kind === 'open' ? results : null;
    // Results list the newest first; a report reads in order of arrival.
    const answers = (counted?.answers ?? [])
      .filter((a) => !a.hidden)
      .map((a) => a.text)
      .reverse();
    return {
      ...base,
      kind: 'open',
      respondents: counted?.respondents ?? 0,
      answers,
      hiddenCount: (counted?.answers ?? []).filter((a) => a.hidden).length,
      words: counted?.words ?? [],
    };
  }
  return null;
}

function breakoutReport(
  activity: BreakoutActivity,
  position: number,
  view: BreakoutView | undefined,
  numbers: SalaNumbersView | undefined,
  namesInReports: boolean,
  turns: Record<string, number>,
): BreakoutReport {
  return {
    activityId: activity.id,
    position,
    title: activity.title,
    phase: view?.phase ?? 'pending',
    discussionSeconds: activity.discussionSeconds,
    returnSeconds: activity.returnSeconds,
    facilitatorComments: null,
    salas: (view?.salas ?? []).map((sala) => {
      const own = numbers?.salas.find((s) => s.salaId === sala.id);
      const idsOf = (kind: string) => (numbers?.questionIds ?? []).filter((id) => numbers?.room[id]?.kind === kind);
      // Checked again in each: a report must never carry a small group's figure.
      const figure = (activityId: string) => {
        const counted = own?.results[activityId];
        return counted?.suppressed === false ? counted.results : null;
      };
      return {
        id: sala.id,
        name: sala.name,
        members: sala.members.length,
        roles: { moderator: sala.roles.moderator !== null, secretary: sala.roles.secretary !== null },
        memberNames: namesInReports ? sala.members.map((m) => m.displayName ?? `#${m.number}`) : null,
        ratings: idsOf('rating').map((activityId) => groupRating(activityId, figure(activityId))),
        rankings: idsOf('ranking').map((activityId) => salaRanking(activityId, figure(activityId))),
        points: idsOf('points').map((activityId) => salaPoints(activityId, figure(activityId))),
        turns: turns[sala.id] ?? 0,
      };
    }),
  };
}

function synthesisReport(
  activity: Activity,
  position: number,
  agenda: readonly Activity[],
  view: SynthesisView | undefined,
  salaNames: Record<string, string>,
): SynthesisReport {
  const breakout = breakoutFor(agenda, activity.id);
  const questions = breakout?.questions ?? [];
  const fields = breakout
    ? fieldKeys(breakout).map((key) => {
        const [questionId, itemId] = key.split('.');
        const question = questions.find((q) => q.id === questionId);
        const item = itemId === undefined ? undefined : question?.items?.find((i) => i.id === itemId);
        return { key, label: item ? `${question?.text ?? ''} — ${item.label}` : (question?.text ?? key) };
      })
    : [];
  const supportOptions = questions.flatMap((q) => q.supportOptions ?? []);
  const labelOf = (id: string) => supportOptions.find((o) => o.id === id)?.label ?? id;
  const salas = (view?.salas ?? []).map((sala) => {
    const content = sala.content;
    const written =
      content !== null && (content.support.length > 0 || Object.values(content.fields).some((text) => text.trim().length > 0));
    return {
      salaId: sala.salaId,
      salaName: salaNames[sala.salaId] ?? sala.salaId,
      status: sala.submittedAt !== null ? ('submitted' as const) : written ? ('draft' as const) : ('empty' as const),
      submittedAt: isoOrNull(sala.submittedAt),
      firstSavedAt: isoOrNull(sala.firstSavedAt),
      hidden: sala.hidden,
      texts: fields.map((field) => ({ key: field.key, text: content?.fields[field.key] ?? '' })),
      support: (content?.support ?? []).map(labelOf),
      supportIds: content?.support ?? [],
    };
  });
  const supportCounts = supportOptions.map((option) => ({
    id: option.id,
    label: option.label,
    count: salas.filter((s) => !s.hidden && s.supportIds.includes(option.id)).length,
  }));
  return {
    activityId: activity.id,
    position,
    title: activity.title,
    breakoutActivityId: breakout?.id ?? null,
    phase: view?.phase ?? 'pending',
    fields,
    supportCounts,
    salas: salas.map(({ supportIds: _ids, ...sala }) => sala),
    facilitatorComments: null,
  };
}

function timings(agenda: readonly Activity[], events: readonly SessionEvent[]): ActivityTiming[] {
  return agenda.flatMap((activity, index) => {
    const own = events.filter((e) => e.activityId === activity.id);
    if (own.length === 0) return [];
    const first = (event: string) => own.find((e) => e.event === event)?.at ?? null;
    const last = (event: string) => own.findLast((e) => e.event === event)?.at ?? null;
    return [
      {
        activityId: activity.id,
        position: index + 1,
        kind: activity.kind,
        title: activity.title,
        firstShownAt: isoOrNull(first('shown')),
        answeringOpenedAt: isoOrNull(first('answering:open')),
        answeringClosedAt: isoOrNull(last('answering:closed')),
        phases: own.filter((e) => e.event.startsWith('phase:')).map((e) => ({ phase: e.event.slice('phase:'.length), at: iso(e.at) })),
      },
    ];
  });
}

/** The participant-derived parts of a live report, as kept once participant data is removed. */
export function archiveOf(report: SessionReport): ReportArchive {
  return {
    participation: report.participation,
    agencies: report.agencies,
    // Open texts and Q&A questions are participants' own words: removed with them; the counts stay.
    questions: report.questions.map((q) => (q.kind === 'open' ? { ...q, answers: [] } : q.kind === 'qa' ? { ...q, questions: [] } : q)),
    breakouts: report.breakouts.map((b) => ({ ...b, salas: b.salas.map((s) => ({ ...s, memberNames: null })) })),
    commitments: report.commitments,
  };
}

/** Each entry with the facilitator's comments on its activity (as they are now, archived entries too). */
function withComments<T extends { activityId: string }>(entries: readonly T[], comments: Record<string, string>) {
  return entries.map((entry) => ({ ...entry, facilitatorComments: comments[entry.activityId] ?? null }));
}

export function buildSessionReport(input: SessionReportInput): SessionReport {
  const { agenda, live } = input;
  let derived: ReportArchive;
  if (live) {
    derived = {
      participation: { participants: live.participants, respondents: live.respondents },
      agencies: agencyParticipation(input.session.agencies, live.people, live.agencyProfiles),
      questions: agenda.flatMap(
        (activity, index) =>
          (activity.kind === 'qa'
            ? qaReport(activity, index + 1, live.qa[activity.id])
            : questionReport(activity, index + 1, live.results[activity.id])) ?? [],
      ),
      breakouts: agenda.flatMap((activity, index) =>
        activity.kind === 'breakout'
          ? [
              breakoutReport(
                activity,
                index + 1,
                live.breakouts[activity.id],
                live.salaNumbers[activity.id],
                input.session.namesInReports,
                live.turns,
              ),
            ]
          : [],
      ),
      commitments: live.commitments,
    };
  } else {
    const archive = input.archive ?? {
      participation: { participants: 0, respondents: 0 },
      questions: [],
      breakouts: [],
      agencies: [],
      commitments: [],
    };
    // Archives kept before turns were counted have none (nor sala rankings and points, kept later); before agencies (or their profiles) or commitments were, none either.
    const breakouts = archive.breakouts.map((b) => ({
      ...b,
      salas: b.salas.map((s) => ({ ...s, turns: s.turns ?? 0, rankings: s.rankings ?? [], points: s.points ?? [] })),
    }));
    const agencies = ((archive.agencies as AgencyParticipation[] | undefined) ?? []).map((a) => ({ ...a, ratings: a.ratings ?? [] }));
    derived = { ...archive, breakouts, agencies, commitments: (archive.commitments as CommitmentReport[] | undefined) ?? [] };
  }
  return {
    format: SESSION_REPORT_FORMAT,
    version: REPORT_VERSION,
    generatedAt: iso(input.generatedAt),
    session: {
      id: input.session.id,
      title: input.session.title,
      code: input.session.code,
      status: input.session.status,
      createdAt: iso(input.session.createdAt),
      closedAt: isoOrNull(input.session.closedAt),
      series: input.session.series,
      agencies: input.session.agencies,
      namesInReports: input.session.namesInReports,
      participantDataRemovedAt: isoOrNull(input.session.participantDataRemovedAt),
    },
    participation: derived.participation,
    agencies: derived.agencies,
    questions: withComments(derived.questions, input.comments),
    breakouts: withComments(derived.breakouts, input.comments),
    commitments: derived.commitments,
    agenda: agenda.map((activity) => ({ ...activity })),
    syntheses: withComments(
      agenda.flatMap((activity, index) =>
        activity.kind === 'synthesis' ? [synthesisReport(activity, index + 1, agenda, input.syntheses[activity.id], input.salaNames)] : [],
      ),
      input.comments,
    ),
    experiences: experienceReports(input.experiences, agenda, input.salaNames),
    timings: timings(agenda, input.events),
    supportRegister: input.support.map((entry) => ({
      salaName: entry.salaName,
      kind: entry.kindId === null ? null : { id: entry.kindId, label: entry.kindLabel ?? entry.kindId },
      text: entry.text,
      agencies: entry.agencies,
      status: entry.status,
      note: entry.note,
      updatedAt: iso(entry.updatedAt),
    })),
  };
}

/** The five-axis rating a session is compared by: the last one in its agenda. */
function axisRating(report: SessionReport) {
  return report.questions.findLast((q) => q.kind === 'rating' && q.fiveAxes) as RatingQuestionReport | undefined;
}

/**
 * Every agency the sessions list, in order of first appearance, with its figures in each session
 * that lists it: its profile on the session's compared five-axis question, as suppressed as it was.
 */
function seriesAgencies(reports: readonly SessionReport[], compared: ReadonlyArray<RatingQuestionReport | undefined>) {
  const names = [...new Set(reports.flatMap((r) => r.agencies.map((a) => a.name)))];
  return names.map((name) => ({
    name,
    sessions: reports.flatMap((report, index): SeriesAgencyEntry[] => {
      const agency = report.agencies.find((a) => a.name === name);
      if (!agency) return [];
      const rating = agency.ratings.find((r) => r.activityId === compared[index]?.activityId);
      const { suppressed, participants, respondents } = agency;
      return [{ sessionId: report.session.id, suppressed, participants, respondents, items: rating?.items ?? null }];
    }),
  }));
}

/** Sessions side by side, oldest first; `change` is against the session just before. */
export function buildSeriesReport(
  series: { id: string; title: string },
  reports: readonly SessionReport[],
  generatedAt: number,
): SeriesReport {
  const ordered = [...reports].sort((a, b) => a.session.createdAt.localeCompare(b.session.createdAt));
  const ratings = ordered.map(axisRating);
  return {
    format: SERIES_REPORT_FORMAT,
    version: REPORT_VERSION,
    generatedAt: iso(generatedAt),
    series,
    sessions: ordered.map((r) => ({
      id: r.session.id,
      title: r.session.title,
      createdAt: r.session.createdAt,
      agencies: r.session.agencies,
      participation: r.participation,
    })),
    axes: AXES.map((axis) => ({
      id: axis.id,
      label: axis.label,
      sessions: ordered.map((report, index) => {
        const item = ratings[index]?.items.find((i) => i.id === axis.id);
        const previous = index > 0 ? ratings[index - 1]?.items.find((i) => i.id === axis.id) : undefined;
        const mean = item?.mean ?? null;
        const before = previous?.mean ?? null;
        return {
          sessionId: report.session.id,
          counts: item ? [...item.counts] : [0, 0, 0, 0, 0],
          n: item?.n ?? 0,
          mean,
          change: mean !== null && before !== null ? Math.round((mean - before) * 100) / 100 : null,
        };
      }),
    })),
    agencies: seriesAgencies(ordered, ratings),
    comparisons: seriesComparisons(ordered),
    support: ordered.map((report) => {
      const counts = new Map<string, { id: string; label: string; count: number }>();
      for (const synthesis of report.syntheses) {
        for (const kind of synthesis.supportCounts) {
          const entry = counts.get(kind.id) ?? { id: kind.id, label: kind.label, count: 0 };
          entry.count += kind.count;
          counts.set(kind.id, entry);
        }
      }
      return { sessionId: report.session.id, counts: [...counts.values()] };
    }),
    syntheses: ordered.map((report) => ({ sessionId: report.session.id, syntheses: report.syntheses })),
  };
}
