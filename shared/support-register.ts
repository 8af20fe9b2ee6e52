/**
 * The support register on the wire (server/domain/support-register.ts holds its rules): what the
 * salas asked of Servicio Civil in their syntheses, one entry per kind of support, and what
 * Servicio Civil did about it (a status and a short public note).
 */
import { Type, type Static } from 'typebox';
import { ContentActivitySchema } from './schemas.ts';

/** Where an entry stands; a new entry is `recibido`. */
export const SUPPORT_STATUSES = ['recibido', 'en-analisis', 'en-curso', 'entregado', 'descartado'] as const;
export const SupportStatusSchema = Type.Enum(SUPPORT_STATUSES);
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

/** The public note ("lo que hicimos") is short: it goes on a slide. */
export const SUPPORT_NOTE_MAX = 280;

export const SupportEntrySchema = Type.Object({
  id: Type.String(),
  sessionId: Type.String(),
  sessionTitle: Type.String(),
  series: Type.Union([Type.Object({ id: Type.String(), title: Type.String() }), Type.Null()]),
  salaName: Type.String(),
  /** The support option ticked (its id and label); null: the sala wrote text but ticked none. */
  kind: Type.Union([Type.Object({ id: Type.String(), label: Type.String() }), Type.Null()]),
  /** The sala's own words in the support question's field ('' when it wrote none). */
  text: Type.String(),
  /** The agencies its members said at join (names only); empty when none was said. */
  agencies: Type.Array(Type.String()),
  status: SupportStatusSchema,
  note: Type.String(),
  createdAt: Type.Integer(),
  updatedAt: Type.Integer(),
});
export type SupportEntry = Static<typeof SupportEntrySchema>;

/** GET /api/support's filters, both optional. */
export const SupportQuerySchema = Type.Object(
  {
    seriesId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
    status: Type.Optional(SupportStatusSchema),
  },
  { additionalProperties: false },
);
export type SupportQuery = Static<typeof SupportQuerySchema>;

/** PUT /api/support/:id: the new status and note. */
export const SupportUpdateBodySchema = Type.Object(
  { status: SupportStatusSchema, note: Type.String({ maxLength: SUPPORT_NOTE_MAX }) },
  { additionalProperties: false },
);
export type SupportUpdateBody = Static<typeof SupportUpdateBodySchema>;

export const SupportEntriesSchema = Type.Array(SupportEntrySchema);

/** GET /api/sessions/:id/support-slide: the slide from the previous session of the series, if any. */
export const SupportSlideSchema = Type.Object({
  /** The session whose register it is made from; null when the series has none before this one. */
  from: Type.Union([Type.Object({ id: Type.String(), title: Type.String() }), Type.Null()]),
  /** A content slide without id, to insert; null when nothing was asked there. */
  slide: Type.Union([Type.Omit(ContentActivitySchema, ['id']), Type.Null()]),
});
export type SupportSlide = Static<typeof SupportSlideSchema>;
