/**
 * The Socket.IO contract, declared once for server and client (generics reversed on the client).
 * Every client event carries one payload and an ack; the server validates the payload against
 * its schema in schemas.ts before anything else. See docs/protocol.md.
 */
import type {
  CommitmentFindPayload,
  CommitmentFound,
  CommitmentReviewPayload,
  CommitmentTally,
  CommitmentTallyPayload,
  CommitmentWritePayload,
  CommitmentWritten,
} from './commitment.ts';
import type { ErrorBody } from './errors.ts';
import type { QaAnsweredPayload, QaAskPayload, QaBoard, QaHighlightPayload, QaMine, QaStatusPayload, QaVotePayload } from './qa.ts';
import type { ExperienceDeletePayload, ExperienceListPayload, ExperienceSavePayload, ExperienceView } from './experience.ts';
import type {
  ActivityResults,
  AgencySetPayload,
  AgendaGotoPayload,
  AgendaActivityPayload,
  AgendaChange,
  AgendaInsertPayload,
  AgendaMovePayload,
  AgendaRestorePayload,
  AgendaUpdatePayload,
  Activity,
  AgendaStepPayload,
  AnswerReceipt,
  AnswerSubmitPayload,
  AnswerHidePayload,
  BreakoutFormPayload,
  BreakoutView,
  BroadcastPayload,
  RoleAssignPayload,
  RoleClaimPayload,
  SalaChoosePayload,
  SalaMovePayload,
  SalaUpdatePayload,
  SalaNumbersPayload,
  SalaNumbersView,
  SalaTurnsView,
  HandRaisePayload,
  HandLowerPayload,
  FloorGivePayload,
  TurnTimerPayload,
  SalaCallPayload,
  PlenaryFocusPayload,
  SynthesisHidePayload,
  SynthesisReopenPayload,
  SynthesisSavePayload,
  SynthesisSubmitPayload,
  SynthesisTimerPayload,
  SynthesisView,
  TimerControlPayload,
  AnsweringSetPayload,
  AnsweringKeepPayload,
  DisplaySetPayload,
  EmptyPayload,
  FacilitatorScreen,
  JoinPayload,
  JoinResult,
  LiveState,
  ParticipantSnapshot,
  SessionSnapshot,
} from './types.ts';

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type AckCallback<T> = (response: Ack<T>) => void;

