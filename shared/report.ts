/**
 * What a session report and a series comparison contain: the JSON export as it is written,
 * and the one model the CSV, XLSX and PDF renderers draw from (docs/report-format.md).
 * Reports hold aggregates only: never participant tokens or who answered what, and no figure
 * about a group (a sala) of fewer than LIMITS.smallGroupMin respondents.
 * Times are ISO 8601 strings in UTC.
 */
import { Type, type Static } from 'typebox';
import { CommitmentReportSchema } from './commitment-schemas.ts';
import { SupportStatusSchema } from './support-register.ts';
import { ExperienceReportSchema } from './experience-schemas.ts';

export const SESSION_REPORT_FORMAT = 'plenario-session-report';
export const SERIES_REPORT_FORMAT = 'plenario-series-report';
export const REPORT_VERSION = 1;

/** The files a session report is downloaded as (GET /api/sessions/:id/report.<format>); pptx is the plenary deck. */
export const SESSION_REPORT_FORMATS = ['pdf', 'xlsx', 'pptx', 'csv', 'json'] as const;
/** The files a series comparison is downloaded as (GET /api/series/:id/report.<format>). */
export const SERIES_REPORT_FORMATS = ['pdf', 'xlsx', 'json'] as const;
export type SessionReportFormat = (typeof SESSION_REPORT_FORMATS)[number];
export type SeriesReportFormat = (typeof SERIES_REPORT_FORMATS)[number];

/** The query of a session report's address: its language, and the CSV separator. */
export const ReportQuerySchema = Type.Object(
  {
    locale: Type.Optional(Type.Union([Type.Literal('es-CL'), Type.Literal('en')])),
    /** CSV only: semicolons (the default: they open cleanly in Spanish-locale Excel) or commas. */
    separator: Type.Optional(Type.Union([Type.Literal('semicolon'), Type.Literal('comma')])),
  },
  { additionalProperties: false },
);
/** No separator: a series comparison has no CSV, and a session's JSON, XLSX and PDF take none. */
export const SeriesReportQuerySchema = Type.Omit(ReportQuerySchema, ['separator'], { additionalProperties: false });
export type ReportQuery = Static<typeof ReportQuerySchema>;
export type ReportSeparator = NonNullable<ReportQuery['separator']>;

const Iso = Type.String({ description: 'ISO 8601 date-time, UTC' });
const NullableIso = Type.Union([Iso, Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);
const Labelled = { id: Type.String(), label: Type.String() };

export const ReportSessionInfoSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  code: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  createdAt: Iso,
  closedAt: NullableIso,
  series: Type.Union([Type.Object({ id: Type.String(), title: Type.String() }), Type.Null()]),
  agencies: Type.Array(Type.String()),
  /** The facilitator chose to let display names appear in this session's reports. */
  namesInReports: Type.Boolean(),
  /** When the retention period removed participants and answers (aggregates were kept). */
  participantDataRemovedAt: NullableIso,
});

export const ParticipationSchema = Type.Object({
  /** People who joined. */
  participants: Type.Integer(),
  /** People who answered at least one question. */
  respondents: Type.Integer(),
});

/** The facilitator's "Comentarios y análisis" of these results (text), or null when none were written. */
const facilitatorComments = NullableString;

const questionBase = {
  activityId: Type.String(),
  /** 1-based place in the agenda. */
  position: Type.Integer(),
  section: NullableString,
  /** The statement shown before the question. */
  premise: NullableString,
  title: Type.String(),
  body: NullableString,
  /** People who answered this question. */
  respondents: Type.Integer(),
  facilitatorComments,
};

export const ChoiceQuestionReportSchema = Type.Object({
  ...questionBase,
  kind: Type.Literal('choice'),
  multiple: Type.Boolean(),
  /** share = count / respondents (0 when nobody answered); with multiple choice shares add up to more than 1. */
  options: Type.Array(Type.Object({ ...Labelled, count: Type.Integer(), share: Type.Number() })),
});

