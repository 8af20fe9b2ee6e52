/** Types of the wire: Static<> of the payload schemas, and the shapes the server sends. */
import type { Static } from 'typebox';
import type { Locale } from './i18n/index.ts';
import type { QaBoard, QaMine } from './qa.ts';
import type * as S from './schemas.ts';

export type Bullet = Static<typeof S.BulletSchema>;
export type Option = Static<typeof S.OptionSchema>;
export type ChoiceOption = Static<typeof S.ChoiceOptionSchema>;
export type ContentActivity = Static<typeof S.ContentActivitySchema>;
export type ContentLayout = Static<typeof S.ContentLayoutSchema>;
export type ChoiceActivity = Static<typeof S.ChoiceActivitySchema>;
export type RatingActivity = Static<typeof S.RatingActivitySchema>;
export type RankingActivity = Static<typeof S.RankingActivitySchema>;
export type PointsActivity = Static<typeof S.PointsActivitySchema>;
export type OpenActivity = Static<typeof S.OpenActivitySchema>;
export type BreakoutActivity = Static<typeof S.BreakoutActivitySchema>;
export type GuideQuestion = Static<typeof S.GuideQuestionSchema>;
export type SalaSizing = Static<typeof S.SalaSizingSchema>;
export type GroupingMode = Static<typeof S.GroupingModeSchema>;
export type SynthesisActivity = Static<typeof S.SynthesisActivitySchema>;
export type CommitmentActivity = Static<typeof S.CommitmentActivitySchema>;
export type QaActivity = Static<typeof S.QaActivitySchema>;
export type ExperienceActivity = Static<typeof S.ExperienceActivitySchema>;
export type Activity = Static<typeof S.ActivitySchema>;
export type ActivityKind = Activity['kind'];
/** The activities that take answers. */
export type QuestionActivity = ChoiceActivity | RatingActivity | RankingActivity | PointsActivity | OpenActivity;
export type Template = Static<typeof S.TemplateSchema>;
export type ActivityDraft = Static<typeof S.ActivityDraftSchema>;
export type AgendaInsertPayload = Static<typeof S.AgendaInsertPayloadSchema>;
export type AgendaUpdatePayload = Static<typeof S.AgendaUpdatePayloadSchema>;
export type AgendaMovePayload = Static<typeof S.AgendaMovePayloadSchema>;
export type AgendaActivityPayload = Static<typeof S.AgendaActivityPayloadSchema>;
export type AgendaRestorePayload = Static<typeof S.AgendaRestorePayloadSchema>;

/** The agenda after an edit, and the activity the edit was about (new, moved, deleted…). */
export interface AgendaChange {
  agenda: Activity[];
  activityId: string;
}

export type ChoiceAnswer = Static<typeof S.ChoiceAnswerSchema>;
export type RatingAnswer = Static<typeof S.RatingAnswerSchema>;
export type RankingAnswer = Static<typeof S.RankingAnswerSchema>;
export type PointsAnswer = Static<typeof S.PointsAnswerSchema>;
export type OpenAnswer = Static<typeof S.OpenAnswerSchema>;
export type AnswerHidePayload = Static<typeof S.AnswerHidePayloadSchema>;
export type AnswerValue = Static<typeof S.AnswerValueSchema>;

