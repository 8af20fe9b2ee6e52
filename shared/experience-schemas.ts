/**
 * The TypeBox schemas of experience cards (shared/experience.ts): the wire's payloads, the
 * catalogue's fields and the report's entry. Server-side only: the phone imports the limits and
 * types of experience.ts, never these (TypeBox would come with them).
 */
import { Type } from 'typebox';
import { AXES, type AxisId } from './axes.ts';
import { EMAIL_PATTERN, EXPERIENCE_APPROACHES, EXPERIENCE_LIMITS } from './experience.ts';
import { LIMITS } from './limits.ts';
import { IdSchema } from './schemas.ts';

const strict = { additionalProperties: false } as const;
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const AxisIdSchema = Type.Enum(AXES.map((axis) => axis.id) as AxisId[]);
export const ExperienceApproachSchema = Type.Enum([...EXPERIENCE_APPROACHES]);

/**
 * Whether Servicio Civil may contact the agency about the card. The unit's name and e-mail are
 * only ever sent with `optIn: true`: with `false` any other field is refused.
 */
export const ExperienceContactSchema = Type.Union([
  Type.Object({ optIn: Type.Literal(false) }, strict),
  Type.Object(
    {
      optIn: Type.Literal(true),
      /** An institutional unit ("Unidad de Calidad de Vida"), not a person. */
      unit: Text(EXPERIENCE_LIMITS.contactNameMax),
      email: Type.String({ minLength: 3, maxLength: EXPERIENCE_LIMITS.contactEmailMax, pattern: EMAIL_PATTERN }),
    },
    strict,
  ),
]);

/** One card as written. */
export const ExperienceCardInputSchema = Type.Object(
  {
    /** One of the session's agencies, or typed. */
    agency: Text(LIMITS.agencyNameMax),
    /** The initiative's name ("Plan IPS Conversa, Contiene y Cobija"). */
    name: Text(EXPERIENCE_LIMITS.nameMax),
    axes: Type.Array(AxisIdSchema, { minItems: 1, maxItems: AXES.length }),
    approach: ExperienceApproachSchema,
    /** How many it reached and what that counts ("1.332" "personas"). */
    reach: Type.Union([
      Type.Object(
        {
          count: Type.Integer({ minimum: 0, maximum: EXPERIENCE_LIMITS.reachCountMax }),
          unit: Text(EXPERIENCE_LIMITS.reachUnitMax),
        },
        strict,
      ),
      Type.Null(),
    ]),
    /** Since when it runs: a year, and a month if known. */
    since: Type.Union([
      Type.Object(
        {
          year: Type.Integer({ minimum: EXPERIENCE_LIMITS.sinceYearMin, maximum: 2100 }),
          month: Type.Union([Type.Integer({ minimum: 1, maximum: 12 }), Type.Null()]),
        },
        strict,
      ),
      Type.Null(),
    ]),
    lesson: Type.Union([Text(EXPERIENCE_LIMITS.lessonMax), Type.Null()]),
    contact: ExperienceContactSchema,
  },
  strict,
);

/** Save (create or replace) a card; `cardId` is made by the client once per card, so a retry stores nothing twice. */
export const ExperienceSavePayloadSchema = Type.Object(
  {
    activityId: IdSchema,
    cardId: IdSchema,
    /** The sala whose card it is: given at a synthesis activity (its secretary writes), absent at an experience activity. */
    salaId: Type.Optional(IdSchema),
    card: ExperienceCardInputSchema,
  },
  strict,
);
export const ExperienceDeletePayloadSchema = Type.Object({ activityId: IdSchema, cardId: IdSchema }, strict);
export const ExperienceListPayloadSchema = Type.Object({ activityId: IdSchema }, strict);

/**
 * A card as the session report lists it (`experiences[]`, docs/report-format.md): what was
 * written, where (the activity's place; the sala's name for a sala's card), never who wrote it.
 * The contact is there only when the writer opted in, and until the retention period ends.
 */
export const ExperienceReportSchema = Type.Object({
  id: Type.String(),
  activityId: Type.String(),
  /** 1-based place of its activity (a synthesis or an experience activity) in the agenda. */
  position: Type.Integer(),
  salaName: Type.Union([Type.String(), Type.Null()]),
  agency: Type.String(),
  name: Type.String(),
  axes: Type.Array(Type.String()),
  approach: ExperienceApproachSchema,
  reach: Type.Union([Type.Object({ count: Type.Integer(), unit: Type.String() }), Type.Null()]),
  since: Type.Union([Type.Object({ year: Type.Integer(), month: Type.Union([Type.Integer(), Type.Null()]) }), Type.Null()]),
  lesson: Type.Union([Type.String(), Type.Null()]),
  contact: Type.Union([Type.Object({ unit: Type.String(), email: Type.String() }), Type.Null()]),
  createdAt: Type.String({ description: 'ISO 8601 date-time, UTC' }),
});
