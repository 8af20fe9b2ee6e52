/**
 * The workspace's experience catalogue on the wire: every card of the sessions an account may
 * read, with the session and series it was told in. The filtering rule is
 * server/domain/experience-catalogue.ts'.
 */
import { Type, type Static } from 'typebox';
import { AxisIdSchema, ExperienceApproachSchema } from './experience-schemas.ts';
import { LIMITS } from './limits.ts';
import { IdSchema } from './schemas.ts';

/** The longest search text: a few words, not a card. */
export const CATALOGUE_QUERY_MAX = 200;

/** GET /api/experiences (and its .csv/.xlsx): every filter optional, all of them must hold. */
export const CatalogueQuerySchema = Type.Object(
  {
    agency: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.agencyNameMax })),
    axis: Type.Optional(AxisIdSchema),
    /** preventive or reactive also select the cards that are both; both selects only those. */
    approach: Type.Optional(ExperienceApproachSchema),
    seriesId: Type.Optional(IdSchema),
    /** Words searched in the name, lesson, agency and reach unit; each must appear (accents and case aside). */
    q: Type.Optional(Type.String({ maxLength: CATALOGUE_QUERY_MAX })),
  },
  { additionalProperties: false },
);
export type CatalogueQuery = Static<typeof CatalogueQuerySchema>;

/** The exports add the report language and, for CSV, the separator (docs/report-format.md). */
export const CatalogueExportQuerySchema = Type.Object(
  {
    ...CatalogueQuerySchema.properties,
    locale: Type.Optional(Type.Union([Type.Literal('es-CL'), Type.Literal('en')])),
    separator: Type.Optional(Type.Union([Type.Literal('semicolon'), Type.Literal('comma')])),
  },
  { additionalProperties: false },
);
export type CatalogueExportQuery = Static<typeof CatalogueExportQuerySchema>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const SeriesRefSchema = Type.Object({ id: Type.String(), title: Type.String() });

/** One card in the catalogue: what was written, and where; never who wrote it. */
export const CatalogueCardSchema = Type.Object({
  sessionId: Type.String(),
  sessionTitle: Type.String(),
  sessionDate: Type.String({ description: 'ISO 8601 date-time, UTC: when the session was created' }),
  series: Nullable(SeriesRefSchema),
  activityId: Type.String(),
  id: Type.String(),
  agency: Type.String(),
  name: Type.String(),
  axes: Type.Array(AxisIdSchema),
  approach: ExperienceApproachSchema,
  reach: Nullable(Type.Object({ count: Type.Integer(), unit: Type.String() })),
  since: Nullable(Type.Object({ year: Type.Integer(), month: Nullable(Type.Integer()) })),
  lesson: Nullable(Type.String()),
  /** The institutional contact, only when the writer opted in. */
  contact: Nullable(Type.Object({ unit: Type.String(), email: Type.String() })),
  createdAt: Type.String({ description: 'ISO 8601 date-time, UTC' }),
});
export type CatalogueCard = Static<typeof CatalogueCardSchema>;

/** The list: the cards the filters select, and what the filters can choose from (every readable card's agencies and series). */
export const CatalogueListSchema = Type.Object({
  cards: Type.Array(CatalogueCardSchema),
  agencies: Type.Array(Type.String()),
  series: Type.Array(SeriesRefSchema),
});
export type CatalogueList = Static<typeof CatalogueListSchema>;

export const CatalogueCardParamsSchema = Type.Object({ sessionId: IdSchema, activityId: IdSchema, cardId: IdSchema });