export type JoinPayload = Static<typeof S.JoinPayloadSchema>;
export type AgencySetPayload = Static<typeof S.AgencySetPayloadSchema>;
export type AnswerSubmitPayload = Static<typeof S.AnswerSubmitPayloadSchema>;
export type AgendaGotoPayload = Static<typeof S.AgendaGotoPayloadSchema>;
export type AgendaStepPayload = Static<typeof S.AgendaStepPayloadSchema>;
export type AnsweringSetPayload = Static<typeof S.AnsweringSetPayloadSchema>;
export type AnsweringKeepPayload = Static<typeof S.AnsweringKeepPayloadSchema>;
export type DisplaySetPayload = Static<typeof S.DisplaySetPayloadSchema>;
export type EmptyPayload = Static<typeof S.EmptyPayloadSchema>;
export type FacilitatorAuth = Static<typeof S.FacilitatorAuthSchema>;
export type FacilitatorScreen = Static<typeof S.FacilitatorScreenSchema>;
export type FacilitatorCommentBody = Static<typeof S.FacilitatorCommentBodySchema>;
export type CreateSessionBody = Static<typeof S.CreateSessionBodySchema>;
export type SessionDetailsBody = Static<typeof S.SessionDetailsBodySchema>;
export type CreateSeriesBody = Static<typeof S.CreateSeriesBodySchema>;
export type RetentionBody = Static<typeof S.RetentionBodySchema>;
export type SaveTemplateBody = Static<typeof S.SaveTemplateBodySchema>;
export type CreatedSession = Static<typeof S.CreatedSessionSchema>;
export type TemplateSummary = Static<typeof S.TemplateSummarySchema>;
export type JoinCheck = Static<typeof S.JoinCheckSchema>;
export type SalaRole = Static<typeof S.SalaRoleSchema>;
export type BreakoutFormPayload = Static<typeof S.BreakoutFormPayloadSchema>;
export type SalaChoosePayload = Static<typeof S.SalaChoosePayloadSchema>;
export type SalaMovePayload = Static<typeof S.SalaMovePayloadSchema>;
export type SalaUpdatePayload = Static<typeof S.SalaUpdatePayloadSchema>;
export type RoleClaimPayload = Static<typeof S.RoleClaimPayloadSchema>;
export type RoleAssignPayload = Static<typeof S.RoleAssignPayloadSchema>;
export type TimerControlPayload = Static<typeof S.TimerControlPayloadSchema>;
export type BroadcastPayload = Static<typeof S.BroadcastPayloadSchema>;
export type SalaNumbersPayload = Static<typeof S.SalaNumbersPayloadSchema>;
export type SynthesisContent = Static<typeof S.SynthesisContentSchema>;
export type SynthesisSavePayload = Static<typeof S.SynthesisSavePayloadSchema>;
export type SynthesisSubmitPayload = Static<typeof S.SynthesisSubmitPayloadSchema>;
export type SynthesisReopenPayload = Static<typeof S.SynthesisReopenPayloadSchema>;
export type SynthesisHidePayload = Static<typeof S.SynthesisHidePayloadSchema>;
export type SynthesisTimerPayload = Static<typeof S.SynthesisTimerPayloadSchema>;
export type PlenaryFocusPayload = Static<typeof S.PlenaryFocusPayloadSchema>;
export type HandRaisePayload = Static<typeof S.HandRaisePayloadSchema>;
export type HandLowerPayload = Static<typeof S.HandLowerPayloadSchema>;
export type FloorGivePayload = Static<typeof S.FloorGivePayloadSchema>;
export type TurnTimerPayload = Static<typeof S.TurnTimerPayloadSchema>;
export type SalaCallPayload = Static<typeof S.SalaCallPayloadSchema>;

/** A sala's results on one question, or why there are none. */
export type SalaResults = { suppressed: false; results: ActivityResults } | { suppressed: true; results: null };

/**
 * Each sala's own answers to the questions before the breakout, beside the whole room's.
 * A sala figure is suppressed where fewer than LIMITS.smallGroupMin of its members answered.
 */
export interface SalaNumbersView {
  activityId: string;
  /** The questions counted, in agenda order. */
  questionIds: string[];
  room: Record<string, ActivityResults>;
  salas: Array<{ salaId: string; results: Record<string, SalaResults> }>;
}

/** Writing of the syntheses: not started, open (timed; the deadline only warns), closed. */
export type SynthesisPhase = 'pending' | 'writing' | 'closed';

/** One sala's synthesis. `content` is there for those who may read it (see SynthesisView). */
export interface SalaSynthesis {
  salaId: string;
  /** 0 until the first save. */
  version: number;
  submittedAt: number | null;
  /** Hidden from the plenary screen by the facilitator (kept, not deleted). */
  hidden: boolean;
  updatedAt: number | null;
  /** When the first version was saved (notes may start during the conversation, before the writing step). */
  firstSavedAt: number | null;
  content: SynthesisContent | null;
}

