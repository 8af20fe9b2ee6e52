/**
 * One TypeBox schema per payload and body. The server validates every incoming payload
 * against these before anything else; the client uses the derived types (types.ts).
 */
import { Type } from 'typebox';
import { JOIN_KEY_PATTERN } from './join-code.ts';
import { LIMITS } from './limits.ts';

const strict = { additionalProperties: false } as const;

/** Url-safe ids, as nanoid makes them (and the template's own option/item ids). */
export const IdSchema = Type.String({ minLength: 1, maxLength: LIMITS.idMax, pattern: '^[A-Za-z0-9_-]+$' });
export const JoinCodeSchema = Type.String({ pattern: `^[0-9]{${LIMITS.joinCodeLength}}$` });
/** The key of a session's join link and QR (see shared/join-code.ts). */
export const JoinKeySchema = Type.String({ pattern: JOIN_KEY_PATTERN });
export const TokenSchema = Type.String({ minLength: 16, maxLength: LIMITS.tokenMax, pattern: '^[A-Za-z0-9_-]+$' });

/** A language of the interface (shared/i18n's LOCALES): a session's, for its phones and projector. */
export const LocaleSchema = Type.Union([Type.Literal('es-CL'), Type.Literal('en')]);

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

// ---------- Agenda ----------

/** A bullet point; level 0 is a point, 1 a sub-point of the one before, 2 a sub-point of that (the seed's slides go three deep). */
export const BulletSchema = Type.Object(
  { text: Text(LIMITS.bulletTextMax), level: Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)]) },
  strict,
);

const activityBase = {
  id: IdSchema,
  title: Text(LIMITS.activityTitleMax),
  /** A line above the title, like the seed's "Retomando…". */
  section: Type.Optional(Text(LIMITS.activityTitleMax)),
  /** A text shown under the title (a slide's subtitle, a question's clarification). */
  body: Type.Optional(Text(LIMITS.activityBodyMax)),
  /**
   * Presenter notes: what the facilitator wants to remember to say or do. Only facilitator
   * screens receive them: never a phone, and the presenter screen only when the facilitator
   * asks for it (LiveState.presenterNotes).
   */
  notes: Type.Optional(Text(LIMITS.activityNotesMax)),
};

/** What questions add: a premise shown before the question, as the seed puts its statement before "¿Se trata…?". */
const questionBase = {
  ...activityBase,
  premise: Type.Optional(Text(LIMITS.activityBodyMax)),
};

/**
 * How a content slide is drawn: `list` (the default, when absent) as bullet points; `pillars` as
 * the seed's diagram of the five axes, the first-level points as pillars standing on a base
 * made of the deeper points, top to bottom.
 */
export const ContentLayoutSchema = Type.Union([Type.Literal('list'), Type.Literal('pillars')]);

export const ContentActivitySchema = Type.Object(
  {
    ...activityBase,
    kind: Type.Literal('content'),
    bullets: Type.Array(BulletSchema, { maxItems: LIMITS.bulletsMax }),
    layout: Type.Optional(ContentLayoutSchema),
  },
  strict,
);

export const OptionSchema = Type.Object({ id: IdSchema, label: Text(LIMITS.optionLabelMax) }, strict);

/** A choice's option; an exclusive one ("Nada") cannot be chosen together with another. */
export const ChoiceOptionSchema = Type.Object(
  { id: IdSchema, label: Text(LIMITS.optionLabelMax), exclusive: Type.Optional(Type.Boolean()) },
  strict,
);

export const ChoiceActivitySchema = Type.Object(
  {
    ...questionBase,
    kind: Type.Literal('choice'),
    multiple: Type.Boolean(),
    options: Type.Array(ChoiceOptionSchema, { minItems: LIMITS.optionsMin, maxItems: LIMITS.optionsMax }),
  },
  strict,
);

export const RatingActivitySchema = Type.Object(
  {
    ...questionBase,
    kind: Type.Literal('rating'),
    items: Type.Array(OptionSchema, { minItems: LIMITS.ratingItemsMin, maxItems: LIMITS.ratingItemsMax }),
    minLabel: Type.Optional(Text(LIMITS.optionLabelMax)),
    maxLabel: Type.Optional(Text(LIMITS.optionLabelMax)),
  },
  strict,
);

