/**
 * The audit trail on the wire (server/domain/audit.ts holds its rules): who (an account, a
 * session's console link, or the server itself) did what, when, to whose data. An entry never
 * holds participant data (no answers, names or addresses) nor an attempted email or password.
 */
import { Type, type Static } from 'typebox';

/** Everything the trail records. */
export const AUDIT_ACTIONS = [
  'sign-in.succeeded',
  'sign-in.failed',
  'report.downloaded',
  'session.deleted',
  'participant-data.removed',
  'retention.changed',
  'account.created',
  'account.deleted',
  'facilitator-link.created',
  'sign-in-allowlist.added',
  'sign-in-allowlist.removed',
  'support.updated',
  'experiences.exported',
] as const;
export const AuditActionSchema = Type.Enum(AUDIT_ACTIONS);
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Who did it: a signed-in account (its email as it was then, so the entry still reads after the
 * account is removed), whoever holds a session's console link, the server's own retention job,
 * or nobody known (a failed sign-in with an email that has no account: the email is not kept).
 */
export const AuditActorSchema = Type.Union([
  Type.Object({ kind: Type.Literal('account'), accountId: Type.String(), email: Type.String() }),
  Type.Object({ kind: Type.Literal('session-link') }),
  Type.Object({ kind: Type.Literal('system') }),
  Type.Object({ kind: Type.Literal('unknown') }),
]);
export type AuditActor = Static<typeof AuditActorSchema>;

/** Whose data it touched: a session, a series, an account, or the workspace's settings (retention, the sign-in allow-list). */
export const AuditTargetSchema = Type.Object({
  kind: Type.Union([Type.Literal('session'), Type.Literal('series'), Type.Literal('account'), Type.Literal('settings')]),
  /** The session's, series' or account's id; null for settings. */
  id: Type.Union([Type.String(), Type.Null()]),
  /** What a reader recognises it by, as it was then: a title, an email, a setting's name. */
  label: Type.String(),
  /** The account that owns the data (a session's or series' owner, the account itself); null: none. */
  ownerAccountId: Type.Union([Type.String(), Type.Null()]),
});
export type AuditTarget = Static<typeof AuditTargetSchema>;

/** The few facts an action carries besides its target: a report's format, a period's days. */
export const AuditDetailSchema = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]));
export type AuditDetail = Static<typeof AuditDetailSchema>;

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  /** Server clock, ms since the epoch. */
  at: Type.Number(),
  action: AuditActionSchema,
  actor: AuditActorSchema,
  target: Type.Union([AuditTargetSchema, Type.Null()]),
  detail: AuditDetailSchema,
});
export type AuditEntry = Static<typeof AuditEntrySchema>;
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

/** The list's filters and page; every one optional. */
export const AuditQuerySchema = Type.Object(
  {
    action: Type.Optional(AuditActionSchema),
    accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** 1-based, as digits (the query string is not coerced). */
    page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,5}$' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuerySchema>;

/** One page of the list, newest first. */
export const AuditPageSchema = Type.Object({
  entries: Type.Array(AuditEntrySchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  /** How many days entries are kept. */
  keepDays: Type.Integer(),
});
export type AuditPageBody = Static<typeof AuditPageSchema>;