/**
 * The syntheses of one synthesis activity. Facilitators receive every sala's content;
 * participants only their own sala's.
 */
export interface SynthesisView {
  activityId: string;
  /** The breakout whose salas write: the nearest one before this activity in the agenda. */
  breakoutActivityId: string;
  phase: SynthesisPhase;
  timer: TimerView;
  focus: { fieldKey: string | null; spotlightSalaId: string | null };
  salas: SalaSynthesis[];
  /** The writing closed by the facilitator that can still be reopened with its time (an undo), or null. */
  ended: EndedPhase<SynthesisPhase> | null;
}

/**
 * Phases of a breakout, as in the seed: salas not formed yet; part one (introduce yourselves,
 * designate roles); part two (timed discussion); the return countdown; closed.
 */
export type BreakoutPhase = 'pending' | 'intro' | 'discussion' | 'return' | 'closed';

/** A phase's clock. Deadlines are server-clock epoch milliseconds. */
export interface TimerView {
  /** When the running phase ends; null when untimed or paused. */
  deadline: number | null;
  /** Time left while paused; null otherwise. */
  pausedRemainingMs: number | null;
  /** The server's clock when this view was sent, so clients correct for their own clock's offset. */
  serverNow: number;
}

/**
 * A phase the facilitator ended early, which an undo brings back until `until` (server clock):
 * the phase, and the time it had left, running or paused (null: it was untimed).
 */
export interface EndedPhase<P extends string> {
  phase: P;
  remainingMs: number | null;
  paused: boolean;
  until: number;
}

export interface SalaMember {
  participantId: string;
  /** Join order in the session ("Participante 12" when no display name). */
  number: number;
  displayName: string | null;
}

export interface SalaView {
  id: string;
  name: string;
  videoUrl: string | null;
  members: SalaMember[];
  roles: Record<SalaRole, string | null>;
}

/**
 * A sala's turns to speak, held by the server: hands raised in order, who has the floor, the
 * turn's countdown, and a call to the facilitator waiting to be acknowledged. Facilitators get
 * every sala's; a participant only their own sala's.
 */
export interface SalaTurnsView {
  /** The breakout activity. */
  activityId: string;
  salaId: string;
  /** Participant ids of the members with a hand raised, first raised first. */
  queue: string[];
  /** Who is speaking, since when (server clock); null: nobody has the floor. */
  floor: { participantId: string; since: number } | null;
  /** The turn's countdown, when the moderator started one: its deadline (server clock) and length. */
  timer: { deadline: number; seconds: number } | null;
  /** Turns given so far in this sala (the report counts these, never who spoke). */
  turns: number;
  /** The moderator's or secretary's call to the facilitator, until the facilitator acknowledges it. */
  call: { at: number; role: SalaRole } | null;
  serverNow: number;
}

export interface BreakoutView {
  activityId: string;
  phase: BreakoutPhase;
  timer: TimerView;
  salas: SalaView[];
  /** The facilitator's latest broadcast to all salas. */
  message: { text: string; at: number } | null;
  /** The phase ended early that the facilitator can still bring back, or null. */
  ended: EndedPhase<BreakoutPhase> | null;
}

/** Answering of one activity: never opened yet, open, or closed (answers refused). */
export type AnsweringStatus = 'idle' | 'open' | 'closed';
export type SessionStatus = 'open' | 'closed';

/** Where the session is: what the presenter shows and whether answers are taken. */
export interface LiveState {
  currentActivityId: string | null;
  resultsVisible: boolean;
  blank: boolean;
  /** The presenter screen receives and shows the activities' notes (the facilitator asked for it). */
  presenterNotes: boolean;
  answering: Record<string, AnsweringStatus>;
  /** Questions whose answering stays open when the facilitator moves on (the others close), in agenda order. */
  keepOpen: string[];
  participantCount: number;
  status: SessionStatus;
}

/** What everyone in a session may know of it. */
export interface SessionView {
  id: string;
  code: string;
  title: string;
  createdAt: number;
  /** The language the session's phones and projector speak (a person's own pick wins on their phone). */
  locale: Locale;
  agenda: Activity[];
  live: LiveState;
  /** Link participants open (also the QR's content). */
  joinUrl: string;
}