/** Order the items, best first: every one, or only the first `rankTop` (the rest are left unranked). */
export const RankingActivitySchema = Type.Object(
  {
    ...questionBase,
    kind: Type.Literal('ranking'),
    items: Type.Array(OptionSchema, { minItems: LIMITS.rankingItemsMin, maxItems: LIMITS.rankingItemsMax }),
    rankTop: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.rankingItemsMax })),
  },
  strict,
);

/** Split a budget of points across the items: all of it, or at most it when `allowUnder`. */
export const PointsActivitySchema = Type.Object(
  {
    ...questionBase,
    kind: Type.Literal('points'),
    items: Type.Array(OptionSchema, { minItems: LIMITS.pointsItemsMin, maxItems: LIMITS.pointsItemsMax }),
    budget: Type.Integer({ minimum: 1, maximum: LIMITS.pointsBudgetMax }),
    allowUnder: Type.Optional(Type.Boolean()),
  },
  strict,
);

/** Free-text answers, shown as a word cloud or a list. */
export const OpenActivitySchema = Type.Object(
  {
    ...questionBase,
    kind: Type.Literal('open'),
    maxLength: Type.Integer({ minimum: 10, maximum: LIMITS.openTextMax }),
    maxPerPerson: Type.Integer({ minimum: 1, maximum: LIMITS.openAnswersPerPersonMax }),
    display: Type.Union([Type.Literal('cloud'), Type.Literal('list')]),
  },
  strict,
);

/**
 * A guide question for the salas; `items` splits it in parts (the seed's question 2, per axis);
 * `supportOptions` are kinds the secretary may tick in the synthesis (the seed's question 3).
 */
export const GuideQuestionSchema = Type.Object(
  {
    id: IdSchema,
    text: Text(LIMITS.activityTitleMax),
    items: Type.Optional(Type.Array(OptionSchema, { maxItems: LIMITS.ratingItemsMax })),
    supportOptions: Type.Optional(Type.Array(OptionSchema, { maxItems: LIMITS.optionsMax })),
  },
  strict,
);

/** How many salas: a fixed count, or as many as needed for a target size. */
export const SalaSizingSchema = Type.Union([
  Type.Object({ by: Type.Literal('count'), count: Type.Integer({ minimum: 1, maximum: LIMITS.salasMax }) }, strict),
  Type.Object({ by: Type.Literal('size'), size: Type.Integer({ minimum: 2, maximum: LIMITS.salaSizeMax }) }, strict),
]);

/**
 * random: the server deals people out at random, sizes differing by at most one; self: people
 * choose; mixAgencies: dealt like random, with as few people of one agency in a sala as the numbers allow.
 */
export const GroupingModeSchema = Type.Union([Type.Literal('random'), Type.Literal('self'), Type.Literal('mixAgencies')]);

export const BreakoutActivitySchema = Type.Object(
  {
    ...activityBase,
    kind: Type.Literal('breakout'),
    /** What to do in the salas (the seed's "Primera parte" and "Segunda parte"). */
    instructions: Type.Array(BulletSchema, { maxItems: LIMITS.bulletsMax }),
    sizing: SalaSizingSchema,
    mode: GroupingModeSchema,
    questions: Type.Array(GuideQuestionSchema, { maxItems: LIMITS.guideQuestionsMax }),
    discussionSeconds: Type.Integer({ minimum: 60, maximum: LIMITS.phaseSecondsMax }),
    returnSeconds: Type.Integer({ minimum: 10, maximum: 3600 }),
  },
  strict,
);

/**
 * The salas' syntheses of the breakout just before it in the agenda: the writing (with its own
 * timer) and then the plenary screen.
 */
export const SynthesisActivitySchema = Type.Object(
  { ...activityBase, kind: Type.Literal('synthesis'), seconds: Type.Integer({ minimum: 60, maximum: LIMITS.phaseSecondsMax }) },
  strict,
);