export const RatingItemReportSchema = Type.Object({
  ...Labelled,
  /** counts[0] is the number of 1s … counts[4] the number of 5s. */
  counts: Type.Array(Type.Integer(), { minItems: 5, maxItems: 5 }),
  n: Type.Integer(),
  mean: Type.Union([Type.Number(), Type.Null()]),
});

export const RatingQuestionReportSchema = Type.Object({
  ...questionBase,
  kind: Type.Literal('rating'),
  minLabel: NullableString,
  maxLabel: NullableString,
  /** Its items are the five axes of the strategy (shared/axes.ts): the series compares these. */
  fiveAxes: Type.Boolean(),
  items: Type.Array(RatingItemReportSchema),
});

export const RankingQuestionReportSchema = Type.Object({
  ...questionBase,
  kind: Type.Literal('ranking'),
  /** People who ranked (the same as respondents). */
  n: Type.Integer(),
  /** Places an answer fills (K): every item, or the activity's rankTop. */
  places: Type.Integer(),
  /** Best first: by mean place (an item left out of a top-K answer counts K+1), ties in agenda order. */
  items: Type.Array(
    Type.Object({
      ...Labelled,
      meanPosition: Type.Union([Type.Number(), Type.Null()]),
      /** Share of respondents who put it first (0 when nobody answered). */
      firstShare: Type.Number(),
      /** positions[0] people put it first … positions[K-1] K-th. */
      positions: Type.Array(Type.Integer()),
    }),
  ),
});

export const PointsQuestionReportSchema = Type.Object({
  ...questionBase,
  kind: Type.Literal('points'),
  /** People who split the budget (the same as respondents). */
  n: Type.Integer(),
  budget: Type.Integer(),
  /** Answers could spend less than the budget. */
  allowUnder: Type.Boolean(),
  /** Most points first, ties in agenda order. */
  items: Type.Array(
    Type.Object({
      ...Labelled,
      /** Mean over every respondent (an item given nothing counts 0). */
      meanPoints: Type.Union([Type.Number(), Type.Null()]),
      /** Respondents who gave it 0, up to 25 %, up to 50 %, up to 75 %, up to 100 % of the budget. */
      distribution: Type.Array(Type.Integer(), { minItems: 5, maxItems: 5 }),
    }),
  ),
});

export const OpenQuestionReportSchema = Type.Object({
  ...questionBase,
  kind: Type.Literal('open'),
  /** Visible answers, oldest first; empty once participant data was removed. */
  answers: Type.Array(Type.String()),
  /** Answers the facilitator hid (moderation): counted here, never printed. */
  hiddenCount: Type.Integer(),
  words: Type.Array(Type.Object({ word: Type.String(), count: Type.Integer() })),
});

/** Questions from the room (Q&A); `respondents` is the number of people who asked. */
export const QaQuestionReportSchema = Type.Object({
  ...questionBase,
  kind: Type.Literal('qa'),
  /** Questions were shown only once the facilitator approved them. */
  moderated: Type.Boolean(),
  /** Shown questions, most voted first (ties: asked first); empty once participant data was removed. */
  questions: Type.Array(Type.Object({ text: Type.String(), votes: Type.Integer(), answered: Type.Boolean() })),
  /** Questions the facilitator hid: counted here, never printed. */
  hiddenCount: Type.Integer(),
  /** Questions never approved (still waiting): counted, never printed. */
  pendingCount: Type.Integer(),
});

export const QuestionReportSchema = Type.Union([
  ChoiceQuestionReportSchema,
  RatingQuestionReportSchema,
  RankingQuestionReportSchema,
  PointsQuestionReportSchema,
  OpenQuestionReportSchema,
  QaQuestionReportSchema,
]);

/**
 * One group's own answers to a rating question: a sala's (questions asked before the breakout) or
 * an agency's (the five-axis questions); null figures when suppressed.
 */
export const SalaRatingSchema = Type.Object({
  activityId: Type.String(),
  /** Fewer than LIMITS.smallGroupMin of the group answered: no figure is given. */
  suppressed: Type.Boolean(),
  respondents: Type.Union([Type.Integer(), Type.Null()]),
  items: Type.Union([
    Type.Array(Type.Object({ id: Type.String(), n: Type.Integer(), mean: Type.Union([Type.Number(), Type.Null()]) })),
    Type.Null(),
  ]),
});

