/**
 * Sign-in with the agency's provider on the wire: the administrators' list of emails and
 * domains that may become facilitators, and why a sign-in was refused.
 */
import { Type, type Static } from 'typebox';
import { ACCOUNT_LIMITS } from './accounts.ts';

/** An address ("ana@servicio.cl") or a domain ("@servicio.cl"), as stored. */
export const AllowListEntrySchema = Type.Object({
  entry: Type.String(),
  /** Milliseconds since the epoch. */
  createdAt: Type.Number(),
});
export type AllowListEntry = Static<typeof AllowListEntrySchema>;

export const AllowListSchema = Type.Object({ entries: Type.Array(AllowListEntrySchema) });
export type AllowList = Static<typeof AllowListSchema>;

/** An administrator adds an address or a domain ("servicio.cl" or "@servicio.cl"). */
export const AddAllowEntryBodySchema = Type.Object(
  { entry: Type.String({ minLength: 1, maxLength: ACCOUNT_LIMITS.emailMax }) },
  { additionalProperties: false },
);
export type AddAllowEntryBody = Static<typeof AddAllowEntryBodySchema>;

/** Why a sign-in with the provider was refused: the sign-in page's ?oidc= parameter. */
export const OIDC_REFUSALS = ['attempt-unknown', 'attempt-expired', 'provider-refused', 'no-email', 'not-allowed'] as const;
export type OidcRefusal = (typeof OIDC_REFUSALS)[number];
