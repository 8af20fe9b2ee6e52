/**
 * GET /api/sessions/:id's response as a schema (SessionSnapshot in shared/types.ts): every field
 * a client relies on is required with its type. Objects stay open (additionalProperties), since
 * Fastify serialises the reply by this schema and would otherwise drop fields that later changes
 * add to the live views; the contract test checks the reply against it.
 */
import { Type } from 'typebox';

const open = { additionalProperties: true } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Epoch = Type.Integer({ description: 'Server clock, epoch milliseconds' });

const TimerSchema = Type.Object(
  { deadline: Nullable(Type.Number()), pausedRemainingMs: Nullable(Type.Number()), serverNow: Type.Number() },
  open,
);

const LiveSchema = Type.Object(
  {
    currentActivityId: Nullable(Type.String()),
    resultsVisible: Type.Boolean(),
    blank: Type.Boolean(),
    answering: Type.Record(Type.String(), Type.Union([Type.Literal('idle'), Type.Literal('open'), Type.Literal('closed')])),
    participantCount: Type.Integer(),
    status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  },
  open,
);

const SessionViewSchema = Type.Object(
  {
    id: Type.String(),
    code: Type.String({ pattern: '^[0-9]{6}$' }),
    title: Type.String(),
    createdAt: Epoch,
    /** The activities as docs/agenda-format.md describes them. */
    agenda: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), title: Type.String() }, open)),
    live: LiveSchema,
    joinUrl: Type.String(),
  },
  open,
);

/** A Q&A activity's questions (shared/qa.ts's QaBoard): every one, with its status, for the facilitator. */
const QaBoardSchema = Type.Object(
  {
    activityId: Type.String(),
    questions: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          text: Type.String(),
          author: Nullable(Type.String()),
          votes: Type.Integer(),
          answered: Type.Boolean(),
          status: Type.Union([Type.Literal('pending'), Type.Literal('shown'), Type.Literal('hidden')]),
          askedAt: Epoch,
        },
        open,
      ),
    ),
    highlightedId: Nullable(Type.String()),
  },
  open,
);

const BreakoutViewSchema = Type.Object(
  {
    activityId: Type.String(),
    phase: Type.String(),
    timer: TimerSchema,
    salas: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          name: Type.String(),
          videoUrl: Nullable(Type.String()),
          members: Type.Array(Type.Object({}, open)),
          roles: Type.Record(Type.String(), Nullable(Type.String())),
        },
        open,
      ),
    ),
    message: Nullable(Type.Object({ text: Type.String(), at: Epoch }, open)),
  },
  open,
);

const SynthesisViewSchema = Type.Object(
  {
    activityId: Type.String(),
    breakoutActivityId: Type.String(),
    phase: Type.String(),
    timer: TimerSchema,
    salas: Type.Array(
      Type.Object(
        {
          salaId: Type.String(),
          version: Type.Integer(),
          submittedAt: Nullable(Epoch),
          hidden: Type.Boolean(),
          updatedAt: Nullable(Epoch),
          content: Nullable(Type.Object({}, open)),
        },
        open,
      ),
    ),
  },
  open,
);

const ResultsSchema = Type.Union([
  Type.Object({ kind: Type.Literal('choice'), respondents: Type.Integer(), counts: Type.Record(Type.String(), Type.Integer()) }, open),
  Type.Object(
    {
      kind: Type.Literal('rating'),
      respondents: Type.Integer(),
      items: Type.Record(
        Type.String(),
        Type.Object(
          { counts: Type.Array(Type.Integer(), { minItems: 5, maxItems: 5 }), n: Type.Integer(), mean: Nullable(Type.Number()) },
          open,
        ),
      ),
    },
    open,
  ),
  Type.Object(
    {
      kind: Type.Literal('ranking'),
      respondents: Type.Integer(),
      items: Type.Record(
        Type.String(),
        Type.Object({ positions: Type.Array(Type.Integer()), meanPosition: Nullable(Type.Number()) }, open),
      ),
    },
    open,
  ),
  Type.Object(
    {
      kind: Type.Literal('points'),
      respondents: Type.Integer(),
      budget: Type.Integer(),
      items: Type.Record(
        Type.String(),
        Type.Object({ mean: Nullable(Type.Number()), distribution: Type.Array(Type.Integer(), { minItems: 5, maxItems: 5 }) }, open),
      ),
    },
    open,
  ),
  Type.Object(
    {
      kind: Type.Literal('open'),
      respondents: Type.Integer(),
      answers: Type.Array(Type.Object({ id: Type.String(), text: Type.String(), hidden: Type.Boolean() }, open)),
      words: Type.Array(Type.Object({ word: Type.String(), count: Type.Integer() }, open)),
    },
    open,
  ),
]);

export const SessionSnapshotSchema = Type.Object(
  {
    session: SessionViewSchema,
    breakouts: Type.Record(Type.String(), BreakoutViewSchema),
    syntheses: Type.Record(Type.String(), SynthesisViewSchema),
    results: Type.Record(Type.String(), ResultsSchema),
    qa: Type.Record(Type.String(), QaBoardSchema),
  },
  open,
);