export interface ClientToServerEvents {
  /** Participant: join by code (or come back with a token). */
  'session:join': (payload: JoinPayload, ack: AckCallback<JoinResult>) => void;
  /** Participant: change the agency they said (null: not said); answers with their snapshot. */
  'participant:agency': (payload: AgencySetPayload, ack: AckCallback<ParticipantSnapshot>) => void;
  /** Participant: answer the activity, or change the answer while answering is open. */
  'answer:submit': (payload: AnswerSubmitPayload, ack: AckCallback<AnswerReceipt>) => void;
  /** Facilitator: hide an open answer from every screen (moderation), or show it again. */
  'answer:hide': (payload: AnswerHidePayload, ack: AckCallback<ActivityResults>) => void;
  /** Facilitator: add an activity at a place in the agenda. */
  'agenda:insert': (payload: AgendaInsertPayload, ack: AckCallback<AgendaChange>) => void;
  /** Facilitator: change an activity's texts and settings; edits that would corrupt answers are refused. */
  'agenda:update': (payload: AgendaUpdatePayload, ack: AckCallback<AgendaChange>) => void;
  /** Facilitator: move an activity to another place. */
  'agenda:move': (payload: AgendaMovePayload, ack: AckCallback<AgendaChange>) => void;
  /** Facilitator: copy an activity, right after it. */
  'agenda:duplicate': (payload: AgendaActivityPayload, ack: AckCallback<AgendaChange>) => void;
  /** Facilitator: delete an activity; it is kept (with its answers) so that it can be restored. */
  'agenda:delete': (payload: AgendaActivityPayload, ack: AckCallback<AgendaChange>) => void;
  /** Facilitator: undo a deletion, putting the activity back at index. */
  'agenda:restore': (payload: AgendaRestorePayload, ack: AckCallback<AgendaChange>) => void;
  /** Facilitator: show an activity (null: the join screen). */
  'agenda:goto': (payload: AgendaGotoPayload, ack: AckCallback<LiveState>) => void;
  /** Facilitator: next or previous activity. */
  'agenda:step': (payload: AgendaStepPayload, ack: AckCallback<LiveState>) => void;
  /** Facilitator: open or close answering of an activity. */
  'answering:set': (payload: AnsweringSetPayload, ack: AckCallback<LiveState>) => void;
  /** Facilitator: keep a question's answering open when moving on from it, or let it close (the default). */
  'answering:keep': (payload: AnsweringKeepPayload, ack: AckCallback<LiveState>) => void;
  /** Facilitator: show or hide results, blank or unblank the presenter screen. */
  'display:set': (payload: DisplaySetPayload, ack: AckCallback<LiveState>) => void;
  /** Facilitator: end the session; its code is freed and joining is refused. */
  'session:close': (payload: EmptyPayload, ack: AckCallback<LiveState>) => void;
  /** Facilitator: form the salas of a breakout (random: deals everyone out; self: empty salas to choose). */
  'breakout:form': (payload: BreakoutFormPayload, ack: AckCallback<BreakoutView>) => void;
  /** Facilitator: start, pause, resume, add time to or end the current phase. */
  'breakout:timer': (payload: TimerControlPayload, ack: AckCallback<BreakoutView>) => void;
  /** Facilitator: a short message to every sala ("Quedan 5 minutos"). */
  'breakout:broadcast': (payload: BroadcastPayload, ack: AckCallback<BreakoutView>) => void;
  /** Facilitator: move a participant to another sala. */
  'sala:move': (payload: SalaMovePayload, ack: AckCallback<BreakoutView>) => void;
  /** Facilitator: rename a sala or set its video-call link. */
  'sala:update': (payload: SalaUpdatePayload, ack: AckCallback<BreakoutView>) => void;
  /** Facilitator: give a role to a member of the sala, or clear it (participantId null). */
  'role:assign': (payload: RoleAssignPayload, ack: AckCallback<BreakoutView>) => void;
  /** Participant (self mode): choose one's own sala. */
  'sala:choose': (payload: SalaChoosePayload, ack: AckCallback<BreakoutView>) => void;
  /** Participant: claim a free role in one's own sala; of simultaneous claims exactly one wins. */
  'role:claim': (payload: RoleClaimPayload, ack: AckCallback<BreakoutView>) => void;
  /** Participant: give up one's own role. */
  'role:release': (payload: RoleClaimPayload, ack: AckCallback<BreakoutView>) => void;
  /**
   * A sala's own numbers beside the room's, for the earlier questions: a participant gets
   * their own sala's, the facilitator every sala's. Small groups are suppressed.
   */
  'sala:numbers': (payload: SalaNumbersPayload, ack: AckCallback<SalaNumbersView>) => void;
  /** Member: raise a hand in one's own sala (again: nothing changes). */
  'hand:raise': (payload: HandRaisePayload, ack: AckCallback<SalaTurnsView>) => void;
  /** Member: lower one's own hand; the moderator or the facilitator: someone else's. */
  'hand:lower': (payload: HandLowerPayload, ack: AckCallback<SalaTurnsView>) => void;
  /** Moderator (or facilitator): give the floor to a member of the sala (counted as a turn), or take it back (null). */
  'floor:give': (payload: FloorGivePayload, ack: AckCallback<SalaTurnsView>) => void;
  /** Moderator (or facilitator): start or stop the countdown of the turn under way. */
  'turn:timer': (payload: TurnTimerPayload, ack: AckCallback<SalaTurnsView>) => void;
  /** Moderator or secretary: call the facilitator to the sala (a call already waiting is not repeated). */
  'facilitator:call': (payload: SalaCallPayload, ack: AckCallback<SalaTurnsView>) => void;
  /** Facilitator: acknowledge a sala's call. */
  'facilitator:acknowledge': (payload: SalaCallPayload, ack: AckCallback<SalaTurnsView>) => void;
  /** Secretary (or facilitator): save the sala's draft; refused on a stale baseVersion. */
  'synthesis:save': (payload: SynthesisSavePayload, ack: AckCallback<SynthesisView>) => void;
  /** Secretary (or facilitator): submit the version they see; it is then locked. */
  'synthesis:submit': (payload: SynthesisSubmitPayload, ack: AckCallback<SynthesisView>) => void;
  /** Facilitator: unlock a submitted synthesis. */
  'synthesis:reopen': (payload: SynthesisReopenPayload, ack: AckCallback<SynthesisView>) => void;
  /** Facilitator: hide or show a sala's card on the plenary screen. */
  'synthesis:hide': (payload: SynthesisHidePayload, ack: AckCallback<SynthesisView>) => void;
  /** Facilitator: start, pause, resume, add time to, or end (close) the writing. */
  'synthesis:timer': (payload: SynthesisTimerPayload, ack: AckCallback<SynthesisView>) => void;
  /** Facilitator: what the plenary screen shows. */
  'plenary:focus': (payload: PlenaryFocusPayload, ack: AckCallback<SynthesisView>) => void;
  /** Participant: write (or rewrite, while it is on screen) their own commitment; the text goes nowhere else. */
  'commitment:write': (payload: CommitmentWritePayload, ack: AckCallback<CommitmentWritten>) => void;
  /** Participant, at a follow-up: find their own commitment by this browser's key or its short code. */
  'commitment:find': (payload: CommitmentFindPayload, ack: AckCallback<CommitmentFound>) => void;
  /** Participant, at a follow-up: say whether they did it (may change it while it is on screen). */
  'commitment:review': (payload: CommitmentReviewPayload, ack: AckCallback<CommitmentFound>) => void;
  /** Anyone in the session: the counts of a commitment activity (never a text). */
  'commitment:tally': (payload: CommitmentTallyPayload, ack: AckCallback<CommitmentTally>) => void;
  /** Participant: ask a question in a Q&A activity (a retry with the same clientQuestionId is stored once). */
  'qa:ask': (payload: QaAskPayload, ack: AckCallback<QaMine>) => void;
  /** Participant: upvote someone else's question (one vote each), or withdraw the vote. */
  'qa:vote': (payload: QaVotePayload, ack: AckCallback<QaMine>) => void;
  /** Facilitator: show (approve) or hide a question. */
  'qa:status': (payload: QaStatusPayload, ack: AckCallback<QaBoard>) => void;
  /** Facilitator: mark a question answered, or not. */
  'qa:answered': (payload: QaAnsweredPayload, ack: AckCallback<QaBoard>) => void;
  /** Facilitator: put a question on the projector in large type, or take it off (null). */
  'qa:highlight': (payload: QaHighlightPayload, ack: AckCallback<QaBoard>) => void;
  /** Anyone in the session: the experience cards of an activity, as the asker may see them. */
  'experience:list': (payload: ExperienceListPayload, ack: AckCallback<ExperienceView>) => void;
  /** Secretary (synthesis) or participant (experience activity): create or replace a card. */
  'experience:save': (payload: ExperienceSavePayload, ack: AckCallback<ExperienceView>) => void;
  /** Whoever may write the card: delete it. */
  'experience:delete': (payload: ExperienceDeletePayload, ack: AckCallback<ExperienceView>) => void;
  /** Anyone joined: ask for a full snapshot again. */
  'session:sync': (payload: EmptyPayload, ack: AckCallback<SessionSnapshot>) => void;
}