/**
 * A commitment until the next session (docs/protocol.md, "Commitments"): `write` at the close,
 * where each person writes one privately; `review` at the next session's "Retomando", where
 * each sees their own and says whether they did it. The room sees only counts.
 */
export const CommitmentActivitySchema = Type.Object(
  { ...activityBase, kind: Type.Literal('commitment'), mode: Type.Union([Type.Literal('write'), Type.Literal('review')]) },
  strict,
);

/**
 * Questions from the room (Q&A): participants send short questions and upvote others'. With
 * `moderated`, a question is shown once the facilitator approves it; with `openAllSession`,
 * questions are taken at any time in the session, not only while the activity is on screen.
 */
export const QaActivitySchema = Type.Object(
  {
    ...activityBase,
    kind: Type.Literal('qa'),
    maxLength: Type.Integer({ minimum: 10, maximum: LIMITS.openTextMax }),
    moderated: Type.Boolean(),
    openAllSession: Type.Boolean(),
  },
  strict,
);

/** Experience cards written from the phones while the facilitator keeps it open (shared/experience.ts). */
export const ExperienceActivitySchema = Type.Object({ ...activityBase, kind: Type.Literal('experience') }, strict);

export const ActivitySchema = Type.Union([
  ContentActivitySchema,
  ChoiceActivitySchema,
  RatingActivitySchema,
  RankingActivitySchema,
  PointsActivitySchema,
  OpenActivitySchema,
  BreakoutActivitySchema,
  SynthesisActivitySchema,
  CommitmentActivitySchema,
  QaActivitySchema,
  ExperienceActivitySchema,
]);

/** An activity before it has an id: in template files, and when the facilitator adds one. */
export const ActivityDraftSchema = Type.Union([
  // Omit drops additionalProperties: restate it, so a misspelt field is refused.
  Type.Omit(ContentActivitySchema, ['id'], strict),
  Type.Omit(ChoiceActivitySchema, ['id'], strict),
  Type.Omit(RatingActivitySchema, ['id'], strict),
  Type.Omit(RankingActivitySchema, ['id'], strict),
  Type.Omit(PointsActivitySchema, ['id'], strict),
  Type.Omit(OpenActivitySchema, ['id'], strict),
  Type.Omit(BreakoutActivitySchema, ['id'], strict),
  Type.Omit(SynthesisActivitySchema, ['id'], strict),
  Type.Omit(CommitmentActivitySchema, ['id'], strict),
  Type.Omit(QaActivitySchema, ['id'], strict),
  Type.Omit(ExperienceActivitySchema, ['id'], strict),
]);

/** An activity as written in a template file: ids of activities are assigned at session creation. */
export const TemplateSchema = Type.Object(
  { id: IdSchema, title: Text(LIMITS.sessionTitleMax), activities: Type.Array(ActivityDraftSchema, { maxItems: LIMITS.activitiesMax }) },
  strict,
);

// ---------- Answers ----------

export const RatingValueSchema = Type.Integer({ minimum: LIMITS.ratingMin, maximum: LIMITS.ratingMax });

export const ChoiceAnswerSchema = Type.Object(
  { kind: Type.Literal('choice'), optionIds: Type.Array(IdSchema, { minItems: 1, maxItems: LIMITS.optionsMax }) },
  strict,
);
/** Ratings by item id; a skipped item is simply absent. */
export const RatingAnswerSchema = Type.Object({ kind: Type.Literal('rating'), ratings: Type.Record(IdSchema, RatingValueSchema) }, strict);
/** Item ids best first: all the items, or the activity's first `rankTop`. */
export const RankingAnswerSchema = Type.Object(
  { kind: Type.Literal('ranking'), order: Type.Array(IdSchema, { minItems: 1, maxItems: LIMITS.rankingItemsMax }) },
  strict,
);
/** Points by item id; an item left out has 0. */
export const PointsAnswerSchema = Type.Object(
  {
    kind: Type.Literal('points'),
    points: Type.Record(IdSchema, Type.Integer({ minimum: 0, maximum: LIMITS.pointsBudgetMax }), { maxProperties: LIMITS.pointsItemsMax }),
  },
  strict,
);
/** All of a participant's texts for an open question: sending the list again replaces it. */
export const OpenAnswerSchema = Type.Object(
  {
    kind: Type.Literal('open'),
    texts: Type.Array(Type.String({ minLength: 1, maxLength: LIMITS.openTextMax }), {
      minItems: 1,
      maxItems: LIMITS.openAnswersPerPersonMax,
    }),
  },
  strict,
);
export const AnswerValueSchema = Type.Union([
  ChoiceAnswerSchema,
  RatingAnswerSchema,
  RankingAnswerSchema,
  PointsAnswerSchema,
  OpenAnswerSchema,
]);

