/**
 * Commitments until the next session: the payloads of their events, what the server answers,
 * and the rules both sides apply to the short code (docs/protocol.md, "Commitments").
 * The TypeBox schemas are in commitment-schemas.ts (kept apart so that no phone bundles TypeBox).
 * A commitment's text goes only to the phone that wrote it (or that proves it, by the browser's
 * key or the short code); facilitators and the room get counts only (CommitmentTally).
 */
import type { Static } from 'typebox';
import type * as S from './commitment-schemas.ts';

export const COMMITMENT_LIMITS = {
  /** One sentence, read back at the next session: short enough to say in one breath. */
  textMax: 280,
  /** Characters of the short code (shown as two groups of four). */
  codeLength: 8,
  /** Commitment look-ups (by key or code) per participant per minute: a code is not guessed by trying. */
  findsPerMinute: 10,
  /** Writes and follow-up answers per participant per 10 seconds. */
  writesPer10Seconds: 10,
} as const;

/** Letters and digits that cannot be mistaken for one another (no I, O, 0, 1). */
export const COMMITMENT_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** The code as typed ("abcd efgh", "ABCD-EFGH") in its stored form, or null when it cannot be one. */
export function normalizeCommitmentCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== COMMITMENT_LIMITS.codeLength) return null;
  return [...code].every((c) => COMMITMENT_CODE_ALPHABET.includes(c)) ? code : null;
}

/** The code as shown: "ABCD-EFGH". */
export function formatCommitmentCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** At the follow-up: yes, I did it · I started it · not yet. */
export const COMMITMENT_OUTCOMES = ['done', 'started', 'notYet'] as const;
export type CommitmentOutcome = (typeof COMMITMENT_OUTCOMES)[number];

export type CommitmentWritePayload = Static<typeof S.CommitmentWritePayloadSchema>;
export type CommitmentProof = Static<typeof S.CommitmentProofSchema>;
export type CommitmentFindPayload = Static<typeof S.CommitmentFindPayloadSchema>;
export type CommitmentReviewPayload = Static<typeof S.CommitmentReviewPayloadSchema>;
export type CommitmentTallyPayload = Static<typeof S.CommitmentTallyPayloadSchema>;

/** The writer's own commitment, as stored. `code` only on the first write: the server keeps a hash of it. */
export interface CommitmentWritten {
  activityId: string;
  text: string;
  code: string | null;
  updatedAt: number;
}

/** One's own commitment found at the follow-up, and what one answered about it, if anything yet. */
export interface CommitmentFound {
  activityId: string;
  text: string;
  writtenAt: number;
  /** The title of the session where it was written. */
  sessionTitle: string;
  outcome: CommitmentOutcome | null;
}

/** Counts by answer at a follow-up. */
export type CommitmentOutcomeCounts = Record<CommitmentOutcome, number>;

/**
 * What the room, the projector and the facilitator see: counts only. At a follow-up, the counts
 * by answer are null below LIMITS.smallGroupMin answers (one or two people's answers would show).
 */
export type CommitmentTally =
  | { activityId: string; mode: 'write'; written: number }
  | { activityId: string; mode: 'review'; answered: number; outcomes: CommitmentOutcomeCounts | null };

/** A commitment activity in the session report: counts only. */
export type CommitmentReport = Static<typeof S.CommitmentReportSchema>;