/** A sala's own answers to a ranking asked before the breakout; null figures when suppressed. */
export const SalaRankingSchema = Type.Object({
  activityId: Type.String(),
  suppressed: Type.Boolean(),
  respondents: Type.Union([Type.Integer(), Type.Null()]),
  items: Type.Union([
    Type.Array(Type.Object({ id: Type.String(), meanPosition: Type.Union([Type.Number(), Type.Null()]), firstShare: Type.Number() })),
    Type.Null(),
  ]),
});

/** A sala's own answers to a points split asked before the breakout; null figures when suppressed. */
export const SalaPointsSchema = Type.Object({
  activityId: Type.String(),
  suppressed: Type.Boolean(),
  respondents: Type.Union([Type.Integer(), Type.Null()]),
  items: Type.Union([Type.Array(Type.Object({ id: Type.String(), meanPoints: Type.Union([Type.Number(), Type.Null()]) })), Type.Null()]),
});

export const SalaReportSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  members: Type.Integer(),
  roles: Type.Object({ moderator: Type.Boolean(), secretary: Type.Boolean() }),
  /** Only when the session's namesInReports is on; otherwise null. */
  memberNames: Type.Union([Type.Array(Type.String()), Type.Null()]),
  ratings: Type.Array(SalaRatingSchema),
  /** The sala's own figures on the rankings asked before the breakout (the room's are in `questions`). */
  rankings: Type.Array(SalaRankingSchema),
  /** The sala's own figures on the points splits asked before the breakout. */
  points: Type.Array(SalaPointsSchema),
  /** Turns to speak the moderator gave in the sala (never who spoke). */
  turns: Type.Integer(),
});

export const BreakoutReportSchema = Type.Object({
  activityId: Type.String(),
  position: Type.Integer(),
  title: Type.String(),
  phase: Type.String(),
  discussionSeconds: Type.Integer(),
  returnSeconds: Type.Integer(),
  salas: Type.Array(SalaReportSchema),
  facilitatorComments,
});

export const SynthesisFieldSchema = Type.Object({
  /** "experiencias", or "desafios.liderazgo" for one part of a question. */
  key: Type.String(),
  /** The guide question, with the part after " — ". */
  label: Type.String(),
});

export const SalaSynthesisReportSchema = Type.Object({
  salaId: Type.String(),
  salaName: Type.String(),
  status: Type.Union([Type.Literal('submitted'), Type.Literal('draft'), Type.Literal('empty')]),
  submittedAt: NullableIso,
  /** When the secretary first saved notes (often during the conversation, before the writing step). */
  firstSavedAt: NullableIso,
  /** Hidden from the plenary screen by the facilitator; left out of the support counts. */
  hidden: Type.Boolean(),
  /** One text per field of the synthesis, in field order ('' when not written). */
  texts: Type.Array(Type.Object({ key: Type.String(), text: Type.String() })),
  /** Support kinds ticked, by label. */
  support: Type.Array(Type.String()),
});

export const SynthesisReportSchema = Type.Object({
  activityId: Type.String(),
  position: Type.Integer(),
  title: Type.String(),
  breakoutActivityId: NullableString,
  phase: Type.String(),
  fields: Type.Array(SynthesisFieldSchema),
  /** Support kinds ticked across the salas that are not hidden. */
  supportCounts: Type.Array(Type.Object({ ...Labelled, count: Type.Integer() })),
  salas: Type.Array(SalaSynthesisReportSchema),
  facilitatorComments,
});

export const ActivityTimingSchema = Type.Object({
  activityId: Type.String(),
  position: Type.Integer(),
  kind: Type.String(),
  title: Type.String(),
  firstShownAt: NullableIso,
  answeringOpenedAt: NullableIso,
  answeringClosedAt: NullableIso,
  /** Breakout and synthesis phases as they began ("intro", "discussion", "return", "writing", "closed"). */
  phases: Type.Array(Type.Object({ phase: Type.String(), at: Iso })),
});