// ---------- Socket payloads (client → server) ----------

/** A participant's agency: a name from the session's list (checked by the server), or null. */
const ParticipantAgencySchema = Type.Union([Type.String({ minLength: 1, maxLength: LIMITS.agencyNameMax }), Type.Null()]);

export const JoinPayloadSchema = Type.Object(
  {
    code: JoinCodeSchema,
    /** Present when the browser already joined this session: brings back the same participant. */
    participantToken: Type.Optional(TokenSchema),
    /** The key of the session's link or QR, when the phone came through one: the join is then no guess. */
    joinKey: Type.Optional(JoinKeySchema),
    displayName: Type.Optional(Type.String({ maxLength: LIMITS.displayNameMax })),
    /** One of the session's agencies, or null: not said. Left out: as stored (none, for someone new). */
    agency: Type.Optional(ParticipantAgencySchema),
  },
  strict,
);

/** Participant: change the agency they said (null: "Prefiero no decirlo"). */
export const AgencySetPayloadSchema = Type.Object({ agency: ParticipantAgencySchema }, strict);

export const AnswerSubmitPayloadSchema = Type.Object(
  {
    activityId: IdSchema,
    /** Generated by the client once per answer; a retry carries the same id and never counts twice. */
    clientAnswerId: Type.String({ minLength: 8, maxLength: LIMITS.idMax, pattern: '^[A-Za-z0-9_-]+$' }),
    value: AnswerValueSchema,
  },
  strict,
);

export const AgendaGotoPayloadSchema = Type.Object({ activityId: Type.Union([IdSchema, Type.Null()]) }, strict);
export const AgendaStepPayloadSchema = Type.Object({ direction: Type.Union([Type.Literal('next'), Type.Literal('previous')]) }, strict);
export const AnsweringSetPayloadSchema = Type.Object({ activityId: IdSchema, open: Type.Boolean() }, strict);
/** Whether a question's answering stays open when the facilitator moves on (else it closes). */
export const AnsweringKeepPayloadSchema = Type.Object({ activityId: IdSchema, keepOpen: Type.Boolean() }, strict);
/** Hides (or shows again) one open answer, everywhere it is shown; it is kept, not deleted. */
export const AnswerHidePayloadSchema = Type.Object({ activityId: IdSchema, answerId: IdSchema, hidden: Type.Boolean() }, strict);
export const DisplaySetPayloadSchema = Type.Object(
  {
    resultsVisible: Type.Optional(Type.Boolean()),
    blank: Type.Optional(Type.Boolean()),
    /** Whether the presenter screen receives and shows the activities' notes (off unless asked for). */
    presenterNotes: Type.Optional(Type.Boolean()),
  },
  strict,
);
export const AgendaInsertPayloadSchema = Type.Object(
  { index: Type.Integer({ minimum: 0, maximum: LIMITS.activitiesMax }), activity: ActivityDraftSchema },
  strict,
);
export const AgendaUpdatePayloadSchema = Type.Object({ activity: ActivitySchema }, strict);
export const AgendaMovePayloadSchema = Type.Object(
  { activityId: IdSchema, toIndex: Type.Integer({ minimum: 0, maximum: LIMITS.activitiesMax }) },
  strict,
);
export const AgendaActivityPayloadSchema = Type.Object({ activityId: IdSchema }, strict);
export const AgendaRestorePayloadSchema = Type.Object(
  { activityId: IdSchema, index: Type.Integer({ minimum: 0, maximum: LIMITS.activitiesMax }) },
  strict,
);
export const EmptyPayloadSchema = Type.Object({}, strict);

