/**
 * The TypeBox schemas of commitments (shared/commitment.ts): the wire's payloads and the report's
 * entry. Server-side only: the phone imports the limits, code helpers and types of
 * commitment.ts, never these (TypeBox would come with them).
 */
import { Type } from 'typebox';
import { COMMITMENT_LIMITS } from './commitment.ts';
import { IdSchema, TokenSchema } from './schemas.ts';

export const CommitmentOutcomeSchema = Type.Union([Type.Literal('done'), Type.Literal('started'), Type.Literal('notYet')]);

const strict = { additionalProperties: false } as const;

/** This browser's key for its commitments, kept in localStorage across sessions. */
export const CommitmentKeySchema = TokenSchema;

export const CommitmentWritePayloadSchema = Type.Object(
  {
    activityId: IdSchema,
    text: Type.String({ minLength: 1, maxLength: COMMITMENT_LIMITS.textMax }),
    key: CommitmentKeySchema,
  },
  strict,
);

/** How a phone proves a commitment is its own: this browser's key, or the short code typed. */
export const CommitmentProofSchema = Type.Union([
  Type.Object({ key: CommitmentKeySchema }, strict),
  Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) }, strict),
]);

export const CommitmentFindPayloadSchema = Type.Object({ activityId: IdSchema, proof: CommitmentProofSchema }, strict);
export const CommitmentReviewPayloadSchema = Type.Object(
  { activityId: IdSchema, proof: CommitmentProofSchema, outcome: CommitmentOutcomeSchema },
  strict,
);
export const CommitmentTallyPayloadSchema = Type.Object({ activityId: IdSchema }, strict);

const reportBase = {
  activityId: Type.String(),
  /** 1-based place in the agenda. */
  position: Type.Integer(),
  section: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
};

/**
 * A commitment activity in the session report: counts only, never a text or who wrote what.
 * A follow-up's counts by answer are null (suppressed) below LIMITS.smallGroupMin answers.
 */
export const CommitmentReportSchema = Type.Union([
  Type.Object({ ...reportBase, mode: Type.Literal('write'), written: Type.Integer() }),
  Type.Object({
    ...reportBase,
    mode: Type.Literal('review'),
    answered: Type.Integer(),
    suppressed: Type.Boolean(),
    outcomes: Type.Union([Type.Object({ done: Type.Integer(), started: Type.Integer(), notYet: Type.Integer() }), Type.Null()]),
  }),
]);