/**
 * Participation of one of the session's agencies, as participants said it at join. Fewer than
 * LIMITS.smallGroupMin respondents: suppressed, no figures (a small group could name a person).
 */
export const AgencyParticipationSchema = Type.Object({
  name: Type.String(),
  suppressed: Type.Boolean(),
  participants: Type.Union([Type.Integer(), Type.Null()]),
  respondents: Type.Union([Type.Integer(), Type.Null()]),
  /** The agency's five-axis profile: its own answers to each five-axis rating question (none when suppressed). */
  ratings: Type.Array(SalaRatingSchema),
});

/** An entry of the support register (what a sala asked of Servicio Civil) and what came of it. */
export const SupportRegisterReportSchema = Type.Object({
  salaName: Type.String(),
  /** The support option ticked; null: the sala wrote text but ticked none. */
  kind: Type.Union([Type.Object({ ...Labelled }), Type.Null()]),
  text: Type.String(),
  /** The agencies the sala's members said at join, by name. */
  agencies: Type.Array(Type.String()),
  status: SupportStatusSchema,
  /** The public note ("lo que hicimos"); '' when none. */
  note: Type.String(),
  updatedAt: Iso,
});

export const SessionReportSchema = Type.Object({
  format: Type.Literal(SESSION_REPORT_FORMAT),
  version: Type.Literal(REPORT_VERSION),
  generatedAt: Iso,
  session: ReportSessionInfoSchema,
  participation: ParticipationSchema,
  /** Each listed agency's participation, in the session's order. */
  agencies: Type.Array(AgencyParticipationSchema),
  /** The agenda as the agenda export writes it (docs/agenda-format.md). */
  agenda: Type.Array(Type.Object({}, { additionalProperties: true })),
  questions: Type.Array(QuestionReportSchema),
  breakouts: Type.Array(BreakoutReportSchema),
  syntheses: Type.Array(SynthesisReportSchema),
  /** Commitment activities: counts written, and at a follow-up counts by answer (docs/report-format.md). */
  commitments: Type.Array(CommitmentReportSchema),
  /** Experience cards, in agenda order, then as written (shared/experience.ts). */
  experiences: Type.Array(ExperienceReportSchema),
  timings: Type.Array(ActivityTimingSchema),
  /** The support register's entries of the session, in the order recorded. */
  supportRegister: Type.Array(SupportRegisterReportSchema),
});

/** One session's five-axis ratings in a series: the last five-axis rating question of its agenda. */
export const SeriesAxisEntrySchema = Type.Object({
  sessionId: Type.String(),
  counts: Type.Array(Type.Integer(), { minItems: 5, maxItems: 5 }),
  n: Type.Integer(),
  mean: Type.Union([Type.Number(), Type.Null()]),
  /** mean minus the previous session's mean on the same axis; null for the first or where either is missing. */
  change: Type.Union([Type.Number(), Type.Null()]),
});

/** One agency's figures in one session of a series; items null when suppressed or without a five-axis question. */
export const SeriesAgencyEntrySchema = Type.Object({
  sessionId: Type.String(),
  suppressed: Type.Boolean(),
  participants: Type.Union([Type.Integer(), Type.Null()]),
  respondents: Type.Union([Type.Integer(), Type.Null()]),
  /** The agency's means on the session's compared five-axis question (the one in `axes`). */
  items: Type.Union([
    Type.Array(Type.Object({ id: Type.String(), n: Type.Integer(), mean: Type.Union([Type.Number(), Type.Null()]) })),
    Type.Null(),
  ]),
});

/** A session's side of a ranking/points comparison; no figures below LIMITS.smallGroupMin respondents. */
const seriesComparisonEntry = {
  sessionId: Type.String(),
  /** The session's activity compared (its last one with these items). */
  activityId: Type.String(),
  suppressed: Type.Boolean(),
  /** Respondents; null when suppressed. */
  n: Type.Union([Type.Integer(), Type.Null()]),
};

