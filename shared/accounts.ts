/**
 * Facilitator accounts on the wire: the public view of an account (never its password hash),
 * one TypeBox schema per body the server accepts, and the limits the client's forms share
 * with the server's checks.
 */
import { Type, type Static } from 'typebox';

const strict = { additionalProperties: false } as const;

/** Limits of account fields, shared by the client's forms, the schemas and the service. */
export const ACCOUNT_LIMITS = {
  /** Long enough that a guessed list will not find it; a passphrase is welcome. */
  passwordMin: 10,
  /** scrypt takes any length; the cap keeps a request from spending the server's time. */
  passwordMax: 200,
  /** RFC 5321's longest usable address. */
  emailMax: 254,
  nameMax: 100,
} as const;

/** An administrator adds accounts and sees every session; a facilitator sees their own. */
export const AccountRoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('facilitator')]);
export type AccountRole = Static<typeof AccountRoleSchema>;

/** An account as the server shows it. */
export const AccountSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: AccountRoleSchema,
  /** Milliseconds since the epoch. */
  createdAt: Type.Number(),
});
export type Account = Static<typeof AccountSchema>;

/**
 * Sign-in. Only lengths are checked here: whether the address looks right is not worth a
 * different answer than a wrong password (every failure is the same 401).
 */
export const SignInBodySchema = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: ACCOUNT_LIMITS.emailMax }),
    password: Type.String({ minLength: 1, maxLength: ACCOUNT_LIMITS.passwordMax }),
  },
  strict,
);
export type SignInBody = Static<typeof SignInBodySchema>;

/** Something@something.something, spaces around allowed (they are trimmed). */
const EMAIL_PATTERN = '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$';

/** An administrator adds an account; the password is typed or generated in the form. */
export const CreateAccountBodySchema = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: ACCOUNT_LIMITS.emailMax, pattern: EMAIL_PATTERN }),
    name: Type.String({ minLength: 1, maxLength: ACCOUNT_LIMITS.nameMax }),
    password: Type.String({ minLength: ACCOUNT_LIMITS.passwordMin, maxLength: ACCOUNT_LIMITS.passwordMax }),
    role: AccountRoleSchema,
  },
  strict,
);
export type CreateAccountBody = Static<typeof CreateAccountBodySchema>;

/** The answer to a sign-in. */
export const SignInResponseSchema = Type.Object({ account: AccountSchema });
export type SignInResponse = Static<typeof SignInResponseSchema>;

/** Who is signed in on this browser, and whether sign-in is in use at all. */
export const MeResponseSchema = Type.Object({
  account: Type.Union([AccountSchema, Type.Null()]),
  /** False until the first administrator is created: the workspace is then open as before. */
  accountsExist: Type.Boolean(),
  /** The agency's identity provider (OIDC_NAME) when sign-in with it is configured, else null. */
  provider: Type.Union([Type.Object({ name: Type.String() }), Type.Null()]),
});
export type MeResponse = Static<typeof MeResponseSchema>;

/** Addresses are compared as typed, without surrounding spaces and in lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Whether a (normalised) address has the shape of one; delivery is not checked. */
export function isValidEmail(email: string): boolean {
  return email.length <= ACCOUNT_LIMITS.emailMax && new RegExp(EMAIL_PATTERN).test(email);
}

/**
 * Why a password is refused, or null. Length is counted in characters (code points), as the
 * schemas count it, so "ñ" or an emoji is one.
 */
export function passwordProblem(password: string): 'tooShort' | 'tooLong' | null {
  const length = [...password].length;
  if (length < ACCOUNT_LIMITS.passwordMin) return 'tooShort';
  if (length > ACCOUNT_LIMITS.passwordMax) return 'tooLong';
  return null;
}
