/**
 * What the workspace's HTTP routes answer (server/routes/workspace.ts): one schema per response,
 * used by the server to serialise and document it, and by the client for its types; and the
 * retention cut-off both sides compute.
 */
import { Type, type Static } from 'typebox';
import { LocaleSchema } from './schemas.ts';

const NullableInteger = Type.Union([Type.Integer(), Type.Null()]);

/** What every view of a session in the workspace tells. Times are epoch milliseconds. */
const sessionFacts = {
  id: Type.String(),
  title: Type.String(),
  code: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  createdAt: Type.Integer(),
  closedAt: NullableInteger,
  agencies: Type.Array(Type.String()),
  /** When the retention period removed its participants and answers. */
  participantDataRemovedAt: NullableInteger,
};

/** A session as the workspace lists it. */
export const SessionListingSchema = Type.Object({
  ...sessionFacts,
  series: Type.Union([Type.Object({ id: Type.String(), title: Type.String() }), Type.Null()]),
  participants: Type.Integer(),
});

/** What GET/PUT /api/sessions/:id/details answer. */
export const SessionDetailsSchema = Type.Object({
  ...sessionFacts,
  seriesId: Type.Union([Type.String(), Type.Null()]),
  namesInReports: Type.Boolean(),
  /** The language of its phones and projector. */
  locale: LocaleSchema,
});

export const SeriesSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  createdAt: Type.Integer(),
  /** How many sessions of the series the reader may see. */
  sessions: Type.Integer(),
});

/** What GET /api/series/:id answers: the series and the sessions in it the reader may see, oldest first. */
export const SeriesWithSessionsSchema = Type.Object({
  series: SeriesSummarySchema,
  sessions: Type.Array(Type.Omit(SessionListingSchema, ['series'])),
});

export const RetentionSchema = Type.Object({ days: NullableInteger });

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Sessions created before this moment lose their participant data under a retention period of
 * `days`: the server applies it, the workspace counts beforehand what saving a period would clear.
 */
export function retentionCutoff(days: number, now: number): number {
  return now - days * DAY_MS;
}

export const RetentionSavedSchema = Type.Object({
  days: NullableInteger,
  /** Sessions whose participant data was removed just now. */
  cleared: Type.Integer(),
});

export type SessionListing = Static<typeof SessionListingSchema>;
export type SessionDetails = Static<typeof SessionDetailsSchema>;
export type SeriesSummary = Static<typeof SeriesSummarySchema>;
export type SeriesWithSessions = Static<typeof SeriesWithSessionsSchema>;
export type Retention = Static<typeof RetentionSchema>;
export type RetentionSaved = Static<typeof RetentionSavedSchema>;