// ---------- Salas ----------

export const SalaRoleSchema = Type.Union([Type.Literal('moderator'), Type.Literal('secretary')]);
const breakoutRef = { activityId: IdSchema };

export const BreakoutFormPayloadSchema = Type.Object(breakoutRef, strict);
export const SalaChoosePayloadSchema = Type.Object({ ...breakoutRef, salaId: IdSchema }, strict);
export const SalaMovePayloadSchema = Type.Object({ ...breakoutRef, participantId: IdSchema, salaId: IdSchema }, strict);
export const SalaUpdatePayloadSchema = Type.Object(
  {
    ...breakoutRef,
    salaId: IdSchema,
    name: Type.Optional(Text(LIMITS.salaNameMax)),
    /** A video-call link (Teams, Zoom, Meet) for online workshops; empty string removes it. */
    videoUrl: Type.Optional(Type.Union([Type.Literal(''), Type.String({ maxLength: LIMITS.videoUrlMax, pattern: '^https://[^\\s]+$' })])),
  },
  strict,
);
/** Names the sala too: a claim for a sala one is not in (say, after being moved) is refused. */
export const RoleClaimPayloadSchema = Type.Object({ ...breakoutRef, salaId: IdSchema, role: SalaRoleSchema }, strict);
export const RoleAssignPayloadSchema = Type.Object(
  { ...breakoutRef, salaId: IdSchema, role: SalaRoleSchema, participantId: Type.Union([IdSchema, Type.Null()]) },
  strict,
);
/** A facilitator's control of a phase's clock (a breakout's phases, the syntheses' writing). */
const ClockActionSchema = Type.Union([
  Type.Literal('start'),
  Type.Literal('pause'),
  Type.Literal('resume'),
  Type.Literal('add'),
  Type.Literal('end'),
  Type.Literal('undo'),
]);
export const TimerControlPayloadSchema = Type.Object(
  {
    ...breakoutRef,
    /** start: part one → discussion; end: ends the current phase early; undo: takes that end back; add: seconds more. */
    action: ClockActionSchema,
    seconds: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.phaseSecondsMax })),
  },
  strict,
);
export const SalaNumbersPayloadSchema = Type.Object(breakoutRef, strict);
export const BroadcastPayloadSchema = Type.Object(
  { ...breakoutRef, text: Type.String({ minLength: 1, maxLength: LIMITS.broadcastMax }) },
  strict,
);

// ---------- Turns to speak (in a sala) ----------

const salaRef = { ...breakoutRef, salaId: IdSchema };

/** A member raises their hand in their own sala. */
export const HandRaisePayloadSchema = Type.Object(salaRef, strict);
/** Lowers one's own hand; the moderator (or the facilitator) may lower someone else's by naming them. */
export const HandLowerPayloadSchema = Type.Object({ ...salaRef, participantId: Type.Optional(IdSchema) }, strict);
/** The moderator (or the facilitator) gives the floor to a member, or takes it back (null). */
export const FloorGivePayloadSchema = Type.Object({ ...salaRef, participantId: Type.Union([IdSchema, Type.Null()]) }, strict);
/** The moderator starts a countdown for the turn under way (`seconds`, 2 minutes by default), or stops it. */
export const TurnTimerPayloadSchema = Type.Object(
  {
    ...salaRef,
    action: Type.Union([Type.Literal('start'), Type.Literal('stop')]),
    seconds: Type.Optional(Type.Integer({ minimum: LIMITS.turnSecondsMin, maximum: LIMITS.turnSecondsMax })),
  },
  strict,
);
/** The moderator or the secretary calls the facilitator to the sala; the facilitator acknowledges the call. */
export const SalaCallPayloadSchema = Type.Object(salaRef, strict);

// ---------- Syntheses ----------