export interface ChoiceResults {
  kind: 'choice';
  respondents: number;
  counts: Record<string, number>;
}

export interface RatingItemResults {
  /** counts[0] is the number of 1s … counts[4] the number of 5s. */
  counts: [number, number, number, number, number];
  n: number;
  mean: number | null;
}

export interface RatingResults {
  kind: 'rating';
  respondents: number;
  items: Record<string, RatingItemResults>;
}

export interface OpenResults {
  kind: 'open';
  respondents: number;
  /** Newest first. Participants never receive hidden ones; facilitators see them flagged. */
  answers: Array<{ id: string; text: string; hidden: boolean }>;
  /** The cloud: hidden answers are not counted. */
  words: Array<{ word: string; count: number }>;
}

export interface RankingItemResults {
  /** positions[0] is how many put it first … positions[K-1] how many put it K-th (K: the ranked places). */
  positions: number[];
  /** Mean place over every respondent, an item left out of a top-K answer counting as K+1; null when nobody answered. */
  meanPosition: number | null;
}

export interface RankingResults {
  kind: 'ranking';
  respondents: number;
  items: Record<string, RankingItemResults>;
}

export interface PointsItemResults {
  /** Mean points over every respondent (an item left out got 0); null when nobody answered. */
  mean: number | null;
  /** Respondents by share of the budget given: 0, up to 25 %, up to 50 %, up to 75 %, up to 100 %. */
  distribution: [number, number, number, number, number];
}

export interface PointsResults {
  kind: 'points';
  respondents: number;
  budget: number;
  items: Record<string, PointsItemResults>;
}

export type ActivityResults = ChoiceResults | RatingResults | RankingResults | PointsResults | OpenResults;

/** Full state a client needs after (re)connecting: the server is the source of truth. */
export interface SessionSnapshot {
  session: SessionView;
  /** State of every breakout activity that has started (salas, roles, phase, timer). */
  breakouts: Record<string, BreakoutView>;
  /** Syntheses of every synthesis activity whose salas are formed, as the receiver may see them. */
  syntheses: Record<string, SynthesisView>;
  /** Turns to speak by sala id: every formed sala's for facilitators, a participant's own salas'. */
  turns: Record<string, SalaTurnsView>;
  /** Results the receiver may see: all for facilitators; for participants, the current activity's when shown. */
  results: Record<string, ActivityResults>;
  /** Q&A activities' questions by activity id, as the receiver may see them. */
  qa: Record<string, QaBoard>;
}

export interface ParticipantSnapshot extends SessionSnapshot {
  participantId: string;
  displayName: string | null;
  /** The agency this participant said they come from; null: not said. */
  agency: string | null;
  /** The session's agencies, to pick from (empty: the session lists none). */
  agencies: string[];
  /** This participant's own answers, by activity id. */
  myAnswers: Record<string, AnswerValue>;
  /** This participant's own questions and votes in Q&A activities, by activity id. */
  myQa: Record<string, QaMine>;
}

export interface JoinResult {
  /** Keep it: it brings this participant back with their answers. */
  participantToken: string;
  snapshot: ParticipantSnapshot;
}

export interface AnswerReceipt {
  activityId: string;
  value: AnswerValue;
  /** True when this clientAnswerId had already been stored (a retry): nothing was counted twice. */
  duplicate: boolean;
}

/** The facilitator's comments and analysis of one activity ("Comentarios y análisis"), kept per session. */
export interface FacilitatorComment {
  activityId: string;
  text: string;
  /** When last saved (ms since 1970). */
  updatedAt: number;
}

/** An activity that takes comments, as the workspace lists them: its place and title, and the comment if any. */
export interface CommentedActivity {
  activityId: string;
  /** 1-based place in the agenda. */
  position: number;
  kind: ActivityKind;
  title: string;
  comment: FacilitatorComment | null;
}

/** An agenda as exported and imported: versioned JSON (docs/agenda-format.md). */
export interface AgendaDocument {
  format: 'plenario-agenda';
  version: 1;
  title: string;
  activities: Activity[];
}