export interface ServerToClientEvents {
  /** Full state, sent to a facilitator socket as soon as it connects. */
  'session:snapshot': (snapshot: SessionSnapshot) => void;
  /** Where the session is; coalesced, sent to everyone in the session. */
  'session:live': (live: LiveState) => void;
  /** Aggregates of one activity; coalesced per session (at most every PUBLISH_INTERVAL_MS). */
  'results:updated': (update: { activityId: string; results: ActivityResults }) => void;
  /** A breakout's salas, roles, phase and timer; coalesced, sent to everyone in the session. */
  'breakout:updated': (breakout: BreakoutView) => void;
  /**
   * The agenda changed (the facilitator edited it); sent to everyone in the session, its presenter
   * notes only to the screens that receive them (never phones; the presenter screen when asked).
   */
  'agenda:updated': (update: { agenda: Activity[] }) => void;
  /** A synthesis activity changed; each receiver gets the view it may see (coalesced). */
  'synthesis:updated': (synthesis: SynthesisView) => void;
  /** A commitment activity's counts changed; sent to the facilitator screens (coalesced). */
  'commitment:tally': (tally: CommitmentTally) => void;
  /** An activity's experience cards changed; each receiver gets the view it may see. */
  'experiences:updated': (experiences: ExperienceView) => void;
  /** A sala's turns changed; sent to facilitators and that sala's members (coalesced). */
  'turns:updated': (turns: SalaTurnsView) => void;
  /** A Q&A activity's questions changed; facilitators get every question, participants the shown ones (coalesced). */
  'qa:updated': (board: QaBoard) => void;
  /** One participant's own questions changed (approved, hidden, answered): sent to that participant only. */
  'qa:mine': (mine: QaMine) => void;
}

/** The name of an event a client sends. */
export type ClientEvent = keyof ClientToServerEvents;

// Spelled as socket.io-client types `emitWithAck` (its arguments: every parameter of the event
// but the ack callback; its result: the callback's argument) and, like it, distributing over a
// union of events. So code generic in the event hands the payload on and gets the ack back typed,
// with no cast. `socket.timeout(ms)` loses the ack's type (socketio/socket.io#4925): emitters set
// the socket's `ackTimeout` option instead.
type AllButLast<T extends unknown[]> = T extends [...infer Head, infer _Last] ? Head : never;
type Last<T extends unknown[]> = T extends [...infer _Head, infer Tail] ? Tail : never;
type FirstArg<F> = F extends (arg: infer Arg) => infer _Result ? Arg : unknown;

/** What a client event is emitted with before its ack callback: `[payload]`. */
export type EmitArgs<E extends ClientEvent> = AllButLast<Parameters<ClientToServerEvents[E]>>;
/** The payload of a client event. */
export type PayloadOf<E extends ClientEvent> = EmitArgs<E>[0];
/** What the server acknowledges a client event with: `Ack<T>`, T being the event's result. */
export type AckOf<E extends ClientEvent> = FirstArg<Last<Parameters<ClientToServerEvents[E]>>>;

/** Who a socket speaks for, once authorised (handshake for facilitators, session:join for participants). */
export type SocketAuth =
  | { role: 'facilitator'; sessionId: string; screen: FacilitatorScreen }
  | { role: 'participant'; sessionId: string; participantId: string }
  | { role: 'anonymous' };

/** What the server remembers about a socket. */
export interface SocketData {
  auth: SocketAuth;
  /** The client's address, read once from the handshake, for the limits on guessing join codes. */
  address: string;
  /** Join codes this connection tried that opened no session. */
  joinMisses: number;
}