/** Field keys: a guide question's id, or "questionId.itemId" for a part of it (question 2, per axis). */
export const SynthesisFieldKeySchema = Type.String({
  minLength: 1,
  maxLength: 2 * LIMITS.idMax + 1,
  pattern: '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)?$',
});

export const SynthesisContentSchema = Type.Object(
  {
    fields: Type.Record(SynthesisFieldKeySchema, Type.String({ maxLength: LIMITS.synthesisFieldMax })),
    /** Ids of the support kinds ticked. */
    support: Type.Array(IdSchema, { maxItems: LIMITS.optionsMax }),
  },
  strict,
);

const synthesisRef = { activityId: IdSchema, salaId: IdSchema };

export const SynthesisSavePayloadSchema = Type.Object(
  {
    ...synthesisRef,
    /** The version this edit started from; a save on an older one is refused (STALE_VERSION). */
    baseVersion: Type.Integer({ minimum: 0 }),
    /** Made by the client once per save: a retry of a stored save is acknowledged, not refused. */
    clientSaveId: Type.String({ minLength: 8, maxLength: LIMITS.idMax, pattern: '^[A-Za-z0-9_-]+$' }),
    content: SynthesisContentSchema,
  },
  strict,
);
export const SynthesisSubmitPayloadSchema = Type.Object({ ...synthesisRef, version: Type.Integer({ minimum: 1 }) }, strict);
export const SynthesisReopenPayloadSchema = Type.Object(synthesisRef, strict);
export const SynthesisHidePayloadSchema = Type.Object({ ...synthesisRef, hidden: Type.Boolean() }, strict);
export const SynthesisTimerPayloadSchema = Type.Object(
  {
    activityId: IdSchema,
    action: ClockActionSchema,
    seconds: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.phaseSecondsMax })),
  },
  strict,
);
/** What the plenary screen shows: one field of every sala (null: an overview), and maybe one sala full screen. */
export const PlenaryFocusPayloadSchema = Type.Object(
  {
    activityId: IdSchema,
    fieldKey: Type.Union([SynthesisFieldKeySchema, Type.Null()]),
    spotlightSalaId: Type.Union([IdSchema, Type.Null()]),
  },
  strict,
);

// ---------- Q&A ----------

const qaRef = { activityId: IdSchema };
const qaQuestionRef = { ...qaRef, questionId: IdSchema };

/** Participant: a question for the room; `named` shows their display name with it (anonymous otherwise). */
export const QaAskPayloadSchema = Type.Object(
  {
    ...qaRef,
    /** Made by the client once per question: a retry of a stored question is acknowledged, not stored twice. */
    clientQuestionId: Type.String({ minLength: 8, maxLength: LIMITS.idMax, pattern: '^[A-Za-z0-9_-]+$' }),
    text: Type.String({ minLength: 1, maxLength: LIMITS.openTextMax }),
    named: Type.Boolean(),
  },
  strict,
);
/** Participant: upvote someone else's question, or withdraw the vote. */
export const QaVotePayloadSchema = Type.Object({ ...qaQuestionRef, voted: Type.Boolean() }, strict);
/** Facilitator: show a question (approve it, or show a hidden one again) or hide it. */
export const QaStatusPayloadSchema = Type.Object(
  { ...qaQuestionRef, status: Type.Union([Type.Literal('shown'), Type.Literal('hidden')]) },
  strict,
);
/** Facilitator: mark a question answered, or not. */
export const QaAnsweredPayloadSchema = Type.Object({ ...qaQuestionRef, answered: Type.Boolean() }, strict);
/** Facilitator: put one question on the projector in large type (null: take it off). */
export const QaHighlightPayloadSchema = Type.Object({ ...qaRef, questionId: Type.Union([IdSchema, Type.Null()]) }, strict);

/** Which facilitator screen a socket is: the presenter screen (projected) gets no notes unless asked; any other gets them. */
export const FacilitatorScreenSchema = Type.Union([Type.Literal('console'), Type.Literal('presenter')]);