/** A ranking asked in two or more sessions with the same item labels: each session's figures per item. */
export const SeriesRankingComparisonSchema = Type.Object({
  kind: Type.Literal('ranking'),
  /** The title in the first session that asked it. */
  title: Type.String(),
  /** Item labels, in the order the first session ranked them. */
  items: Type.Array(Type.String()),
  sessions: Type.Array(
    Type.Object({
      ...seriesComparisonEntry,
      /** In the order of `items`; null when suppressed. */
      items: Type.Union([
        Type.Array(
          Type.Object({ label: Type.String(), meanPosition: Type.Union([Type.Number(), Type.Null()]), firstShare: Type.Number() }),
        ),
        Type.Null(),
      ]),
    }),
  ),
});

/** A points split asked in two or more sessions with the same item labels and budget. */
export const SeriesPointsComparisonSchema = Type.Object({
  kind: Type.Literal('points'),
  title: Type.String(),
  budget: Type.Integer(),
  /** Item labels, in the order the first session gave them points (most first). */
  items: Type.Array(Type.String()),
  sessions: Type.Array(
    Type.Object({
      ...seriesComparisonEntry,
      items: Type.Union([
        Type.Array(Type.Object({ label: Type.String(), meanPoints: Type.Union([Type.Number(), Type.Null()]) })),
        Type.Null(),
      ]),
    }),
  ),
});

export const SeriesComparisonSchema = Type.Union([SeriesRankingComparisonSchema, SeriesPointsComparisonSchema]);

export const SeriesReportSchema = Type.Object({
  format: Type.Literal(SERIES_REPORT_FORMAT),
  version: Type.Literal(REPORT_VERSION),
  generatedAt: Iso,
  series: Type.Object({ id: Type.String(), title: Type.String() }),
  /** Oldest first. */
  sessions: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      createdAt: Iso,
      agencies: Type.Array(Type.String()),
      participation: ParticipationSchema,
    }),
  ),
  axes: Type.Array(Type.Object({ ...Labelled, sessions: Type.Array(SeriesAxisEntrySchema) })),
  /** Every agency listed by a session, in order of first appearance; an entry per session that lists it. */
  agencies: Type.Array(Type.Object({ name: Type.String(), sessions: Type.Array(SeriesAgencyEntrySchema) })),
  /** Ranking and points activities two or more sessions share (same kind, item labels and budget), in order of first appearance. */
  comparisons: Type.Array(SeriesComparisonSchema),
  support: Type.Array(Type.Object({ sessionId: Type.String(), counts: Type.Array(Type.Object({ ...Labelled, count: Type.Integer() })) })),
  syntheses: Type.Array(Type.Object({ sessionId: Type.String(), syntheses: Type.Array(SynthesisReportSchema) })),
});

export type AgencyParticipation = Static<typeof AgencyParticipationSchema>;
export type SalaRating = Static<typeof SalaRatingSchema>;
export type SalaRanking = Static<typeof SalaRankingSchema>;
export type SalaPoints = Static<typeof SalaPointsSchema>;
export type SeriesAgencyEntry = Static<typeof SeriesAgencyEntrySchema>;
export type SessionReport = Static<typeof SessionReportSchema>;
export type SeriesReport = Static<typeof SeriesReportSchema>;
export type SeriesComparison = Static<typeof SeriesComparisonSchema>;
export type QuestionReport = Static<typeof QuestionReportSchema>;
export type ChoiceQuestionReport = Static<typeof ChoiceQuestionReportSchema>;
export type RatingQuestionReport = Static<typeof RatingQuestionReportSchema>;
export type RankingQuestionReport = Static<typeof RankingQuestionReportSchema>;
export type PointsQuestionReport = Static<typeof PointsQuestionReportSchema>;
export type OpenQuestionReport = Static<typeof OpenQuestionReportSchema>;
export type QaQuestionReport = Static<typeof QaQuestionReportSchema>;
export type BreakoutReport = Static<typeof BreakoutReportSchema>;
export type SalaReport = Static<typeof SalaReportSchema>;
export type SynthesisReport = Static<typeof SynthesisReportSchema>;
export type ActivityTiming = Static<typeof ActivityTimingSchema>;
