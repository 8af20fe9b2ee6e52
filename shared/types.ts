/** Types of the wire: Static<> of the payload schemas, and the shapes the server sends. */
import type { Static } from 'typebox';
import type * as S from './schemas.ts';

export type Bullet = Static<typeof S.BulletSchema>;
export type Option = Static<typeof S.OptionSchema>;
export type ContentActivity = Static<typeof S.ContentActivitySchema>;
export type ChoiceActivity = Static<typeof S.ChoiceActivitySchema>;
export type RatingActivity = Static<typeof S.RatingActivitySchema>;
export type Activity = Static<typeof S.ActivitySchema>;
export type ActivityKind = Activity['kind'];
/** The activities that take answers. */
export type QuestionActivity = ChoiceActivity | RatingActivity;
export type Template = Static<typeof S.TemplateSchema>;

export type ChoiceAnswer = Static<typeof S.ChoiceAnswerSchema>;
export type RatingAnswer = Static<typeof S.RatingAnswerSchema>;
export type AnswerValue = Static<typeof S.AnswerValueSchema>;

export type JoinPayload = Static<typeof S.JoinPayloadSchema>;
export type AnswerSubmitPayload = Static<typeof S.AnswerSubmitPayloadSchema>;
export type AgendaGotoPayload = Static<typeof S.AgendaGotoPayloadSchema>;
export type AgendaStepPayload = Static<typeof S.AgendaStepPayloadSchema>;
export type AnsweringSetPayload = Static<typeof S.AnsweringSetPayloadSchema>;
export type DisplaySetPayload = Static<typeof S.DisplaySetPayloadSchema>;
export type EmptyPayload = Static<typeof S.EmptyPayloadSchema>;
export type FacilitatorAuth = Static<typeof S.FacilitatorAuthSchema>;
export type CreateSessionBody = Static<typeof S.CreateSessionBodySchema>;

/** Answering of one activity: never opened yet, open, or closed (answers refused). */
export type AnsweringStatus = 'idle' | 'open' | 'closed';
export type SessionStatus = 'open' | 'closed';

/** Where the session is: what the presenter shows and whether answers are taken. */
export interface LiveState {
  currentActivityId: string | null;
  resultsVisible: boolean;
  blank: boolean;
  answering: Record<string, AnsweringStatus>;
  participantCount: number;
  status: SessionStatus;
}

/** What everyone in a session may know of it. */
export interface SessionView {
  id: string;
  code: string;
  title: string;
  createdAt: number;
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

export type ActivityResults = ChoiceResults | RatingResults;

/** Full state a client needs after (re)connecting: the server is the source of truth. */
export interface SessionSnapshot {
  session: SessionView;
  /** Results the receiver may see: all for facilitators; for participants, the current activity's when shown. */
  results: Record<string, ActivityResults>;
}

export interface ParticipantSnapshot extends SessionSnapshot {
  participantId: string;
  displayName: string | null;
  /** This participant's own answers, by activity id. */
  myAnswers: Record<string, AnswerValue>;
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

export interface CreatedSession {
  id: string;
  code: string;
  facilitatorToken: string;
  joinUrl: string;
  presenterUrl: string;
  facilitatorUrl: string;
}

export interface TemplateSummary {
  id: string;
  title: string;
}