/** Handshake `auth` of a facilitator socket (console, agenda editor or presenter screen). */
export const FacilitatorAuthSchema = Type.Object(
  { sessionId: IdSchema, facilitatorToken: TokenSchema, screen: Type.Optional(FacilitatorScreenSchema) },
  strict,
);

// ---------- HTTP bodies ----------

/** The name and version of the agenda JSON format (docs/agenda-format.md). */
export const AGENDA_FORMAT = 'plenario-agenda';
export const AGENDA_VERSION = 1;

/** Names of the agencies (servicios) taking part in a session. */
export const AgenciesSchema = Type.Array(Type.String({ minLength: 1, maxLength: LIMITS.agencyNameMax }), { maxItems: LIMITS.agenciesMax });

export const CreateSessionBodySchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: LIMITS.sessionTitleMax }),
    template: Type.Optional(IdSchema),
    /** An exported agenda (AgendaDocument), in place of a template; checked in full on the server. */
    agenda: Type.Optional(Type.Unknown()),
    /** Same agenda as an earlier session (fresh ids, no answers): how session 2 follows session 1. */
    fromSessionId: Type.Optional(IdSchema),
    /** With fromSessionId: open its "Retomando" with a slide of what its salas asked and what came of it (the support register). */
    retomandoFromRegister: Type.Optional(Type.Boolean()),
    seriesId: Type.Optional(IdSchema),
    agencies: Type.Optional(AgenciesSchema),
    namesInReports: Type.Optional(Type.Boolean()),
    /** The language of its phones and projector; es-CL when left out. */
    locale: Type.Optional(LocaleSchema),
  },
  strict,
);

/** The details a facilitator keeps about a session, for reports and series. */
export const SessionDetailsBodySchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: LIMITS.sessionTitleMax }),
    seriesId: Type.Union([IdSchema, Type.Null()]),
    agencies: AgenciesSchema,
    namesInReports: Type.Boolean(),
    /** The language of its phones and projector; left out, it stays as it is. */
    locale: Type.Optional(LocaleSchema),
  },
  strict,
);

export const CreateSeriesBodySchema = Type.Object({ title: Type.String({ minLength: 1, maxLength: LIMITS.sessionTitleMax }) }, strict);

/** A session's agenda saved as a template, under this title. */
export const SaveTemplateBodySchema = Type.Object({ title: Type.String({ minLength: 1, maxLength: LIMITS.sessionTitleMax }) }, strict);

/** The facilitator's comments and analysis of an activity's results; an empty text removes them. */
export const FacilitatorCommentBodySchema = Type.Object({ text: Type.String({ maxLength: LIMITS.facilitatorCommentMax }) }, strict);

/** Days after which participant data of a session is removed; null keeps it until the session is deleted. */
export const RetentionBodySchema = Type.Object(
  { days: Type.Union([Type.Integer({ minimum: 1, maximum: LIMITS.retentionDaysMax }), Type.Null()]) },
  strict,
);

// ---------- HTTP answers (the workspace's and accounts' are in workspace.ts and accounts.ts) ----------

/** A new session, or a new console link to one: the facilitatorToken unlocks the console, keep it secret. */
export const CreatedSessionSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  facilitatorToken: Type.String(),
  joinUrl: Type.String(),
  presenterUrl: Type.String(),
  facilitatorUrl: Type.String(),
});

export const TemplateSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  /** Shipped with the app (as opposed to saved from a session's agenda). */
  builtIn: Type.Boolean(),
});

/** A join code checked: the open session behind it. */
/** What GET /api/join/:code tells a phone before it joins: never the session's id. */
export const JoinCheckSchema = Type.Object(
  {
    sessionId: Type.String({
      description:
        "The session's id: the phone's socket carries it (`?session=`), so that HAProxy routes it to the node that owns the session.",
    }),
    title: Type.String(),
    createdAt: Type.Integer({
      description: "When the session was made (ms since 1970): tells a reused code's new session from the old one.",
    }),
    /** The language the session set for its phones: the notice is shown in it. */
    locale: LocaleSchema,
    /** The agencies taking part, for the participant to pick theirs (optional). */
    agencies: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);

export const ErrorBodySchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  }),
});
